// Run one subgraph as its own process (the production layout):
//   SUBGRAPH_PORT_PORTAL=4101 DATABASE_URL=… GATEWAY_PUBLIC_KEYS=… SUBGRAPH_SHARED_KEYS=… tsx scripts/subgraph.ts portal
import { createLogger } from '../schema/observability/logger.ts';
import { startTracing } from '../schema/observability/tracing.ts';
import { createPrisma } from '../schema/db/prisma.ts';
import { createReplayGuard } from '../schema/security/replay-guard.ts';
import { readSubgraphConfig } from '../subgraphs/kit/config.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { readJobsConfig } from '../schema/jobs/config.ts';
import { startJobRunner } from '../schema/jobs/runner.ts';
import { runSubgraph } from '../subgraphs/kit/define.ts';

const name = process.argv[2];
const def = SUBGRAPHS.find((s) => s.name === name);
if (!def) {
  console.error(`usage: subgraph <${SUBGRAPHS.map((s) => s.name).join('|')}>`);
  process.exit(2);
}
const config = readSubgraphConfig(def.name, def.defaultPort);
if (!config.databaseUrl) {
  console.error('A subgraph run on its own needs DATABASE_URL (the embedded database lives in `npm start`).');
  process.exit(2);
}
const logger = createLogger(config.logLevel).child({ subgraph: def.name });
const tracing = startTracing({ serviceName: process.env.OTEL_SERVICE_NAME ?? `cong-hub-${def.name}`, otlpEndpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT });
const prisma = createPrisma({ url: config.databaseUrl, poolMax: config.poolMax });
const replay = createReplayGuard(config.redisUrl);
const running = await runSubgraph(
  def,
  { prisma, trust: { keys: config.gatewayKeys, sharedKeys: (n) => (n === def.name ? config.sharedKeys : undefined), replay }, logger },
  { port: config.port },
);
// Its jobs run here too: the runner keeps each one to a single process across replicas.
const jobs = await startJobRunner({ url: config.databaseUrl, jobs: running.jobs ?? [], logger, ...readJobsConfig() });
// Its boot sync, deferred when last-known-good data was there: once across replicas, now that it listens.
for (const job of running.bootJobs ?? []) await jobs.send(job);
logger.info({ url: running.url, jobs: jobs.names }, 'subgraph listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await jobs.stop();
    await running.close();
    await replay.close();
    await prisma.$disconnect();
    await tracing?.shutdown();
    process.exit(0);
  });
}
