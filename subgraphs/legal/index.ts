// The legal subgraph as a plug-in: schema, signed /graphql, public /files/<sha256>, the sync
// jobs (at boot, on a schedule, on an administrator's demand) and, in development without
// configured upstreams, the bundled fake upstreams so `npm start` shows real synced data.
import { runSubgraph, type RunningDefinedSubgraph, type SubgraphDefinition, type SubgraphDeps, type SubgraphHost } from '../kit/define.ts';
import { legalConfig, resolveLegalOptions, type LegalConfig, type LegalOptions } from './config.ts';
import { createLegalContext, type LegalRuntime } from './context.ts';
import type { DemoUpstreams } from './demo-upstreams.ts';
import { createFileStore } from './files/file-store.ts';
import { legalFileRoutes } from './files/routes.ts';
import { legalPrintRoutes } from './harvest/print.ts';
import { gazetteIssueSource, legalDocumentSource } from './harvest/sources.ts';
import { buildLegalSchema, LEGAL_SUBGRAPH } from './schema.ts';
import { syncJobs } from './sync/scheduler.ts';
import { loadProvinceRule } from './sync/province.ts';
import { createLegalSyncer, type LegalSources, type SyncSystem } from './sync/syncer.ts';
import { deferredBootSync } from '../kit/jobs.ts';

/** The runtime, and what the subgraph opened itself (closed with it). */
interface LegalState extends LegalRuntime {
  demo: DemoUpstreams | null;
  ownsSources: boolean;
  /** When setup began; set when the sync at boot was deferred (bootJobs). */
  deferredBootSyncSince: Date | null;
}

async function setup(host: SubgraphHost<LegalConfig>, options: LegalOptions): Promise<LegalState> {
  const resolved = resolveLegalOptions({ clock: host.clock, ...options }, host.config);
  const useDemo = !resolved.sources && resolved.demoUpstreams !== 'off';
  const demo: DemoUpstreams | null = useDemo ? await (await import('./demo-upstreams.ts')).startDemoUpstreams(resolved.clock) : null;
  const sources: LegalSources = resolved.sources ?? demo?.sources ?? {};
  const store = createFileStore(resolved.filesDir);
  const provinceRule = () => loadProvinceRule(host.prisma);
  const syncer = createLegalSyncer({ prisma: host.prisma, sources, store, clock: resolved.clock, logger: host.logger, provinceRule });
  const bootedAt = resolved.clock();
  let deferredBootSyncSince: Date | null = null;
  if (resolved.syncAtBoot) {
    // Every source synced before: its last-known-good data is served at once and the sync runs
    // right after the hub listens (bootJobs). Otherwise (a first boot) it runs here, before serving.
    const synced = await host.prisma.legalSyncState.count({ where: { system: { in: syncer.systems }, lastSuccessAt: { not: null } } });
    if (syncer.systems.length > 0 && synced === syncer.systems.length) deferredBootSyncSince = bootedAt;
    else for (const system of syncer.systems) await bootSync(syncer, host, system);
  }
  return {
    options: resolved,
    now: resolved.clock,
    provinceRule,
    sources,
    store,
    syncer,
    liveLimiter: host.limits.limiter(resolved.livePerMinute, 'legal-live'),
    // The gateway signs its public address (PUBLIC_URL); without one the link is relative.
    downloadUrl: (sha256, gatewayBase) => `${gatewayBase?.replace(/\/$/, '') ?? ''}/${LEGAL_SUBGRAPH}/files/${sha256}`,
    demo,
    // Sources given in options belong to the caller; those built from the environment are ours.
    ownsSources: !options.sources && !demo,
    deferredBootSyncSince,
  };
}

async function bootSync(syncer: LegalState['syncer'], host: SubgraphHost<LegalConfig>, system: SyncSystem) {
  const run = await syncer.run(system, 'BOOT');
  host.logger.info({ system, status: run.status, errorCode: run.errorCode, created: run.created, updated: run.updated }, 'legal sync at boot');
  return { failed: run.status === 'FAILED', errorCode: run.errorCode };
}

export const legal = {
  name: LEGAL_SUBGRAPH,
  defaultPort: 4102,
  config: legalConfig,
  buildSchema: buildLegalSchema,
  setup,
  context: createLegalContext,
  routes: (state, host) => (app) => {
    legalFileRoutes({ prisma: host.prisma, store: state.store, trust: host.trust, logger: host.logger })(app);
    legalPrintRoutes({ prisma: host.prisma, trust: host.trust, logger: host.logger, clock: host.clock })(app);
  },
  publicRoutes: ['/files/:sha256', '/print/document/:id', '/print/gazette-issue/:id'],
  harvest: (_state, host) => [legalDocumentSource(host.prisma), gazetteIssueSource(host.prisma)],
  jobs: (state, host) => syncJobs({ prisma: host.prisma, syncer: state.syncer, intervalMs: state.options.syncIntervalMs, clock: state.now }),
  // National database first, so the gazette's entries link to the documents it knows.
  bootJobs: (state, host) =>
    state.deferredBootSyncSince
      ? [
          deferredBootSync({
            name: 'legal.boot-sync',
            keys: state.syncer.systems,
            since: state.deferredBootSyncSince,
            lastRunAt: async (system) => (await host.prisma.legalSyncState.findUnique({ where: { system } }))?.lastRunAt,
            sync: (system) => bootSync(state.syncer, host, system as SyncSystem),
          }),
        ]
      : [],
  // Public documents: cached by the gateway up to 5 min, dropped at once on a sync or change;
  // a lookup by number may go live upstream (refresh, not yet synced): never cached.
  cache: { defaultMaxAge: 300, uncachedFields: ['Query.legalDocumentByNumber'] },
  async close(state) {
    await state.syncer.idle();
    await state.demo?.close();
    if (state.ownsSources) await Promise.all([state.sources.legal?.close(), state.sources.gazette?.close(), state.sources.files?.close()]);
  },
} satisfies SubgraphDefinition<LegalConfig, LegalOptions, LegalState>;

/** The running subgraph, with its syncer (tests and the launcher can run a sync to the end). */
export type RunningLegalSubgraph = RunningDefinedSubgraph<LegalState> & { syncer: LegalState['syncer'] };

/** Start the legal subgraph alone (tests): options override the configuration. */
export async function startLegalSubgraph(deps: SubgraphDeps, port = 0, options: LegalOptions = {}): Promise<RunningLegalSubgraph> {
  const running = await runSubgraph<LegalConfig, LegalOptions, LegalState>(legal, deps, { port, clock: options.clock, options });
  return { ...running, syncer: running.state.syncer };
}
