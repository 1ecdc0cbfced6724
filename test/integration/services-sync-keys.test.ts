// The services sync jobs are keyed by system (`<system>:<feed>`, the system id coming from the
// adapter definition the source was built from): the status shows it, the old feed-only keys
// are refused with the list of jobs, the lease keeps one run per key across processes, and the
// migration carries existing state rows over whole.
import 'reflect-metadata';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../adapters/registry.ts';
import { MIGRATIONS_DIR } from '../../schema/db/migrator.ts';
import type { ServiceCatalogueSource } from '../../schema/domain/sources.ts';
import { createServicesSyncer } from '../../subgraphs/services/sync/syncer.ts';
import { createTestDatabase } from '../harness/db.ts';
import { startServicesWorld, type ServicesWorld } from './services-harness.ts';

type Json = Record<string, unknown>;
const CATALOGUE = `${ADAPTERS['national-service-portal'].system}:catalogue`;
const USAGE = `${ADAPTERS['one-stop'].system}:usage`;

let w: ServicesWorld;
beforeAll(async () => {
  w = await startServicesWorld();
});
afterAll(async () => w?.close());

describe('services sync jobs keyed by system', () => {
  it('are the adapters’ system ids with the feed, and the status says which system', async () => {
    expect([...w.subgraph.syncer.jobs].sort()).toEqual([CATALOGUE, USAGE]);
    expect(CATALOGUE).toBe('national-service-portal:catalogue');
    const status = await w.query<{ servicesSyncStatus: Json[] }>(`{ servicesSyncStatus { job system feed configured } }`);
    expect(status.body.data!.servicesSyncStatus).toEqual([
      { job: CATALOGUE, system: 'national-service-portal', feed: 'catalogue', configured: true },
      { job: USAGE, system: 'one-stop', feed: 'usage', configured: true },
    ]);
  });

  it('refuse the old feed-only key, listing the jobs', async () => {
    const res = await w.query(`mutation { runServicesSync(job: "catalogue") { status } }`, {}, { id: 'a', roles: ['ADMIN'] });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', jobs: [CATALOGUE, USAGE] });
  });

  it('run once across processes: a second process holding the same key is BUSY until the lease is released', async () => {
    // Process A's catalogue read waits at a gate the test opens; B is another syncer on the same database.
    let enter!: () => void;
    const entered = new Promise<void>((resolve) => (enter = resolve));
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const gated: ServiceCatalogueSource = Object.assign(Object.create(w.source) as ServiceCatalogueSource, {
      agencies: async () => {
        enter();
        await gate;
        return w.source.agencies();
      },
    });
    const logger = pino({ level: 'silent' });
    const a = createServicesSyncer({ prisma: w.db.prisma, sources: { catalogue: gated }, clock: w.clock, logger });
    const b = createServicesSyncer({ prisma: w.db.prisma, sources: { catalogue: w.source }, clock: w.clock, logger });
    expect(a.jobs).toEqual([CATALOGUE]);
    const first = a.run(CATALOGUE);
    await entered;
    expect(await b.run(CATALOGUE)).toMatchObject({ job: CATALOGUE, status: 'BUSY' });
    open();
    expect(await first).toMatchObject({ job: CATALOGUE, status: 'SUCCEEDED' });
    expect(await b.run(CATALOGUE)).toMatchObject({ job: CATALOGUE, status: 'SUCCEEDED' });
  });
});

describe('the migration to system keys', () => {
  it('carries every state row over under its system key, nothing lost', async () => {
    const db = await createTestDatabase();
    try {
      const rows = [
        {
          job: 'catalogue',
          cursor: new Date('2026-05-02T01:00:00Z'),
          lastRunAt: new Date('2026-05-04T02:00:00Z'),
          lastSuccessAt: new Date('2026-05-04T02:00:01Z'),
          lastErrorAt: new Date('2026-05-03T02:00:00Z'),
          lastErrorCode: 'UPSTREAM_TIMEOUT',
          consecutiveFailures: 0,
          lockedUntil: null,
          lastCounts: { seen: 12, created: 3 },
        },
        {
          job: 'usage',
          cursor: new Date('2026-04-30T17:00:00Z'),
          lastRunAt: new Date('2026-05-04T03:00:00Z'),
          lastSuccessAt: null,
          lastErrorAt: new Date('2026-05-04T03:00:02Z'),
          lastErrorCode: 'UPSTREAM_UNAVAILABLE',
          consecutiveFailures: 2,
          lockedUntil: new Date('2026-05-04T03:15:00Z'),
          lastCounts: { rows: 0 },
        },
      ];
      await db.prisma.servicesSyncState.createMany({ data: rows });
      const dir = (await readdir(MIGRATIONS_DIR)).find((d) => d.endsWith('_services_sync_keyed_by_system'));
      const sql = await readFile(path.join(MIGRATIONS_DIR, dir!, 'migration.sql'), 'utf8');
      // As the migrator applies it: the committed file, one simple-protocol query.
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
      const after = await db.prisma.servicesSyncState.findMany({ orderBy: { job: 'asc' } });
      expect(after).toEqual([
        { ...rows[0], job: CATALOGUE },
        { ...rows[1], job: USAGE },
      ]);
    } finally {
      await db.close();
    }
  });
});
