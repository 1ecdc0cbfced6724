// The whole hub in one process: database (embedded or server), migrations, seed, every
// subgraph on its own port, and the gateway in front. `npm start`, the e2e tests and the
// benchmark all start it through here.
import type { Logger } from 'pino';
import { createLogger } from '../schema/observability/logger.ts';
import { startTracing } from '../schema/observability/tracing.ts';
import { openDatabase, type DatabaseHandle } from '../schema/db/database.ts';
import { deployMigrations, migrationsUpToDate } from '../schema/db/migrator.ts';
import { createPrisma, type PrismaClient } from '../schema/db/prisma.ts';
import { seedAll } from '../schema/seed/index.ts';
import { alreadySeeded, markSeeded, seedFingerprint } from '../schema/seed/marker.ts';
import { readJobsConfig } from '../schema/jobs/config.ts';
import { startJobRunner, type JobDefinition, type JobRunner } from '../schema/jobs/runner.ts';
import { readBackupConfig } from './backup/config.ts';
import { backupJobs } from './backup/job.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { sharedKeysBySubgraph, verifyingKeysOf } from '../schema/security/keys.ts';
import { createReplayGuard } from '../schema/security/replay-guard.ts';
import type { RunningSubgraph } from '../subgraphs/kit/server.ts';
import { runSubgraph } from '../subgraphs/kit/define.ts';
import { readGatewayConfig } from '../gateway/config.ts';
import { startGateway, type RunningGateway } from '../gateway/server.ts';
import { untilDatabaseReady } from './boot-gate.ts';

export interface HubOptions {
  /** PostgreSQL URL; default DATABASE_URL, else embedded PGlite. */
  databaseUrl?: string;
  /** Embedded data directory (':memory:' for none). */
  dataDir?: string;
  seed?: boolean;
  /** 0 = free ports everywhere (tests); undefined = configured/default ports. */
  port?: number;
  subgraphPorts?: 'default' | 'random';
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** An already migrated database and its client (tests): used as is, not closed by stop(). */
  database?: { url: string; embedded: boolean; prisma: PrismaClient };
  /** The URL the gateway uses for a subgraph; tests put an observing proxy in between. */
  routeSubgraph?: (name: string, url: string) => string | Promise<string>;
  /** Backoff while the database is unreachable at boot (scripts/boot-gate.ts). */
  databaseRetry?: { initialDelayMs?: number; maxDelayMs?: number };
  /** Jobs beside the subgraphs' own (the daily backup …). */
  jobs?: JobDefinition[];
  /** The gateway's injected clock (tests: breakers' half-open delay). */
  gatewayClock?: () => number;
  /**
   * Called once the gateway answers (every subgraph up, /ready 200), while the job runner starts
   * and before startHub returns: `npm start` prints its banner here, as soon as the hub can be
   * used. `stop` is RunningHub.stop, usable from then on (a signal during the runner's start).
   */
  onServing?: (serving: { url: string; database: DatabaseHandle; stop: () => Promise<void> }) => void;
}

export interface RunningHub {
  url: string;
  gateway: RunningGateway;
  subgraphs: RunningSubgraph[];
  prisma: PrismaClient;
  database: DatabaseHandle;
  /** The job runner: every scheduled and background job of this hub (schema/jobs). */
  jobs: JobRunner;
  /** Where the boot's time went, ms per phase in order (scripts/bench/boot.ts reports it). */
  bootPhases: Record<string, number>;
  stop(): Promise<void>;
}

const uniqueByName = (jobs: JobDefinition[]) => [...new Map(jobs.map((j) => [j.name, j])).values()];

