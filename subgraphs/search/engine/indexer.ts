// The outbox consumer: takes queued (source, key) pairs with SKIP LOCKED (replicas share the
// work), asks each source for the public projection of those keys, upserts what it returns and
// removes the rest, all in one transaction with the outbox delete — a failure puts the rows back.
// Run by the search subgraph's job every few seconds and before each search, so a publication,
// withdrawal or sync is searchable at once for the next query.
import type { Logger } from 'pino';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { SearchIndex, SearchSource } from './types.ts';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export interface IndexerRun {
  taken: number;
  indexed: number;
  removed: number;
}

const BATCH = 500;

export async function drainOnce(
  prisma: PrismaClient,
  sources: readonly SearchSource[],
  indexFor: (tx: Tx) => SearchIndex,
  logger?: Logger,
): Promise<IndexerRun> {
  return prisma.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ kind: string; entity_id: string }[]>`
        DELETE FROM search_outbox WHERE id IN (SELECT id FROM search_outbox ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
        RETURNING kind, entity_id`;
      const run: IndexerRun = { taken: rows.length, indexed: 0, removed: 0 };
      if (!rows.length) return run;
      const index = indexFor(tx);
      const byKind = new Map<string, Set<string>>();
      for (const r of rows) byKind.set(r.kind, (byKind.get(r.kind) ?? new Set()).add(r.entity_id));
      for (const [name, keySet] of byKind) {
        const source = sources.find((s) => s.name === name);
        if (!source) {
          logger?.warn({ source: name }, 'search outbox: no such source, rows dropped');
          continue;
        }
        const keys = [...keySet];
        const docs = await source.load(tx, keys);
        await index.upsert(docs);
        const kept = new Set(docs.map((d) => d.entityId));
        const gone = keys.filter((k) => !kept.has(k));
        await index.remove(
          source.kinds.map((k) => k.kind),
          gone,
        );
        // A key may change kind (never for today's sources): stale entries of other kinds go too.
        for (const kind of source.kinds.map((k) => k.kind)) {
          const others = docs.filter((d) => d.kind !== kind).map((d) => d.entityId);
          if (others.length) await index.remove([kind], others);
        }
        run.indexed += docs.length;
        run.removed += gone.length;
      }
      return run;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

/** Drain until the outbox is empty (bounded: a writer storm cannot keep a search waiting forever). */
export async function drainOutbox(
  prisma: PrismaClient,
  sources: readonly SearchSource[],
  indexFor: (tx: Tx) => SearchIndex,
  logger?: Logger,
  maxBatches = 20,
): Promise<IndexerRun> {
  const total: IndexerRun = { taken: 0, indexed: 0, removed: 0 };
  for (let i = 0; i < maxBatches; i += 1) {
    const run = await drainOnce(prisma, sources, indexFor, logger);
    total.taken += run.taken;
    total.indexed += run.indexed;
    total.removed += run.removed;
    if (run.taken < BATCH) break;
  }
  return total;
}

export async function outboxPending(prisma: PrismaClient): Promise<boolean> {
  const [row] = await prisma.$queryRaw<{ pending: boolean }[]>`SELECT EXISTS (SELECT 1 FROM search_outbox) AS pending`;
  return !!row?.pending;
}
