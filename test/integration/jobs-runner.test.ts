// The job runner on the test database with an injected clock: one job per slot however many
// runners race for it, daily slots in Asia/Ho_Chi_Minh, retries, dead letters and history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startJobRunner, type JobDefinition, type JobRunner } from '../../schema/jobs/runner.ts';
import { readJobs } from '../../schema/observability/operations.ts';
import { nextSlot, slotJobId, slotStart } from '../../schema/jobs/schedule.ts';
import { createTestDatabase, onDatabaseServer, type TestDatabase } from '../harness/db.ts';

const logger = pino({ level: 'silent' });
let db: TestDatabase;
let now = new Date('2026-06-01T00:00:00Z');
const clock = () => now;
const runners: JobRunner[] = [];

async function runner(jobs: JobDefinition[]) {
  const r = await startJobRunner({ url: db.url, jobs, logger, clock, poolMax: db.embedded ? 1 : 2 });
  runners.push(r);
  return r;
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  for (const r of runners) await r.stop();
  await db?.close();
});

describe('schedules', () => {
  it('cuts daily slots at the local time in Asia/Ho_Chi_Minh (UTC+7)', () => {
    const s = { dailyAt: '02:00' };
    // 02:00 in Hà Nội is 19:00 UTC the day before.
    expect(slotStart(s, new Date('2026-06-01T18:59:59Z')).toISOString()).toBe('2026-05-31T19:00:00.000Z');
    expect(slotStart(s, new Date('2026-06-01T19:00:00Z')).toISOString()).toBe('2026-06-01T19:00:00.000Z');
    expect(nextSlot(s, new Date('2026-06-01T19:00:00Z')).toISOString()).toBe('2026-06-02T19:00:00.000Z');
    expect(slotStart({ everyMs: 30_000 }, new Date('2026-06-01T00:00:45Z')).toISOString()).toBe('2026-06-01T00:00:30.000Z');
    expect(slotJobId('a', new Date(0))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('refuses a schedule that cannot be right', async () => {
    await expect(runner([{ name: 'bad', dailyAt: '25:00', run: async () => null }])).rejects.toThrow(/dailyAt must be HH:MM/);
    await expect(runner([{ name: 'bad', everyMs: 10, run: async () => null }])).rejects.toThrow(/everyMs/);
  });
});

describe('exactly once', () => {
  it('runs each slot once when two runners race for it, and again only when the next slot comes', async () => {
    const runs: string[] = [];
    const def = (who: string): JobDefinition => ({
      name: 'race',
      everyMs: 60_000,
      run: async (ctx) => {
        runs.push(`${ctx.slot} ${who}`);
        return { who };
      },
    });
    const [a, b] = [await runner([def('a')]), await runner([def('b')])];
    for (let i = 0; i < 12; i += 1) {
      await Promise.all([a.runDue(), b.runDue(), a.runDue()]);
      now = new Date(now.getTime() + 30_000); // two ticks per slot
    }
    const slots = runs.map((r) => r.split(' ')[0]);
    expect(slots).toHaveLength(6);
    expect(new Set(slots).size).toBe(6);
    const [summary] = await a.listJobs();
    expect(summary).toMatchObject({ name: 'race', schedule: 'every 60000 ms', counts: { done: 6, queued: 0, running: 0, dead: 0 } });
    expect(summary?.last?.state).toBe('done');
  });

  it('runs a daily slot missed while down once at boot, not once per missed day', async () => {
    let ran = 0;
    const r = await runner([{ name: 'daily', dailyAt: '02:00', run: async () => ++ran }]);
    await r.runDue();
    now = new Date(now.getTime() + 3 * 86_400_000);
    await r.runDue();
    await r.runDue();
    expect(ran).toBe(2);
    expect((await r.history('daily')).map((j) => j.output)).toEqual([{ value: 2 }, { value: 1 }]);
  });
});

describe('failures', () => {
  it('retries a failing job, then keeps it as a dead letter that an operator can retry', async () => {
    let attempts = 0;
    let healthy = false;
    const r = await runner([
      {
        name: 'flaky',
        retryLimit: 2,
        retryDelaySeconds: 0,
        run: async (ctx) => {
          attempts += 1;
          if (!healthy) throw new Error(`upstream down (attempt ${ctx.attempt})`);
          return { ok: true };
        },
      },
    ]);
    const id = await r.send('flaky', { source: 'test' });
    const ran = await r.runDue();
    expect(attempts).toBe(3); // the first attempt and two retries
    expect(ran.map((j) => j.state)).toEqual(['retrying', 'retrying', 'dead']);
    const [dead] = await r.history('flaky');
    expect(dead).toMatchObject({ id, state: 'dead', attempt: 2, output: { message: 'upstream down (attempt 2)' } });
    expect((await r.listJobs())[0]?.counts.dead).toBe(1);
    expect((await r.recentFailures())[0]).toMatchObject({ job: 'flaky', id, state: 'dead', error: 'upstream down (attempt 2)' });
    const reported = await readJobs(); // what /metrics and the operator console show
    expect(reported?.counts.dead).toBe(1);

    healthy = true;
    await r.retry('flaky', id ?? '');
    expect((await r.runDue()).map((j) => j.state)).toEqual(['done']);
    expect((await r.listJobs())[0]?.counts).toMatchObject({ dead: 0, done: 1 });
  });
});

describe('queues at start', () => {
  const optionsOf = async (name: string) =>
    (
      await db.prisma.$queryRaw<{ retry_limit: number; expire_seconds: number }[]>`SELECT retry_limit, expire_seconds FROM pgboss.queue WHERE name = ${name}`
    )[0];

  // Needs a PostgreSQL server: one more runner's connections than the in-process PGlite test server serves.
  it.skipIf(!onDatabaseServer())('creates a new job’s queue, keeps an unchanged one, and rewrites one whose settings changed', async () => {
    const job = (retryLimit: number, leaseSeconds: number): JobDefinition => ({ name: 'settings', retryLimit, leaseSeconds, run: async () => null });
    // One runner at a time, as restarts are.
    const restart = async (def: JobDefinition) => {
      const r = await runner([def]);
      const options = await optionsOf('settings');
      await r.stop();
      runners.splice(runners.indexOf(r), 1);
      return options;
    };
    expect(await restart(job(1, 60))).toEqual({ retry_limit: 1, expire_seconds: 60 });
    expect(await restart(job(1, 60))).toEqual({ retry_limit: 1, expire_seconds: 60 });
    expect(await restart(job(4, 120))).toEqual({ retry_limit: 4, expire_seconds: 120 });
  });
});