export async function startHub(opts: HubOptions = {}): Promise<RunningHub> {
  const bootPhases: Record<string, number> = {};
  let phaseStart = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    bootPhases[name] = Math.round((bootPhases[name] ?? 0) + now - phaseStart);
    phaseStart = now;
  };
  const env = { ...process.env, ...opts.env };
  const logger = opts.logger ?? createLogger(env.LOG_LEVEL ?? 'info');
  // Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set (or a test started tracing itself).
  startTracing({ serviceName: env.OTEL_SERVICE_NAME ?? 'cong-hub', otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
  const given = opts.database;
  const database: DatabaseHandle = given
    ? { url: given.url, embedded: given.embedded, close: async () => {} }
    : await openDatabase({ url: opts.databaseUrl, dataDir: opts.dataDir });
  const prisma = given?.prisma ?? createPrisma({ url: database.url, poolMax: database.embedded ? 1 : Number(env.DATABASE_POOL_MAX ?? 10) });
  phase('database');
  const prepare = async () => {
    // Already migrated with these very migrations (a warm start): the schema engine is not loaded.
    if (!given && !(await migrationsUpToDate(database.url))) {
      const applied = await deployMigrations(database.url);
      if (applied.length) logger.info({ applied }, 'migrations applied');
    }
    phase('migrations');
    if (!(opts.seed ?? true)) return;
    // An embedded database already seeded with this very seed is not seeded again (marker.ts).
    const dataDir = !given && database.embedded ? (opts.dataDir ?? env.DATA_DIR ?? '.data/pglite') : ':memory:';
    const fingerprint = dataDir !== ':memory:' ? await seedFingerprint() : null;
    if (fingerprint && (await alreadySeeded(dataDir, fingerprint))) {
      logger.info('demo data already seeded with this seed: skipped');
      return;
    }
    logger.info(await seedAll(prisma), 'demo data seeded');
    if (fingerprint) await markSeeded(dataDir, fingerprint);
  };
  const configured = readGatewayConfig({ ...env, PORT: String(opts.port ?? env.PORT ?? 4000) });
  // A database down at boot is waited for, not fatal (C8): /ready answers 503 meanwhile.
  const gatewayPort = await untilDatabaseReady(prepare, {
    host: configured.host,
    port: configured.port,
    logger,
    initialDelayMs: opts.databaseRetry?.initialDelayMs,
    maxDelayMs: opts.databaseRetry?.maxDelayMs ?? (env.DATABASE_BOOT_RETRY_MAX_MS ? Number(env.DATABASE_BOOT_RETRY_MAX_MS) : undefined),
  });
  phase('seed');
  const gatewayConfig = { ...configured, port: gatewayPort };
  const subgraphs: RunningSubgraph[] = [];
  // In one process the subgraphs verify with the gateway's published keys and their shared keys,
  // as they would apart.
  const trust = {
    keys: verifyingKeysOf(gatewayConfig.signingKeys),
    sharedKeys: sharedKeysBySubgraph(gatewayConfig.signingKeys),
    replay: createReplayGuard(env.REDIS_URL),
  };
  for (const sg of SUBGRAPHS) {
    const envPort = env[`SUBGRAPH_PORT_${sg.name.toUpperCase().replace(/-/g, '_')}`];
    const port = opts.subgraphPorts === 'random' || opts.port === 0 ? 0 : Number(envPort ?? sg.defaultPort);
    subgraphs.push(await runSubgraph(sg, { prisma, trust, logger: logger.child({ subgraph: sg.name }), env }, { port }));
    phase(`subgraph ${sg.name}`);
  }
  const route = opts.routeSubgraph ?? ((_name: string, url: string) => url);
  const routes = await Promise.all(subgraphs.map(async (s) => [s.name, await route(s.name, s.url)] as const));
  const subgraphUrls = { ...gatewayConfig.subgraphUrls, ...Object.fromEntries(routes) };
  const gateway = await startGateway({ ...gatewayConfig, subgraphUrls }, logger.child({ component: 'gateway' }), { clock: opts.gatewayClock });
  phase('gateway');
  const jobsStarting = startJobRunner({
    url: database.url,
    // Jobs every subgraph offers (the idempotency-key purge) are registered once.
    jobs: uniqueByName([...subgraphs.flatMap((s) => s.jobs ?? []), ...backupJobs(database, readBackupConfig(env)), ...(opts.jobs ?? [])]),
    logger,
    poolMax: database.embedded ? 1 : 2,
    ...readJobsConfig(env),
  });
  // Stops the hub at any time from here: the gateway first (not ready, drains), then the job
  // runner once it has started.
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await gateway.stop();
      const runner = await jobsStarting.catch(() => undefined);
      await runner?.stop();
      await Promise.all(subgraphs.map((s) => s.close()));
      await trust.replay.close();
      if (!given) await prisma.$disconnect();
      await database.close();
    })());
  opts.onServing?.({ url: gateway.url, database, stop });
  const jobs = await jobsStarting;
  // Boot work the subgraphs deferred (a sync whose last-known-good data is there) is sent now that
  // the gateway listens: once, run by one process of the fleet under the runner's lease.
  // (Not when the hub is already stopping: a signal during the runner's start.)
  for (const name of new Set(subgraphs.flatMap((s) => s.bootJobs ?? []))) if (!stopping) await jobs.send(name);
  phase('jobs');

  return { url: gateway.url, gateway, subgraphs, prisma, database, jobs, bootPhases, stop };
}
