// The services subgraph as a plug-in (subgraphs/kit/define.ts): schema, signed /graphql, the
// catalogue sync (at boot, as scheduled jobs, on an administrator's demand) and, in development
// without configured upstreams, the bundled fake upstreams so `npm start` shows real synced data.
import { createHmac } from 'node:crypto';
import { deferredBootSync, JobRunFailed } from '../kit/jobs.ts';
import { runSubgraph, type RunningDefinedSubgraph, type SubgraphDefinition, type SubgraphDeps, type SubgraphHost } from '../kit/define.ts';
import { resolveServicesOptions, servicesConfig, type ServicesConfig, type ServicesOptions, type ServicesSources } from './config.ts';
import { createServicesContext, type ServicesRuntime } from './context.ts';
import type { DemoUpstreams } from './demo-upstreams.ts';
import { buildServicesSchema, SERVICES_SUBGRAPH } from './schema.ts';
import { createServicesSyncer } from './sync/syncer.ts';
import { USAGE_CSV_ROUTE, usageCsvRoutes } from './statistics/routes.ts';
import { PROCEDURE_PAGE_ROUTE, procedurePageRoute, procedureSource } from './harvest/procedures.ts';
import { ONLINE_SERVICE_PAGE_ROUTE, onlineServicePageRoute, onlineServiceSource } from './harvest/online-services.ts';

interface ServicesState extends ServicesRuntime {
  demo: DemoUpstreams | null;
  ownsSources: boolean;
  /** When setup began; set when the sync at boot was deferred (bootJobs). */
  deferredBootSyncSince: Date | null;
}

async function setup(host: SubgraphHost<ServicesConfig>, options: ServicesOptions): Promise<ServicesState> {
  const resolved = resolveServicesOptions({ clock: host.clock, ...options }, host.config);
  const useDemo = !resolved.sources && resolved.demoUpstreams !== 'off';
  const demo: DemoUpstreams | null = useDemo ? await (await import('./demo-upstreams.ts')).startDemoUpstreams(resolved.clock) : null;
  const sources: ServicesSources = resolved.sources ?? demo?.sources ?? {};
  const syncer = createServicesSyncer({ prisma: host.prisma, sources, clock: resolved.clock, logger: host.logger });
  const dossierLimiter = host.limits.limiter(resolved.dossierLookupsPerMinute, 'services-dossier');
  const verifierKey = createHmac('sha256', host.secret).update('services dossier verification').digest('hex');
  const bootedAt = resolved.clock();
  let deferredBootSyncSince: Date | null = null;
  if (resolved.syncAtBoot) {
    // Every job synced before: its last-known-good data is served at once and the sync runs right
    // after the hub listens (bootJobs). Otherwise (a first boot) it runs here, before serving.
    const synced = await host.prisma.servicesSyncState.count({ where: { job: { in: syncer.jobs }, lastSuccessAt: { not: null } } });
    if (syncer.jobs.length > 0 && synced === syncer.jobs.length) deferredBootSyncSince = bootedAt;
    else for (const job of syncer.jobs) await bootSync(syncer, host, job);
  }
  return {
    options: resolved,
    now: resolved.clock,
    sources,
    syncer,
    dossierLimiter,
    verifierKey,
    demo,
    ownsSources: !options.sources && !demo,
    deferredBootSyncSince,
  };
}

async function bootSync(syncer: ServicesState['syncer'], host: SubgraphHost<ServicesConfig>, job: string) {
  const outcome = await syncer.run(job);
  host.logger.info({ job, status: outcome.status, errorCode: outcome.errorCode, counts: outcome.counts }, 'services sync at boot');
  return { failed: outcome.status === 'FAILED', errorCode: outcome.errorCode };
}

export const services = {
  name: SERVICES_SUBGRAPH,
  defaultPort: 4103,
  config: servicesConfig,
  buildSchema: buildServicesSchema,
  setup,
  context: createServicesContext,
  routes: (_state, host) => (app) => {
    usageCsvRoutes({ prisma: host.prisma, trust: host.trust, logger: host.logger, audience: SERVICES_SUBGRAPH })(app);
    procedurePageRoute({ prisma: host.prisma, trust: host.trust, logger: host.logger, clock: host.clock })(app);
    onlineServicePageRoute({ prisma: host.prisma, trust: host.trust, logger: host.logger, clock: host.clock })(app);
  },
  publicRoutes: [USAGE_CSV_ROUTE, PROCEDURE_PAGE_ROUTE, ONLINE_SERVICE_PAGE_ROUTE],
  harvest: (_state, host) => [procedureSource(host.prisma), onlineServiceSource(host.prisma)],
  jobs: (state) =>
    state.syncer.jobs.map((job) => ({
      name: `services.sync:${job}`,
      everyMs: state.options.syncIntervalMs,
      // A failed sync fails its job: retried with backoff, dead for operators when out of retries.
      run: async () => {
        const outcome = await state.syncer.run(job);
        if (outcome.status === 'FAILED') throw new JobRunFailed(`services.sync:${job}`, outcome.errorCode ?? 'INTERNAL_SERVER_ERROR');
        return outcome;
      },
    })),
  bootJobs: (state, host) =>
    state.deferredBootSyncSince
      ? [
          deferredBootSync({
            name: 'services.boot-sync',
            keys: state.syncer.jobs,
            since: state.deferredBootSyncSince,
            lastRunAt: async (job) => (await host.prisma.servicesSyncState.findUnique({ where: { job } }))?.lastRunAt,
            sync: (job) => bootSync(state.syncer, host, job),
          }),
        ]
      : [],
  async close(state) {
    await state.syncer.idle();
    await state.demo?.close();
    if (state.ownsSources) await Promise.all([state.sources.catalogue?.close(), state.sources.dossiers?.close()]);
  },
} satisfies SubgraphDefinition<ServicesConfig, ServicesOptions, ServicesState>;

export type RunningServicesSubgraph = RunningDefinedSubgraph<ServicesState> & { syncer: ServicesState['syncer'] };

/** Start the services subgraph alone (tests): options override the configuration. */
export async function startServicesSubgraph(deps: SubgraphDeps, port = 0, options: ServicesOptions = {}): Promise<RunningServicesSubgraph> {
  const running = await runSubgraph<ServicesConfig, ServicesOptions, ServicesState>(services, deps, { port, clock: options.clock, options });
  return { ...running, syncer: running.state.syncer };
}
