// The services subgraph: schema, signed /graphql, the catalogue sync (at boot, on a schedule,
// on an administrator's demand) and, in development without configured upstreams, the bundled
// fake upstreams so `npm start` shows real synced data.
import type { PrismaClient } from '../../schema/db/prisma.ts';
import { startSubgraph, type RunningSubgraph } from '../kit/server.ts';
import type { SubgraphDeps } from '../registry.ts';
import { resolveServicesOptions, type ServicesOptions, type ServicesSources } from './config.ts';
import { createServicesContext, type ServicesRuntime } from './context.ts';
import type { DemoUpstreams } from './demo-upstreams.ts';
import { buildServicesSchema, SERVICES_SUBGRAPH } from './schema.ts';
import { createServicesSyncer, type ServicesSyncer } from './sync/syncer.ts';

export interface RunningServicesSubgraph extends RunningSubgraph {
  syncer: ServicesSyncer;
}

export async function startServicesSubgraph(deps: SubgraphDeps, port = 0, options: ServicesOptions = {}): Promise<RunningServicesSubgraph> {
  const resolved = resolveServicesOptions(options, deps.env);
  const useDemo = !resolved.sources && resolved.demoUpstreams !== 'off';
  const demo: DemoUpstreams | null = useDemo ? await (await import('./demo-upstreams.ts')).startDemoUpstreams(resolved.clock) : null;
  const sources: ServicesSources = resolved.sources ?? demo?.sources ?? {};
  const syncer = createServicesSyncer({ prisma: deps.prisma, sources, clock: resolved.clock, logger: deps.logger });
  const runtime: ServicesRuntime = { options: resolved, now: resolved.clock, sources, syncer };

  if (resolved.syncAtBoot) {
    for (const job of syncer.jobs) {
      const outcome = await syncer.run(job);
      deps.logger.info({ job, status: outcome.status, errorCode: outcome.errorCode, counts: outcome.counts }, 'services sync at boot');
    }
  }
  const running = await startSubgraph(
    {
      name: SERVICES_SUBGRAPH,
      federated: await buildServicesSchema(),
      secret: deps.secret,
      logger: deps.logger,
      createContext: (signed) => createServicesContext(deps.prisma, signed, runtime),
      ready: () => pingDatabase(deps.prisma),
    },
    port,
  );
  const stopSchedule = resolved.syncIntervalMs > 0 && syncer.jobs.length ? syncer.schedule(resolved.syncIntervalMs) : null;
  return {
    ...running,
    syncer,
    async close() {
      await stopSchedule?.();
      await syncer.idle();
      await running.close();
      await demo?.close();
      if (!options.sources && !demo) await sources.catalogue?.close();
    },
  };
}

async function pingDatabase(prisma: PrismaClient): Promise<boolean> {
  await prisma.$queryRaw`SELECT 1`;
  return true;
}
