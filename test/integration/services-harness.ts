// A services subgraph for an integration test file: its own test database, the fake national
// public-service portal on 127.0.0.1 (mutable catalogue), a real source with tiny delays, an
// injected clock. Syncs run to the end through the subgraph's own syncer; queries go signed.
import { pino } from 'pino';
import 'reflect-metadata';
import type { Actor } from '../../schema/security/signed-context.ts';
import { FAKE_CREDENTIALS, startServicePortalFake, type ServicePortalFake } from '../../adapters/national-service-portal/fake/server.ts';
import type { FixtureProcedure } from '../../adapters/national-service-portal/fixtures/procedures.ts';
import { createServicePortalSource, parseServicePortalConfig, type ServicePortalSource } from '../../adapters/national-service-portal/source.ts';
import { startOneStopFake, type OneStopFake } from '../../adapters/one-stop/fake/server.ts';
import { createOneStopSource, parseOneStopConfig, type OneStopSource } from '../../adapters/one-stop/source.ts';
import { startServicesSubgraph, type RunningServicesSubgraph } from '../../subgraphs/services/index.ts';
import type { ServicesOptions } from '../../subgraphs/services/config.ts';
import { createTestDatabase, type TestDatabase } from '../harness/db.ts';
import { signedQuery } from '../harness/portal.ts';
import { knowSubgraph, testTrust } from '../harness/signing.ts';
import { testClock, type TestClock } from './legal-harness.ts';

export const RESILIENCE = {
  attemptTimeoutMs: 1_000,
  retry: { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 200 },
  breaker: { consecutiveFailures: 3, halfOpenAfterMs: 100 },
};

export function portalSource(fake: ServicePortalFake, clock: () => Date, timeoutMs = 1_000, maxBytes = 1024 * 1024): ServicePortalSource {
  return createServicePortalSource(
    parseServicePortalConfig({
      endpoint: fake.endpoint,
      ...FAKE_CREDENTIALS,
      timeoutMs,
      maxBytes,
      allowHosts: ['127.0.0.1'],
      resilience: { ...RESILIENCE, attemptTimeoutMs: timeoutMs },
    }),
    { now: clock },
  );
}

export function oneStopSource(fake: OneStopFake, clock: () => Date, timeoutMs = 1_000): OneStopSource {
  return createOneStopSource(
    parseOneStopConfig({
      endpoint: fake.endpoint,
      timeoutMs,
      maxBytes: 1024 * 1024,
      allowHosts: ['127.0.0.1'],
      resilience: { ...RESILIENCE, attemptTimeoutMs: timeoutMs },
    }),
    { now: clock },
  );
}

export interface ServicesWorld {
  db: TestDatabase;
  fake: ServicePortalFake;
  source: ServicePortalSource;
  oneStopFake: OneStopFake;
  oneStop: OneStopSource;
  subgraph: RunningServicesSubgraph;
  clock: TestClock;
  sync(): ReturnType<RunningServicesSubgraph['syncer']['run']>;
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, actor?: Actor): ReturnType<typeof signedQuery<T>>;
  close(): Promise<void>;
}

export async function startServicesWorld(
  opts: { procedures?: FixtureProcedure[]; options?: Partial<ServicesOptions>; clock?: string } = {},
): Promise<ServicesWorld> {
  const db = await createTestDatabase();
  const clock = testClock(opts.clock ?? '2026-05-04T02:00:00Z');
  const fake = await startServicePortalFake({ procedures: opts.procedures });
  const source = portalSource(fake, clock);
  const oneStopFake = await startOneStopFake();
  const oneStop = oneStopSource(oneStopFake, clock);
  const subgraph = knowSubgraph(
    await startServicesSubgraph({ prisma: db.prisma, trust: testTrust(), logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) }, 0, {
      clock,
      sources: { catalogue: source, dossiers: oneStop, usage: oneStop },
      dossierTimeoutMs: 1_500,
      syncAtBoot: false,
      syncIntervalMs: 0,
      ...opts.options,
    }),
  );
  return {
    db,
    fake,
    source,
    oneStopFake,
    oneStop,
    subgraph,
    clock,
    sync: () => subgraph.syncer.run(subgraph.syncer.jobOf('catalogue')!),
    query: (query, variables = {}, actor) => signedQuery(subgraph.url, query, variables, actor),
    async close() {
      await subgraph.close();
      await Promise.all([source.close(), oneStop.close()]);
      await Promise.all([fake.close(), oneStopFake.close()]);
      await db.close();
    },
  };
}
