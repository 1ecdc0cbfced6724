// Two whole hubs (the real launcher, scripts/start.ts, twice) on one database (issue #12): the
// recurring `portal.publish-due` job runs each of its slots once across both processes, and an
// approved item whose scheduled time has passed is published exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobRunner } from '../../schema/jobs/runner.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';
import { itemIn } from '../harness/content.ts';
import { createTestDatabase, onDatabaseServer, type TestDatabase } from '../harness/db.ts';
import { BASE_ENV } from '../harness/hub.ts';
import { knowSubgraph } from '../harness/signing.ts';
import type { RunningSubgraph } from '../../subgraphs/kit/server.ts';
import { freePort } from './support/http.ts';
import { printed } from './support/child.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const JOB = 'portal.publish-due';
let db: TestDatabase;
const children: ChildProcess[] = [];

beforeAll(async () => {
  if (!onDatabaseServer()) return;
  db = await createTestDatabase();
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await db?.close();
});

interface Hub {
  proc: ChildProcess;
  portalUrl: string;
  exited: Promise<number | null>;
  output: () => string;
}

/** Start `scripts/start.ts` on the test database; resolve once it prints its GraphQL endpoint. */
async function startHub(): Promise<Hub> {
  const ports = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (s) => [s.name, String(await freePort())] as const)));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...BASE_ENV,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.url,
    DATABASE_POOL_MAX: '2',
    PORT: String(await freePort()),
    ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [`SUBGRAPH_PORT_${name.toUpperCase().replace(/-/g, '_')}`, port])),
    JOBS_POLL_MS: '500',
    PORTAL_SCHEDULE_INTERVAL_MS: '1000',
  };
  delete env.REDIS_URL;
  // Node itself with tsx's loader, not the tsx CLI: signals reach the real process.
  const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(proc);
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  await printed(proc, /GraphQL endpoint:\s+(\S+)/, () => out);
  return { proc, portalUrl: `http://127.0.0.1:${ports.portal}/graphql`, exited, output: () => out };
}

/**
 * Polls `probe` until it answers, or fails after `ms`: what the two hub processes' job runners
 * decide on their own schedule is seen only in the database, so this is a bounded wait on that
 * condition, not a fixed sleep.
 */
async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

// Skipped without DATABASE_URL: needs a PostgreSQL server (DATABASE_URL): two whole hubs in other processes open more connections than the in-process PGlite test server serves.
describe.skipIf(!onDatabaseServer())('two hub processes on one database', () => {
  it('run every slot of a recurring job once and publish a due item once', async () => {
    const a = await startHub(); // the first one seeds
    const b = await startHub();

    // An approved item (through hub A's portal subgraph, signed as the gateway would), then
    // made due behind both hubs' backs: whichever process takes the next slot publishes it.
    knowSubgraph({ name: 'portal', url: a.portalUrl } as RunningSubgraph);
    const item = await itemIn(a.portalUrl, 'APPROVED');
    const dueFrom = new Date();
    await db.prisma.contentItem.update({ where: { id: item.id }, data: { scheduledAt: new Date(dueFrom.getTime() - 60_000) } });

    const slotsOf = () =>
      db.prisma.$queryRaw<
        { slot: string; jobs: number }[]
      >`SELECT data->>'__slot' AS slot, count(*)::int AS jobs FROM pgboss.job WHERE name = ${JOB} AND state = 'completed' AND created_on >= ${dueFrom} GROUP BY 1 ORDER BY 1`;
    // Both processes poll every 500 ms for 1 s slots: every slot is contended.
    await until('three completed slots after the item came due', async () => ((await slotsOf()).length >= 3 ? true : undefined), 90_000);
    await until('the item to be published', async () =>
      (await db.prisma.contentItem.findUniqueOrThrow({ where: { id: item.id } })).state === 'PUBLISHED' ? true : undefined,
    );

    for (const hub of [a, b]) hub.proc.kill('SIGTERM');
    const codes = await Promise.all([a.exited, b.exited]); // bounded by the test's timeout
    expect(codes, `${a.output()}\n---\n${b.output()}`).toEqual([0, 0]);

    // One PUBLISH revision, by the scheduler, and one transition into PUBLISHED.
    const revisions = await db.prisma.contentRevision.findMany({ where: { itemId: item.id }, orderBy: { version: 'asc' } });
    expect(revisions.filter((r) => r.action === 'PUBLISH').map((r) => r.actorId)).toEqual(['system:scheduler']);
    expect(revisions.filter((r) => r.toState === 'PUBLISHED' && r.fromState !== 'PUBLISHED')).toHaveLength(1);

    // The runner's history: every slot completed once, on its first attempt, and the item is in
    // the output of exactly one run.
    const slots = await slotsOf();
    expect(slots.length).toBeGreaterThanOrEqual(3);
    expect(slots.filter((s) => s.jobs !== 1)).toEqual([]);
    const runner = await startJobRunner({ url: db.url, logger: pino({ level: 'silent' }), poolMax: 1, jobs: [], pollMs: 0, report: false });
    try {
      const history = await runner.history(JOB, 1_000);
      const done = history.filter((r) => r.state === 'done');
      expect(done.length).toBeGreaterThanOrEqual(slots.length);
      expect(new Set(history.map((r) => r.id)).size).toBe(history.length);
      expect(done.every((r) => r.attempt === 0)).toBe(true);
      const publishedIn = done.filter((r) => ((r.output as { published?: string[] } | null)?.published ?? []).includes(item.id));
      expect(publishedIn).toHaveLength(1);
    } finally {
      await runner.stop();
    }
  }, 180_000);
});
