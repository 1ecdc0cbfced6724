// The memory settings the hub ships with (scripts/runtime-settings.ts, BENCHMARKS.md "Memory and
// start-up"): package.json's start scripts carry exactly the flags the benchmarks measure, and the
// embedded database runs with the smaller buffer cache (or refuses a malformed override).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { MALLOC_ENV, NODE_FLAGS, SUBGRAPH_NODE_FLAGS, startPrefix } from '../../scripts/runtime-settings.ts';
import { DEFAULT_SHARED_BUFFERS, startEmbeddedPostgres } from '../../schema/db/embedded.ts';

const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('start scripts', () => {
  it.each([
    ['start', NODE_FLAGS],
    ['start:gateway', NODE_FLAGS],
    ['start:subgraph', SUBGRAPH_NODE_FLAGS],
  ] as const)('%s runs with the shipped Node flags and malloc setting', (name, flags) => {
    const script = pkg.scripts[name]!;
    for (const [k, v] of Object.entries(MALLOC_ENV)) expect(script).toMatch(new RegExp(`(^|\\s)${k}=${v}\\s`));
    for (const flag of flags) expect(script.split(/\s+/)).toContain(flag);
    expect(script.startsWith(startPrefix(script.split(/\s+/)[Object.keys(MALLOC_ENV).length]!, flags))).toBe(true);
  });
});

describe('embedded PostgreSQL', () => {
  const saved = process.env.PGLITE_SHARED_BUFFERS;
  afterEach(() => {
    if (saved === undefined) delete process.env.PGLITE_SHARED_BUFFERS;
    else process.env.PGLITE_SHARED_BUFFERS = saved;
  });

  it(`runs with shared_buffers = ${DEFAULT_SHARED_BUFFERS}, not PostgreSQL's 128MB`, async () => {
    delete process.env.PGLITE_SHARED_BUFFERS;
    const db = await startEmbeddedPostgres();
    const client = new pg.Client({ connectionString: db.url });
    try {
      await client.connect();
      const { rows } = await client.query<{ shared_buffers: string }>('SHOW shared_buffers');
      expect(rows[0]!.shared_buffers).toBe(DEFAULT_SHARED_BUFFERS);
    } finally {
      await client.end();
      await db.stop();
    }
  });

  it('refuses a malformed PGLITE_SHARED_BUFFERS with a clear message', async () => {
    process.env.PGLITE_SHARED_BUFFERS = '16 potatoes';
    await expect(startEmbeddedPostgres()).rejects.toThrow(/PGLITE_SHARED_BUFFERS must be a size such as 16MB/);
  });
});
