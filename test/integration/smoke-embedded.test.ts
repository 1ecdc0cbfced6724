// The default path of `npm start`: PGlite embedded and persisted in a data directory, migrated,
// seeded, every subgraph and the gateway up. Restarting on the same directory keeps the data.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startHub } from '../../scripts/hub.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function gql(url: string, query: string) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] } };
}

describe('embedded hub (PGlite in a data directory)', () => {
  it('starts migrated and seeded, and keeps its data across a restart', { timeout: 120_000 }, async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cong-hub-smoke-'));
    dirs.push(dataDir);
    const logger = pino({ level: 'silent' });
    // The default path of `npm start` keeps its rate limits in memory (no Redis).
    const env = { REDIS_URL: '' };

    const first = await startHub({ databaseUrl: '', dataDir, port: 0, logger, env });
    try {
      expect(first.database.embedded).toBe(true);
      const res = await gql(first.url, '{ articles(first: 1) { totalCount } agencies(first: 1) { totalCount } }');
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ articles: { totalCount: expect.any(Number) } });
      await first.prisma.agency.update({ where: { slug: 'so-tu-phap-phu-tho' }, data: { phone: '0210 000 0001' } });

      // PGlite is one session behind a socket that serves the hub's client and its job runner:
      // their parameterised statements, interleaved, never cross (a Bind meeting the other
      // client's Parse: 08P01) and the runner never lands inside the client's transaction.
      const jobName = first.jobs.names[0]!;
      const rounds = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          Promise.all([
            // A statement larger than one socket read (its Parse and Bind arrive in pieces).
            first.prisma.agency.findMany({ where: { slug: { in: ['so-tu-phap-phu-tho', `khong-co-${i}-${'x'.repeat(200_000)}`] } }, select: { slug: true } }),
            first.jobs.history(jobName, 1 + (i % 3)),
            // 60 transactions queue for the one connection: waits far beyond Prisma's 2 s default
            // on a loaded machine are expected here, not a failure.
            first.prisma.$transaction(
              async (tx) => {
                await tx.agency.update({ where: { slug: 'so-tu-phap-phu-tho' }, data: { fax: `0210 000 ${1000 + i}` } });
                return tx.agency.findUniqueOrThrow({ where: { slug: 'so-tu-phap-phu-tho' }, select: { fax: true } });
              },
              { maxWait: 90_000, timeout: 90_000 },
            ),
          ]),
        ),
      );
      rounds.forEach(([agencies, , inTx], i) => {
        expect(agencies.map((a) => a.slug)).toEqual(['so-tu-phap-phu-tho']);
        expect(inTx.fax).toBe(`0210 000 ${1000 + i}`);
      });
      const events: string[] = [];
      let runnerQuery: Promise<unknown> = Promise.resolve();
      await first.prisma.$transaction(async (tx) => {
        await tx.agency.update({ where: { slug: 'so-tu-phap-phu-tho' }, data: { fax: '0210 000 0002' } });
        runnerQuery = first.jobs.history(jobName, 1).then(() => events.push('runner'));
        for (let i = 0; i < 5; i++) await tx.agency.findMany({ take: 1, select: { id: true } });
        events.push('transaction');
      });
      events.push('committed');
      await runnerQuery;
      // The runner's statement waited for the transaction's end: it ran after the commit, not inside.
      expect(events).toEqual(['transaction', 'committed', 'runner']);
    } finally {
      await first.stop();
    }

    // onServing (npm start's banner) comes once, when the gateway already answers /ready.
    const serving: { url: string; ready: Promise<number> }[] = [];
    const second = await startHub({
      databaseUrl: '',
      dataDir,
      port: 0,
      logger,
      env,
      seed: false,
      onServing: ({ url }) => serving.push({ url, ready: fetch(new URL('/ready', url)).then((r) => r.status) }),
    });
    try {
      expect(serving.map((s) => s.url)).toEqual([second.url]);
      expect(await serving[0]!.ready).toBe(200);
      const res = await gql(second.url, '{ agency(slug: "so-tu-phap-phu-tho") { phone } }');
      expect(res.body.data).toEqual({ agency: { phone: '0210 000 0001' } });
    } finally {
      await second.stop();
    }
  });
});
