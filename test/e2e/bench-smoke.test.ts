// Keeps `npm run bench` from rotting: the bench's own function, one second per scenario, must
// produce numbers for every scenario with no errors, and leave no load process behind.
// No timing assertions: the numbers are whatever the machine gives.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBench } from '../../scripts/bench/run.ts';
import { peerMarkdown, runPeerBench } from '../../scripts/bench/peers.ts';
import { createTestDatabase, type TestDatabase } from '../harness/db.ts';

/** Live children of this process whose command line mentions `needle` (Linux /proc). */
function childrenMatching(needle: string): number[] {
  if (process.platform !== 'linux') return [];
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
        return ppid === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle);
      } catch {
        return false; // exited meanwhile
      }
    })
    .map(Number);
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

describe('bench harness', () => {
  it('measures every scenario, gateway and direct, without errors', { timeout: 120_000 }, async () => {
    const result = await runBench({
      seconds: 1,
      sliceSeconds: 1,
      warmupSeconds: 0,
      connections: 2,
      fetcherCompare: true,
      databaseUrl: db.url,
      // The embedded test database serves a few connections only.
      env: db.embedded ? { DATABASE_POOL_MAX: '1' } : {},
    });

    expect(result.scenarios.map((s) => s.key)).toEqual(['gateway-page', 'direct-page', 'gateway-light', 'direct-light', 'bare-undici-page', 'bare-stock-page']);
    for (const s of result.scenarios) {
      expect(s.rps, s.key).toBeGreaterThan(0);
      expect(s.latency.count, s.key).toBeGreaterThan(0);
      expect({ key: s.key, errors: s.errors, timeouts: s.timeouts, non2xx: s.non2xx, graphqlErrors: s.graphqlErrors }).toEqual({
        key: s.key,
        errors: 0,
        timeouts: 0,
        non2xx: 0,
        graphqlErrors: 0,
      });
      expect(s.rssPeakMb, s.key).toBeGreaterThan(0);
    }
    expect(result.ratios.map((r) => r.numerator)).toEqual(['gateway-page', 'gateway-light', 'bare-undici-page']);
    for (const r of result.ratios) expect(Number.isFinite(r.rps) && r.rps > 0, r.label).toBe(true);
    expect(childrenMatching('load-child')).toEqual([]);
  });

  // The peer bench (npm run bench -- --peers) on a PostgreSQL server: every process apart.
  it.skipIf(!process.env.DATABASE_URL)(
    'the peer bench runs every scenario through ours and stock Apollo Gateway without errors',
    { timeout: 300_000 },
    async () => {
      const result = await runPeerBench({
        databaseUrl: process.env.DATABASE_URL!,
        rounds: 1,
        sliceSeconds: 1,
        warmupSeconds: 0,
        connections: 2,
        gateways: ['direct', 'ours-cold', 'ours-warm', 'stock'],
      });
      expect(new Set(result.rows.map((r) => r.scenario))).toEqual(new Set(['light', 'front-page', 'two-subgraphs', 'entity-join', 'entities-500']));
      for (const r of result.rows) {
        expect({ cell: `${r.scenario}/${r.target}`, errors: r.errors }).toEqual({ cell: `${r.scenario}/${r.target}`, errors: 0 });
        expect(r.rps, `${r.scenario}/${r.target}`).toBeGreaterThan(0);
      }
      // Subgraph calls are counted: stock makes at least one per request.
      expect(result.rows.find((r) => r.scenario === 'front-page' && r.target === 'stock')!.fetchesPerReq).toBeGreaterThanOrEqual(1);
      expect(peerMarkdown(result)).toContain('| front-page | ours-warm |');
      expect(childrenMatching('peer-child')).toEqual([]);
    },
  );
});
