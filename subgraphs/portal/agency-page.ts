// A page of agencies and their total in one statement (a window count) instead of two (issue 13,
// lighter subgraphs: every statement costs the subgraph a round trip through Prisma and pg).
// Used when the filter has no search words; the search keeps Prisma's `contains` (search.ts).
import { Db, type PrismaClient } from '../../schema/db/prisma.ts';
import type { PageWindow } from '../kit/pagination.ts';

const { sql, join, raw } = Db.Prisma;

/** Every column of portal_agency, named as Prisma names the model's fields. */
const AGENCY_COLUMNS = raw(
  [
    'id::text AS "id"',
    'code',
    'slug',
    'name_vi AS "nameVi"',
    'name_en AS "nameEn"',
    'short_name AS "shortName"',
    'kind',
    'parent_id::text AS "parentId"',
    'unit_code AS "unitCode"',
    'address',
    'phone',
    'fax',
    'email',
    'website',
    'functions_vi AS "functionsVi"',
    'functions_en AS "functionsEn"',
    'sort_order AS "sortOrder"',
    'valid_from AS "validFrom"',
    'valid_to AS "validTo"',
    'name_folded AS "nameFolded"',
    'created_at AS "createdAt"',
    'updated_at AS "updatedAt"',
  ].join(', '),
);

export interface AgencyListFilter {
  /** Valid on this day (YYYY-MM-DD). */
  asOf: string;
  kind?: string | null;
  parentId?: string | null;
  rootsOnly?: boolean | null;
  changedSince?: Date | null;
}

/** The page's rows (by sort order, then name) and the total. */
export async function agencyPage(prisma: PrismaClient, filter: AgencyListFilter, window: PageWindow): Promise<{ rows: Db.Agency[]; total: number }> {
  const conditions = [
    sql`(valid_from IS NULL OR valid_from <= ${filter.asOf}::date)`,
    sql`(valid_to IS NULL OR valid_to >= ${filter.asOf}::date)`,
    ...(filter.kind ? [sql`kind = ${filter.kind}`] : []),
    ...(filter.parentId ? [sql`parent_id = ${filter.parentId}::uuid`] : []),
    ...(filter.rootsOnly ? [sql`parent_id IS NULL`] : []),
    ...(filter.changedSince ? [sql`updated_at >= ${filter.changedSince}`] : []),
  ];
  const where = join(conditions, ' AND ');
  const rows = await prisma.$queryRaw<(Db.Agency & { total: bigint })[]>`
    SELECT ${AGENCY_COLUMNS}, count(*) OVER () AS "total"
      FROM portal_agency WHERE ${where}
     ORDER BY sort_order ASC, name_vi ASC
     LIMIT ${window.take} OFFSET ${window.skip}`;
  if (rows.length) return { rows: rows.map(({ total: _total, ...row }) => row), total: Number(rows[0]!.total) };
  // Past the end (or nothing at all): the window has no row to carry the total.
  const [count] = await prisma.$queryRaw<{ total: bigint }[]>`SELECT count(*) AS "total" FROM portal_agency WHERE ${where}`;
  return { rows: [], total: Number(count?.total ?? 0) };
}
