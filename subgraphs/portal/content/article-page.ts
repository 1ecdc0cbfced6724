// A page of news articles and their total in one statement (a window count) instead of two,
// with — when the query asks for them — each article's section, agency and files (JSON) in the
// same statement, primed into the request's loaders (issue 13, lighter subgraphs: the front
// page's list). Used when the filter has no search words; a search keeps the ranked path
// (ranked.ts). Read on the pool directly (`readRows`). Same rows as Prisma reads, tested.
import { Db, readRows } from '../../../schema/db/prisma.ts';
import { pickColumns } from '../../../schema/db/read-rows.ts';
import type { PageWindow } from '../../kit/pagination.ts';
import type { PortalContext } from '../context.ts';
import type { ItemRow } from './item-row.ts';
import { draftAgencies } from './nodes.ts';
import { AGENCY, CATEGORY, FILE, jsonObject, STORED_FILE, toAgencyRow, toCategoryRow, toFileRow } from '../row-columns.ts';

const { sql, join, raw, empty } = Db.Prisma;

/** Every column of portal_content_item but the folded ones, named as Prisma names the fields. */
const ITEM_SELECT = [
  'id::text AS "id"',
  'kind::text AS "kind"',
  'category',
  'category_point AS "categoryPoint"',
  'slug',
  'section_id::text AS "sectionId"',
  'agency_id::text AS "agencyId"',
  'title_vi AS "titleVi"',
  'title_en AS "titleEn"',
  'summary_vi AS "summaryVi"',
  'summary_en AS "summaryEn"',
  'state::text AS "state"',
  'version',
  'trigger_kind AS "triggerKind"',
  'trigger_date AS "triggerDate"',
  'scheduled_at AS "scheduledAt"',
  'published_at AS "publishedAt"',
  'first_published_at AS "firstPublishedAt"',
  'author_name AS "authorName"',
  'source_name AS "sourceName"',
  'source_url AS "sourceUrl"',
  'source_author AS "sourceAuthor"',
  'is_reused AS "isReused"',
  'subjects',
  'legal_basis_keys AS "legalBasisKeys"',
  'contributor',
  'coverage',
  'rights',
  'relation',
  'translation_point AS "translationPoint"',
  'translation_status::text AS "translationStatus"',
  'translated_at AS "translatedAt"',
  'return_reasons AS "returnReasons"',
  'created_by_id AS "createdById"',
  'created_at AS "createdAt"',
  'updated_at AS "updatedAt"',
];
const ITEM_COLUMNS = raw(ITEM_SELECT.join(', '));

// The bodies: the largest columns of a row (a news article's HTML runs to tens of kilobytes in
// two languages), read only when the page's nodes need them (`also.body`).
const BODY_COLUMNS = raw('body_vi AS "bodyVi", body_en AS "bodyEn"');
/** In their place: an empty body, for nodes that never read it (article.resolver.ts decides). */
const NO_BODY_COLUMNS = raw(`''::text AS "bodyVi", NULL::text AS "bodyEn"`);
/** A row's item fields alone, in select order with the bodies last (its total and relations left out). */
const toItemRow = pickColumns<ItemRow>([...ITEM_SELECT.map((column) => /AS "(\w+)"$/.exec(column)?.[1] ?? column), 'bodyVi', 'bodyEn']);

const CATEGORY_OF = raw(`(SELECT ${jsonObject(CATEGORY, 'c')} FROM portal_article_category c WHERE c.id = i.section_id)`);
const AGENCY_OF = raw(`(SELECT ${jsonObject(AGENCY, 'g')} FROM portal_agency g WHERE g.id = i.agency_id)`);
// The files loader's order (loaders.ts filesByItem).
const FILES_OF = raw(
  `(SELECT coalesce(json_agg(${jsonObject(FILE, 'f').replace(/\)$/, `, 'stored', ${jsonObject(STORED_FILE, 's')})`)} ORDER BY f.sort_order ASC, f.id ASC), '[]')` +
    ' FROM portal_content_file f JOIN portal_stored_file s ON s.sha256 = f.sha256 WHERE f.item_id = i.id)',
);

export interface ArticleRelations {
  /** Read the bodies (default). False only when no field asked of the nodes reads them: the rows
   * then carry an empty body. */
  body?: boolean;
  category?: boolean;
  agency?: boolean;
  files?: boolean;
}

export interface ArticlePage {
  rows: ItemRow[];
  total: number;
  /** Each row's section (null without one), when asked for. */
  categories?: (Db.ArticleCategory | null)[];
  /** Each row's agency (null without one), when asked for. */
  agencies?: (Db.Agency | null)[];
  /** Each row's files with their stored files, when asked for. */
  files?: (Db.ContentFile & { stored: Db.StoredFile })[][];
}

export interface ArticleListFilter {
  agencyId?: string | null;
  categorySlug?: string | null;
}

/** The articles the caller may see, newest first, and their total (contentWhere + NEWEST_FIRST, in SQL). */
export async function articlePage(ctx: PortalContext, filter: ArticleListFilter, window: PageWindow, also: ArticleRelations = {}): Promise<ArticlePage> {
  const agencies = draftAgencies(ctx);
  const conditions = [
    sql`kind = 'ARTICLE'`,
    ...(agencies === null ? [] : agencies.length ? [sql`(state = 'PUBLISHED' OR agency_id = ANY(${agencies}::uuid[]))`] : [sql`state = 'PUBLISHED'`]),
    ...(filter.agencyId ? [sql`agency_id = ${filter.agencyId}::uuid`] : []),
    ...(filter.categorySlug ? [sql`section_id IN (SELECT id FROM portal_article_category WHERE slug = ${filter.categorySlug})`] : []),
  ];
  const where = join(conditions, ' AND ');
  type Row = ItemRow & {
    total: bigint;
    _section?: Record<string, unknown> | null;
    _agency?: Record<string, unknown> | null;
    _files?: Record<string, unknown>[];
  };
  const rows = await readRows<Row>(
    ctx.prisma,
    sql`
    SELECT ${ITEM_COLUMNS}, ${also.body === false ? NO_BODY_COLUMNS : BODY_COLUMNS}, count(*) OVER () AS "total"
           ${also.category ? sql`, ${CATEGORY_OF} AS "_section"` : empty}
           ${also.agency ? sql`, ${AGENCY_OF} AS "_agency"` : empty}
           ${also.files ? sql`, ${FILES_OF} AS "_files"` : empty}
      FROM portal_content_item i WHERE ${where}
     ORDER BY published_at DESC NULLS LAST, id DESC
     LIMIT ${window.take} OFFSET ${window.skip}`,
  );
  const relations = (list: Row[]) => ({
    ...(also.category ? { categories: list.map((r) => (r._section ? toCategoryRow(r._section) : null)) } : {}),
    ...(also.agency ? { agencies: list.map((r) => (r._agency ? toAgencyRow(r._agency) : null)) } : {}),
    ...(also.files ? { files: list.map((r) => (r._files ?? []).map(toFileRow)) } : {}),
  });
  if (rows.length)
    return {
      rows: rows.map(toItemRow),
      total: Number(rows[0]!.total),
      ...relations(rows),
    };
  // Past the end (or nothing at all): the window has no row to carry the total.
  const [count] = await readRows<{ total: bigint }>(ctx.prisma, sql`SELECT count(*) AS "total" FROM portal_content_item i WHERE ${where}`);
  return { rows: [], total: Number(count?.total ?? 0), ...relations([]) };
}
