// The content items citing legal documents (LegalDocument.relatedContent), batched: the pages
// of every document asked for in a request come from ONE statement (a lateral join per number
// key over the GIN-indexed `legal_basis_keys`), whatever the number of documents.
import DataLoader from 'dataloader';
import { Db, type PrismaClient } from '../../../schema/db/prisma.ts';
import type { PageWindow } from '../../kit/pagination.ts';

const { sql, join } = Db.Prisma;

export interface CitingRequest {
  /** The document's number key (LegalDocument.numberKey). */
  key: string;
  window: PageWindow;
  /** Whose unpublished items the caller may see: null = every agency, [] = none (draftAgencies). */
  agencies: string[] | null;
}

export interface IdPage {
  ids: string[];
  total: number;
}

const signatureOf = (r: CitingRequest) => JSON.stringify([r.window, r.agencies]);

export function citingItemsLoader(prisma: PrismaClient) {
  return new DataLoader<CitingRequest, IdPage, string>(
    async (requests) => {
      const groups = new Map<string, CitingRequest[]>();
      for (const r of requests) groups.set(signatureOf(r), [...(groups.get(signatureOf(r)) ?? []), r]);
      const pages = new Map<string, IdPage>();
      for (const [signature, group] of groups) {
        const { window, agencies } = group[0]!;
        const visible =
          agencies === null
            ? sql`TRUE`
            : agencies.length === 0
              ? sql`c.state = 'PUBLISHED'`
              : sql`(c.state = 'PUBLISHED' OR c.agency_id = ANY(${agencies}::uuid[]))`;
        const keys = [...new Set(group.map((r) => r.key))];
        const rows = await prisma.$queryRaw<{ key: string; id: string; total: bigint }[]>`
          SELECT a.key, c.id, c.total FROM unnest(${keys}::text[]) AS a(key)
          CROSS JOIN LATERAL (
            SELECT c.id, c.published_at, count(*) OVER () AS total FROM portal_content_item c
            WHERE ${join([sql`c.legal_basis_keys @> ARRAY[a.key]`, visible], ' AND ')}
            ORDER BY c.published_at DESC NULLS LAST, c.id DESC LIMIT ${window.take} OFFSET ${window.skip}
          ) c ORDER BY a.key, c.published_at DESC NULLS LAST, c.id DESC`;
        for (const key of keys) {
          const mine = rows.filter((r) => r.key === key);
          pages.set(`${signature}|${key}`, { ids: mine.map((r) => r.id), total: Number(mine[0]?.total ?? 0) });
        }
      }
      return requests.map((r) => pages.get(`${signatureOf(r)}|${r.key}`) ?? { ids: [], total: 0 });
    },
    { cacheKeyFn: (r) => JSON.stringify([r.key, r.window, r.agencies]) },
  );
}
