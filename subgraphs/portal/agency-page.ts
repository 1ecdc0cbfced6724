// A page of agencies and their total in one statement (a window count) instead of two, with —
// when the query asks for them — each agency's sub-agencies and officials in the same statement
// (JSON), primed into the request's loaders (issue 13, lighter subgraphs: every statement costs
// the subgraph a round trip through Prisma and pg). Used when the filter has no search words; a
// search keeps Prisma's `contains` (search.ts). Same rows as Prisma reads (tested).
import { Db, type PrismaClient } from '../../schema/db/prisma.ts';
import type { PageWindow } from '../kit/pagination.ts';

const { sql, join, raw, empty } = Db.Prisma;

/** [field, column, type]: a model field as Prisma names it, its column, how it is read back. */
type Column = readonly [field: string, column: string, type?: 'uuid' | 'date' | 'timestamp'];

const AGENCY: readonly Column[] = [
  ['id', 'id', 'uuid'],
  ['code', 'code'],
  ['slug', 'slug'],
  ['nameVi', 'name_vi'],
  ['nameEn', 'name_en'],
  ['shortName', 'short_name'],
  ['kind', 'kind'],
  ['parentId', 'parent_id', 'uuid'],
  ['unitCode', 'unit_code'],
  ['address', 'address'],
  ['phone', 'phone'],
  ['fax', 'fax'],
  ['email', 'email'],
  ['website', 'website'],
  ['functionsVi', 'functions_vi'],
  ['functionsEn', 'functions_en'],
  ['sortOrder', 'sort_order'],
  ['validFrom', 'valid_from', 'date'],
  ['validTo', 'valid_to', 'date'],
  ['nameFolded', 'name_folded'],
  ['createdAt', 'created_at', 'timestamp'],
  ['updatedAt', 'updated_at', 'timestamp'],
];

const OFFICIAL: readonly Column[] = [
  ['id', 'id', 'uuid'],
  ['agencyId', 'agency_id', 'uuid'],
  ['fullName', 'full_name'],
  ['positionVi', 'position_vi'],
  ['positionEn', 'position_en'],
  ['unitName', 'unit_name'],
  ['phone', 'phone'],
  ['fax', 'fax'],
  ['email', 'email'],
  ['isLeader', 'is_leader'],
  ['biographyVi', 'biography_vi'],
  ['biographyEn', 'biography_en'],
  ['dutiesVi', 'duties_vi'],
  ['dutiesEn', 'duties_en'],
  ['sortOrder', 'sort_order'],
  ['validFrom', 'valid_from', 'date'],
  ['validTo', 'valid_to', 'date'],
  ['nameFolded', 'name_folded'],
  ['updatedAt', 'updated_at', 'timestamp'],
];

const selectList = (columns: readonly Column[], alias: string) =>
  raw(columns.map(([field, column, type]) => `${alias}.${column}${type === 'uuid' ? '::text' : ''} AS "${field}"`).join(', '));

const jsonObject = (columns: readonly Column[], alias: string) =>
  `json_build_object(${columns.map(([field, column]) => `'${field}', ${alias}.${column}`).join(', ')})`;

/** A JSON row back to what Prisma reads: dates at UTC midnight, timestamps (stored as UTC) as instants. */
function fromJson<T>(columns: readonly Column[]): (row: Record<string, unknown>) => T {
  const dates = columns.filter(([, , type]) => type === 'date' || type === 'timestamp');
  return (row) => {
    for (const [field, , type] of dates) {
      const value = row[field];
      if (typeof value === 'string') row[field] = new Date(type === 'date' ? value : `${value}Z`);
    }
    return row as T;
  };
}
const toAgencyRow = fromJson<Db.Agency>(AGENCY);
const toOfficialRow = fromJson<Db.Official>(OFFICIAL);

// The same orders as the loaders (loaders.ts agencyChildren, officialsByAgency).
const CHILDREN = raw(
  `(SELECT coalesce(json_agg(${jsonObject(AGENCY, 'c')} ORDER BY c.sort_order ASC, c.name_vi ASC), '[]') FROM portal_agency c WHERE c.parent_id = a.id)`,
);
const OFFICIALS = raw(
  `(SELECT coalesce(json_agg(${jsonObject(OFFICIAL, 'o')} ORDER BY o.sort_order ASC, o.full_name ASC), '[]') FROM portal_official o WHERE o.agency_id = a.id)`,
);

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
  const rows = await prisma.$queryRaw<(Db.Agency & { total: bigint; children?: Record<string, unknown>[]; officials?: Record<string, unknown>[] })[]>`
    SELECT ${selectList(AGENCY, 'a')}, count(*) OVER () AS "total"
           ${also.children ? sql`, ${CHILDREN} AS "children"` : empty}
           ${also.officials ? sql`, ${OFFICIALS} AS "officials"` : empty}
      FROM portal_agency a WHERE ${where}
     ORDER BY a.sort_order ASC, a.name_vi ASC
     LIMIT ${window.take} OFFSET ${window.skip}`;
  if (!rows.length) {
    // Past the end (or nothing at all): the window has no row to carry the total.
    const [count] = await prisma.$queryRaw<{ total: bigint }[]>`SELECT count(*) AS "total" FROM portal_agency a WHERE ${where}`;
    return { rows: [], total: Number(count?.total ?? 0), ...(also.children ? { children: [] } : {}), ...(also.officials ? { officials: [] } : {}) };
  }
  return {
    rows: rows.map(({ total: _total, children: _children, officials: _officials, ...row }) => row),
    total: Number(rows[0]!.total),
    ...(also.children ? { children: rows.map((r) => (r.children ?? []).map(toAgencyRow)) } : {}),
    ...(also.officials ? { officials: rows.map((r) => (r.officials ?? []).map(toOfficialRow)) } : {}),
  };
}
