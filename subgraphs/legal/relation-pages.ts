// A document's relations, one page at a time, cut in the database: a law can be the basis of
// thousands of documents, and loading them all to show twenty would cost memory and time.
// Still batched: every document of a page asking for the same window (types, first, after)
// shares one DataLoader, so a page of 100 documents costs one statement like a page of 5.
// A relation is stored once (A AMENDS B), so each document reads it from its own end: the
// outgoing rows as stored, the incoming ones through the inverse type.
import DataLoader from 'dataloader';
import { Db, type PrismaClient } from '../../schema/db/prisma.ts';
import { inverseRelation, type RelationType } from '../../schema/domain/legal.ts';
import type { Page, PageWindow } from '../kit/pagination.ts';
import { toPage } from '../kit/pagination.ts';
import { STORED_KINDS } from './sync/relations.ts';

const { sql } = Db.Prisma;

export interface RelationPageQuery {
  /** Types as the document sees them (AMENDED_BY on the amended document); null = all. */
  types: RelationType[] | null;
  window: PageWindow;
}

type Row = Record<string, unknown> & { holder: string; rn: bigint; total: bigint };

const stored = (types: RelationType[]) => [...new Set(types)].filter((t) => (STORED_KINDS as readonly string[]).includes(t));

/** Stored kinds to read on each end for the types asked: "AMENDED_BY" is an incoming AMENDS. */
export function kindsByEnd(types: RelationType[] | null): { outgoing: string[] | null; incoming: string[] | null } {
  if (!types) return { outgoing: null, incoming: null };
  return { outgoing: stored(types), incoming: stored(types.map(inverseRelation)) };
}

/** One statement for the window of every document in `ids`: the page's rows, and each document's total. */
async function loadWindow(prisma: PrismaClient, ids: readonly string[], query: RelationPageQuery): Promise<Page<Db.LegalRelation>[]> {
  const { outgoing, incoming } = kindsByEnd(query.types);
  const kindFilter = (kinds: string[] | null) => (kinds ? sql`AND r.kind::text = ANY(${kinds}::text[])` : sql``);
  const { skip, take } = query.window;
  // The row numbered 1 is always returned, so a page past the end still carries the total.
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT * FROM (
      SELECT e.*, row_number() OVER (PARTITION BY e.holder ORDER BY e.kind, e.id) AS rn, count(*) OVER (PARTITION BY e.holder) AS total
      FROM (
        SELECT r.from_document_id AS holder, r.* FROM legal_relation r WHERE r.from_document_id = ANY(${[...ids]}::uuid[]) ${kindFilter(outgoing)}
        UNION ALL
        SELECT r.to_document_id AS holder, r.* FROM legal_relation r WHERE r.to_document_id = ANY(${[...ids]}::uuid[]) ${kindFilter(incoming)}
      ) e
    ) p
    WHERE p.rn = 1 OR (p.rn > ${skip} AND p.rn <= ${skip + take})
    ORDER BY p.holder, p.rn`;
  const byHolder = new Map<string, { total: number; nodes: Db.LegalRelation[] }>();
  for (const row of rows) {
    const entry = byHolder.get(row.holder) ?? { total: Number(row.total), nodes: [] };
    byHolder.set(row.holder, entry);
    if (Number(row.rn) > skip) entry.nodes.push(fromRaw(row));
  }
  return ids.map((id) => {
    const entry = byHolder.get(id);
    return toPage(entry?.nodes ?? [], entry?.total ?? 0, query.window);
  });
}

/** Raw rows carry column names: back to the model's field names. */
function fromRaw(row: Record<string, unknown>): Db.LegalRelation {
  const text = (column: string) => (row[column] ?? null) as string | null;
  return {
    id: String(row.id),
    kind: row.kind as Db.LegalRelationKind,
    fromDocumentId: text('from_document_id'),
    fromSourceId: text('from_source_id'),
    fromNumber: text('from_number'),
    fromNumberKey: text('from_number_key'),
    fromTitle: text('from_title'),
    toDocumentId: text('to_document_id'),
    toSourceId: text('to_source_id'),
    toNumber: text('to_number'),
    toNumberKey: text('to_number_key'),
    toTitle: text('to_title'),
  };
}

/** Per request: one loader per distinct window, keyed by document id. */
export function createRelationPages(prisma: PrismaClient) {
  const loaders = new Map<string, DataLoader<string, Page<Db.LegalRelation>>>();
  return {
    load(documentId: string, query: RelationPageQuery): Promise<Page<Db.LegalRelation>> {
      const types = query.types ? [...new Set(query.types)].sort() : null;
      const signature = JSON.stringify([types, query.window.skip, query.window.take]);
      let loader = loaders.get(signature);
      if (!loader) {
        loader = new DataLoader((ids) => loadWindow(prisma, ids, { types, window: query.window }));
        loaders.set(signature, loader);
      }
      return loader.load(documentId);
    },
  };
}

export type RelationPages = ReturnType<typeof createRelationPages>;
