// The job runner in the graph (portal's operatorJobs, for administrators): what the console shows
// of jobs comes from here — each job's queue, dead letters, schedule, last run and history, and
// recent failures — read from the runner's tables, whichever process runs the jobs.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../gateway/auth.ts';
import { startJobRunner, type JobRunner } from '../../schema/jobs/runner.ts';
import { startTestHub, TEST_JWT, type TestHub } from '../harness/hub.ts';
import { gql } from './support/http.ts';

let t: TestHub;
let admin: string;
let editor: string;
let other: JobRunner;
// Another process's runner on the same database (the hub's runner knows only its own jobs).
const now = new Date('2026-06-01T05:00:00Z');

const JOBS = `{ operatorJobs { name schedule nextDueAt retryLimit leaseSeconds queued retrying running dead done
  lastRun { id state attempt slot error output } history(first: 5) { id state error } }
  operatorJobFailures(first: 5) { job state error finishedAt } }`;

interface Run {
  id: string;
  state: string;
  attempt?: number;
  slot?: string | null;
  error: string | null;
  output?: string | null;
}
interface Job {
  name: string;
  schedule: string | null;
  nextDueAt: string | null;
  retryLimit: number;
  leaseSeconds: number;
  queued: number;
  retrying: number;
  running: number;
  dead: number;
  done: number;
  lastRun: Run | null;
  history: Run[];
}

beforeAll(async () => {
  t = await startTestHub();
  admin = await issueToken(TEST_JWT, { id: 'ops', roles: ['ADMIN'] });
  editor = await issueToken(TEST_JWT, { id: 'ed', roles: ['EDITOR'] });
  other = await startJobRunner({
    url: t.db.url,
    logger: pino({ level: 'silent' }),
    clock: () => now,
    poolMax: 1,
    report: false,
    jobs: [
      {
        name: 'test.upstream-sync',
        everyMs: 60_000,
        retryLimit: 1,
        retryDelaySeconds: 0,
        run: async () => {
          throw new Error('UPSTREAM_UNAVAILABLE: the fake upstream is down');
        },
      },
      { name: 'test.on-demand', run: async () => ({ ok: true }) },
    ],
  });
}, 120_000);
afterAll(async () => {
  await other?.stop();
  await t?.stop();
});

const ask = async (token?: string) => gql(t.url, JOBS, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('operatorJobs', () => {
  it('is for administrators only', async () => {
    for (const token of [undefined, editor]) {
      const res = await ask(token);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.body.data).toBeNull();
    }
  });

  it('shows each job with its schedule, queue, dead letters, last run, history, and the recent failures', async () => {
    await t.hub.jobs.runDue(); // the hub's own jobs: the daily idempotency-key purge runs
    await other.runDue(); // the failing sync: attempt 0 fails, the retry (no delay) fails: dead
    await other.send('test.on-demand'); // queued, not run
    const res = await ask(admin);
    expect(res.body.errors).toBeUndefined();
    const { operatorJobs: jobs, operatorJobFailures: failures } = res.body.data as { operatorJobs: Job[]; operatorJobFailures: (Run & { job: string })[] };
    const byName = new Map(jobs.map((j) => [j.name, j]));

    const purge = byName.get('kit.purge-idempotency-keys')!;
    expect(purge).toMatchObject({
      schedule: 'daily at 03:30 (Asia/Ho_Chi_Minh)',
      queued: 0,
      dead: 0,
      done: 1,
      lastRun: { state: 'DONE', attempt: 0, error: null },
    });
    expect(JSON.parse(purge.lastRun!.output!)).toEqual({ purged: expect.any(Number) });
    expect(new Date(purge.nextDueAt!).getTime()).toBeGreaterThan(new Date(purge.lastRun!.slot!).getTime());

    const sync = byName.get('test.upstream-sync')!;
    expect(sync).toMatchObject({ schedule: 'every 60000 ms', retryLimit: 1, queued: 0, retrying: 0, dead: 1, lastRun: { state: 'DEAD', attempt: 1 } });
    expect(sync.lastRun!.error).toBe('UPSTREAM_UNAVAILABLE: the fake upstream is down');
    expect(sync.nextDueAt).toBe('2026-06-01T05:01:00.000Z');
    expect(sync.history).toEqual([expect.objectContaining({ state: 'DEAD', error: expect.stringContaining('UPSTREAM_UNAVAILABLE') })]);

    expect(byName.get('test.on-demand')).toMatchObject({
      schedule: null,
      nextDueAt: null,
      queued: 1,
      lastRun: null,
      history: [{ state: 'QUEUED', error: null }],
    });
    expect(failures).toContainEqual(
      expect.objectContaining({ job: 'test.upstream-sync', state: 'DEAD', error: expect.stringContaining('UPSTREAM_UNAVAILABLE') }),
    );
  });

  it('an operator retries a dead letter through the graph: back in the queue, run again', async () => {
    const [dead] = await other.history('test.upstream-sync', 1);
    const RETRY = 'mutation($job: String!, $id: ID!) { retryOperatorJob(job: $job, id: $id) { id state } }';
    const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` }, variables: { job: 'test.upstream-sync', id: dead!.id } });
    expect((await gql(t.url, RETRY, as(editor))).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const retried = await gql(t.url, RETRY, as(admin));
    expect(retried.body.data).toEqual({ retryOperatorJob: { id: dead!.id, state: 'RETRYING' } });
    const jobs = ((await ask(admin)).body.data as { operatorJobs: Job[] }).operatorJobs;
    expect(jobs.find((j) => j.name === 'test.upstream-sync')).toMatchObject({ dead: 0, retrying: 1 });
    // No longer dead: a second retry finds nothing; a malformed id is the caller's error, never a 500.
    expect((await gql(t.url, RETRY, as(admin))).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const bad = await gql(t.url, RETRY, { ...as(admin), variables: { job: 'test.upstream-sync', id: 'not-a-uuid' } });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // The runner takes it up again: the one extra attempt fails, and it is dead once more.
    await other.runDue();
    expect((await other.history('test.upstream-sync', 1))[0]).toMatchObject({ id: dead!.id, state: 'dead' });
  });

  it('refuses a history page outside 1–100', async () => {
    const res = await gql(t.url, '{ operatorJobs { history(first: 1000) { id } } }', { headers: { authorization: `Bearer ${admin}` } });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
