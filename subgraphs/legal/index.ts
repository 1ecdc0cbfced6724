// The legal subgraph: schema, signed /graphql, signed /files/<sha256>, the sync jobs (at boot,
// on a schedule, on an administrator's demand) and, in development without configured
// upstreams, the bundled fake upstreams so `npm start` shows real synced data.
import type { PrismaClient } from '../../schema/db/prisma.ts';
import { startSubgraph, type RunningSubgraph } from '../kit/server.ts';
import type { SubgraphDeps } from '../registry.ts';
import { resolveLegalOptions, type LegalOptions } from './config.ts';
import { createLegalContext, type LegalRuntime } from './context.ts';
import type { DemoUpstreams } from './demo-upstreams.ts';
import { createFileStore } from './files/file-store.ts';
import { legalFileRoutes } from './files/routes.ts';
import { createLiveLookupLimiter } from './lookup/live-limit.ts';
import { buildLegalSchema, LEGAL_SUBGRAPH } from './schema.ts';
import { startSyncScheduler } from './sync/scheduler.ts';
import { createLegalSyncer, type LegalSources, type LegalSyncer } from './sync/syncer.ts';

/** The running subgraph, with its syncer (tests and the launcher can run a sync to the end). */
export interface RunningLegalSubgraph extends RunningSubgraph {
  syncer: LegalSyncer;
}

export async function startLegalSubgraph(deps: SubgraphDeps, port = 0, options: LegalOptions = {}): Promise<RunningLegalSubgraph> {
  const resolved = resolveLegalOptions(options, deps.env);
  const useDemo = !resolved.sources && resolved.demoUpstreams !== 'off';
  const demo: DemoUpstreams | null = useDemo ? await (await import('./demo-upstreams.ts')).startDemoUpstreams(resolved.clock) : null;
  const sources: LegalSources = resolved.sources ?? demo?.sources ?? {};
  const store = createFileStore(resolved.filesDir);
  const rule = { names: resolved.provinceNames };
  const syncer = createLegalSyncer({ prisma: deps.prisma, sources, store, clock: resolved.clock, logger: deps.logger, rule });
  const runtime: LegalRuntime = {
    options: resolved,
    now: resolved.clock,
    rule,
    sources,
    store,
    syncer,
    liveLimiter: createLiveLookupLimiter(resolved.livePerMinute),
    // The gateway signs its public address (PUBLIC_URL); without one the link is relative.
    downloadUrl: (sha256, gatewayBase) => `${gatewayBase?.replace(/\/$/, '') ?? ''}/${LEGAL_SUBGRAPH}/files/${sha256}`,
  };

  if (resolved.syncAtBoot) {
    // National database first, so the gazette's entries link to the documents it knows.
    for (const system of syncer.systems) {
      const run = await syncer.run(system, 'BOOT');
      deps.logger.info({ system, status: run.status, errorCode: run.errorCode, created: run.created, updated: run.updated }, 'legal sync at boot');
    }
  }
  const running = await startSubgraph(
    {
      name: LEGAL_SUBGRAPH,
      federated: await buildLegalSchema(),
      secret: deps.secret,
      logger: deps.logger,
      createContext: (signed) => createLegalContext(deps.prisma, signed, runtime),
      ready: () => pingDatabase(deps.prisma),
      extraRoutes: legalFileRoutes({ prisma: deps.prisma, store, secret: deps.secret, logger: deps.logger }),
    },
    port,
  );
  const scheduler =
    resolved.syncIntervalMs > 0 && syncer.systems.length
      ? startSyncScheduler({ prisma: deps.prisma, syncer, intervalMs: resolved.syncIntervalMs, clock: resolved.clock, logger: deps.logger })
      : null;
  return {
    ...running,
    syncer,
    async close() {
      await scheduler?.stop();
      await syncer.idle();
      await running.close();
      await demo?.close();
      // Sources given in options belong to the caller; those built from the environment are ours.
      if (!options.sources && !demo) await Promise.all([sources.legal?.close(), sources.gazette?.close(), sources.files?.close()]);
    },
  };
}

async function pingDatabase(prisma: PrismaClient): Promise<boolean> {
  await prisma.$queryRaw`SELECT 1`;
  return true;
}
