// A sync at boot does not hold up serving once its data is there (issue 13, warm boot): the first
// boot of a subgraph syncs before it serves, as before; a later boot, with last-known-good data
// for every source, starts without calling the upstream and leaves the sync to a job sent once
// the hub listens (scripts/hub.ts). Two processes booting together sync once between them: the
// job runs in one process (the runner's lease), and the other's skips what ran since it booted.
import { pino } from 'pino';
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServicePortalFake, type ServicePortalFake } from '../../adapters/national-service-portal/fake/server.ts';
import { startOneStopFake, type OneStopFake } from '../../adapters/one-stop/fake/server.ts';
import type { ServicePortalSource } from '../../adapters/national-service-portal/source.ts';
import type { OneStopSource } from '../../adapters/one-stop/source.ts';
import { startJobRunner, type JobRunner } from '../../schema/jobs/runner.ts';
import { startServicesSubgraph, type RunningServicesSubgraph } from '../../subgraphs/services/index.ts';
import { createTestDatabase, type TestDatabase } from '../harness/db.ts';
import { testTrust } from '../harness/signing.ts';
import { testClock } from './legal-harness.ts';
import { oneStopSource, portalSource } from './services-harness.ts';

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const clock = testClock('2026-05-04T02:00:00Z');
let db: TestDatabase;
let fake: ServicePortalFake;
let oneStopFake: OneStopFake;
let source: ServicePortalSource;
let oneStop: OneStopSource;
const open: { close(): Promise<void> }[] = [];
const runners: JobRunner[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  fake = await startServicePortalFake();
  oneStopFake = await startOneStopFake();
  source = portalSource(fake, clock);
  oneStop = oneStopSource(oneStopFake, clock);
});
afterAll(async () => {
  for (const r of runners) await r.stop();
  for (const s of open.reverse()) await s.close();
  await Promise.all([source?.close(), oneStop?.close()]);
  await Promise.all([fake?.close(), oneStopFake?.close()]);
  await db?.close();
});

/** One process's services subgraph as `npm start` runs it: sync at boot on, jobs for the runner. */
async function boot(): Promise<RunningServicesSubgraph> {
  const s = await startServicesSubgraph({ prisma: db.prisma, trust: testTrust(), logger }, 0, {
    clock,
    sources: { catalogue: source, dossiers: oneStop, usage: oneStop },
    syncAtBoot: true,
    syncIntervalMs: 0,
  });
  open.push(s);
  return s;
}

async function runnerOf(s: RunningServicesSubgraph): Promise<JobRunner> {
  const r = await startJobRunner({ url: db.url, jobs: s.jobs ?? [], logger, clock, poolMax: db.embedded ? 1 : 2 });
  runners.push(r);
  return r;
}

const catalogueCalls = () => fake.calls.length;

describe('sync at boot', () => {
  it('runs before serving on a first boot (no data yet)', async () => {
    const first = await boot();
    expect(catalogueCalls()).toBeGreaterThan(0);
    expect(first.bootJobs).toEqual([]);
    expect(await db.prisma.servicesSyncState.count({ where: { lastSuccessAt: { not: null } } })).toBe(2);
    expect(await db.prisma.servicesProcedure.count()).toBeGreaterThan(0);
  });

  it('with last-known-good data, boots without calling the upstream; the deferred sync then runs once across two processes', async () => {
    clock.advance(60_000);
    const before = catalogueCalls();
    const procedures = await db.prisma.servicesProcedure.count();
    const a = await boot();
    clock.advance(1_000);
    const b = await boot();
    // Both serve at once, on the data already there; neither has asked the upstream.
    expect(catalogueCalls()).toBe(before);
    expect(await db.prisma.servicesProcedure.count()).toBe(procedures);
    expect(a.bootJobs).toEqual(['services.boot-sync']);
    expect(b.bootJobs).toEqual(['services.boot-sync']);

    // What scripts/hub.ts does once the gateway listens, in each process.
    const [ra, rb] = [await runnerOf(a), await runnerOf(b)];
    clock.advance(1_000);
    await ra.send('services.boot-sync');
    await ra.runDue();
    expect(catalogueCalls()).toBeGreaterThan(before);
    const afterFirst = catalogueCalls();
    await rb.send('services.boot-sync');
    await rb.runDue();
    // The second process's job found both jobs synced since it booted: nothing ran twice.
    expect(catalogueCalls()).toBe(afterFirst);
    const outputs = (await ra.history('services.boot-sync')).filter((j) => j.state === 'done').map((j) => j.output);
    expect(outputs).toHaveLength(2);
    expect(outputs).toEqual(expect.arrayContaining([{ ran: a.syncer.jobs }, { ran: [] }]));
    expect(a.syncer.jobs).toHaveLength(2);
  });

  it('without a job runner (jobs: false) a deferred sync runs before the subgraph is returned, as a boot sync did', async () => {
    clock.advance(60_000);
    const before = catalogueCalls();
    const { runSubgraph } = await import('../../subgraphs/kit/define.ts');
    const { services } = await import('../../subgraphs/services/index.ts');
    const s = await runSubgraph(
      services,
      { prisma: db.prisma, trust: testTrust(), logger },
      {
        port: 0,
        clock,
        jobs: false,
        options: { clock, sources: { catalogue: source, dossiers: oneStop, usage: oneStop }, syncAtBoot: true, syncIntervalMs: 0 },
      },
    );
    open.push(s);
    expect(s.jobs).toEqual([]);
    expect(catalogueCalls()).toBeGreaterThan(before);
  });
});
