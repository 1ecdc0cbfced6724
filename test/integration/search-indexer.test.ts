// The search indexer's guarantees on a real database: the outbox is written by the owning
// table's trigger in the writer's own transaction (a rolled-back write queues nothing), a
// source that fails puts its rows back (nothing lost, indexed on the next run), unknown
// sources are dropped, and a key the source no longer returns leaves the index.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createTestDatabase, type TestDatabase } from '../harness/db.ts';
import { drainOutbox } from '../../subgraphs/search/engine/indexer.ts';
import { postgresIndex } from '../../subgraphs/search/engine/postgres-index.ts';
import type { IndexDocument, SearchSource } from '../../subgraphs/search/engine/types.ts';

let db: TestDatabase;
const logger = pino({ level: 'silent' });
const ID = '01900000-0000-7000-8000-000000000001';

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.$executeRaw`DELETE FROM search_outbox`;
});
afterAll(() => db?.close());

const doc = (title: string): IndexDocument => ({
  kind: 'CONSULTATION',
  typename: 'Consultation',
  keyField: 'id',
  entityId: ID,
  title,
  body: '',
  numberKeys: [],
  agencyIds: [],
  date: null,
});
const source = (load: SearchSource['load']): SearchSource => ({
  name: 'consultation',
  kinds: [{ kind: 'CONSULTATION', typename: 'Consultation', keyField: 'id', description: '' }],
  load,
});
const pending = async () => Number((await db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM search_outbox`)[0]!.n);
const indexed = () => db.prisma.searchEntry.findMany({ where: { entityId: ID } });
const drain = (s: SearchSource) => drainOutbox(db.prisma, [s], (tx) => postgresIndex(tx), logger);

describe('search indexer', () => {
  it('queues through the owning table’s trigger in the writer’s transaction: a rolled-back write queues nothing', async () => {
    const issue = (sourceId: string) => ({
      system: 'test',
      sourceId,
      number: 7,
      year: 2026,
      date: new Date('2026-02-01'),
      publisher: 'Công báo tỉnh',
      fetchedAt: new Date(),
      contentHash: '0'.repeat(64),
    });
    await db.prisma
      .$transaction(async (tx) => {
        await tx.legalGazetteIssue.create({ data: issue('rolled-back') });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(await pending()).toBe(0);
    const kept = await db.prisma.legalGazetteIssue.create({ data: issue('kept') });
    expect(await db.prisma.searchOutbox.findMany({ select: { kind: true, entityId: true } })).toEqual([{ kind: 'gazette-issue', entityId: kept.id }]);
    await db.prisma.$executeRaw`DELETE FROM search_outbox`;
  });

  it('puts the rows back when a source fails, and indexes them on the next run', async () => {
    await db.prisma.$executeRaw`INSERT INTO search_outbox (kind, entity_id) VALUES ('consultation', ${ID}), ('no-such-source', 'x')`;
    await expect(drain(source(() => Promise.reject(new Error('database hiccup'))))).rejects.toThrow('database hiccup');
    expect(await pending()).toBe(2);
    expect(await drain(source(async () => [doc('Dự thảo quy chế')]))).toMatchObject({ taken: 2, indexed: 1 });
    expect(await pending()).toBe(0);
    expect((await indexed()).map((e) => e.title)).toEqual(['Dự thảo quy chế']);
  });

  it('removes a key its source no longer returns (unpublished, withdrawn, deleted)', async () => {
    await db.prisma.$executeRaw`INSERT INTO search_outbox (kind, entity_id) VALUES ('consultation', ${ID})`;
    expect(await drain(source(async () => []))).toMatchObject({ taken: 1, removed: 1 });
    expect(await indexed()).toEqual([]);
  });
});
