// A page of agencies and their total in one statement (a window count) instead of two, with —
// when the query asks for them — each agency's sub-agencies and officials in the same statement
// (JSON), primed into the request's loaders (issue 13, lighter subgraphs: every statement costs
// the subgraph a round trip through Prisma and pg). Used when the filter has no search words; a
// search keeps Prisma's `contains` (search.ts). Read on the pool directly (`readRows`: Prisma's
// raw-query path cost about twice pg itself here). Same rows as Prisma reads (tested).
import { Db, readRows, type PrismaClient } from '../../schema/db/prisma.ts';
import { pickColumns } from '../../schema/db/read-rows.ts';
import type { PageWindow } from '../kit/pagination.ts';
import { AGENCY, jsonObject, OFFICIAL, selectList, toAgencyRow, toOfficialRow } from './row-columns.ts';

const { sql, join, raw, empty } = Db.Prisma;

// The same orders as the loaders (loaders.ts agencyChildren, officialsByAgency).
const CHILDREN = raw(
  `(SELECT coalesce(json_agg(${jsonObject(AGENCY, 'c')} ORDER BY c.sort_order ASC, c.name_vi ASC), '[]') FROM portal_agency c WHERE c.parent_id = a.id)`,
);
const OFFICIALS = raw(
  `(SELECT coalesce(json_agg(${jsonObject(OFFICIAL, 'o')} ORDER BY o.sort_order ASC, o.full_name ASC), '[]') FROM portal_official o WHERE o.agency_id = a.id)`,
);

/** A row's agency fields alone, in select order (its total and relations left out). */
const toAgency = pickColumns<Db.Agency>(AGENCY.map(([field]) => field));

export interface AgencyListFilter {
  /** Valid on this day (YYYY-MM-DD). */
  asOf: string;
  kind?: string | null;
  parentId?: string | null;
  rootsOnly?: boolean | null;
  changedSince?: Date | null;
}

export interface AgencyPage {
  rows: Db.Agency[];
  total: number;
  /** Each row's sub-agencies, when asked for. */
  children?: Db.Agency[][];
  /** Each row's officials, when asked for. */
  officials?: Db.Official[][];
}

/** The page's rows (by sort order, then name) and the total; with `also`, their relations. */
export async function agencyPage(
  prisma: PrismaClient,
  filter: AgencyListFilter,
  window: PageWindow,
  also: { children?: boolean; officials?: boolean } = {},
): Promise<AgencyPage> {
  const conditions = [
    sql`(a.valid_from IS NULL OR a.valid_from <= ${filter.asOf}::date)`,
    sql`(a.valid_to IS NULL OR a.valid_to >= ${filter.asOf}::date)`,
    ...(filter.kind ? [sql`a.kind = ${filter.kind}`] : []),
    ...(filter.parentId ? [sql`a.parent_id = ${filter.parentId}::uuid`] : []),
    ...(filter.rootsOnly ? [sql`a.parent_id IS NULL`] : []),
    ...(filter.changedSince ? [sql`a.updated_at >= ${filter.changedSince}`] : []),
  ];
  const where = join(conditions, ' AND ');
  type Row = Db.Agency & { total: bigint; children?: Record<string, unknown>[]; officials?: Record<string, unknown>[] };
  const rows = await readRows<Row>(
    prisma,
    sql`
    SELECT ${selectList(AGENCY, 'a')}, count(*) OVER () AS "total"
           ${also.children ? sql`, ${CHILDREN} AS "children"` : empty}
           ${also.officials ? sql`, ${OFFICIALS} AS "officials"` : empty}
      FROM portal_agency a WHERE ${where}
     ORDER BY a.sort_order ASC, a.name_vi ASC
     LIMIT ${window.take} OFFSET ${window.skip}`,
  );
  if (!rows.length) {
    // Past the end (or nothing at all): the window has no row to carry the total.
    const [count] = await readRows<{ total: bigint }>(prisma, sql`SELECT count(*) AS "total" FROM portal_agency a WHERE ${where}`);
    return { rows: [], total: Number(count?.total ?? 0), ...(also.children ? { children: [] } : {}), ...(also.officials ? { officials: [] } : {}) };
  }
  return {
    rows: rows.map(toAgency),
    total: Number(rows[0]!.total),
    ...(also.children ? { children: rows.map((r) => (r.children ?? []).map(toAgencyRow)) } : {}),
    ...(also.officials ? { officials: rows.map((r) => (r.officials ?? []).map(toOfficialRow)) } : {}),
  };
}
