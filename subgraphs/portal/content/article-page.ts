// A page of news articles and their total in one statement (a window count) instead of two
// (issue 13, lighter subgraphs: the front page's list). Used when the filter has no search
// words; a search keeps the ranked path (ranked.ts). Same rows as Prisma's findMany, tested.
import { Db } from '../../../schema/db/prisma.ts';
import type { PageWindow } from '../../kit/pagination.ts';
import type { PortalContext } from '../context.ts';
import type { ItemRow } from './item-row.ts';
import { draftAgencies } from './nodes.ts';

const { sql, join, raw } = Db.Prisma;

/** Every column of portal_content_item but the folded ones, named as Prisma names the fields. */
const ITEM_COLUMNS = raw(
  [
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
    'body_vi AS "bodyVi"',
    'body_en AS "bodyEn"',
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
  ].join(', '),
);

export interface ArticleListFilter {
  agencyId?: string | null;
  categorySlug?: string | null;
}

/** The articles the caller may see, newest first, and their total (contentWhere + NEWEST_FIRST, in SQL). */
export async function articlePage(ctx: PortalContext, filter: ArticleListFilter, window: PageWindow): Promise<{ rows: ItemRow[]; total: number }> {
  const agencies = draftAgencies(ctx);
  const conditions = [
    sql`kind = 'ARTICLE'`,
    ...(agencies === null ? [] : agencies.length ? [sql`(state = 'PUBLISHED' OR agency_id = ANY(${agencies}::uuid[]))`] : [sql`state = 'PUBLISHED'`]),
    ...(filter.agencyId ? [sql`agency_id = ${filter.agencyId}::uuid`] : []),
    ...(filter.categorySlug ? [sql`section_id IN (SELECT id FROM portal_article_category WHERE slug = ${filter.categorySlug})`] : []),
  ];
  const where = join(conditions, ' AND ');
  const rows = await ctx.prisma.$queryRaw<(ItemRow & { total: bigint })[]>`
    SELECT ${ITEM_COLUMNS}, count(*) OVER () AS "total"
      FROM portal_content_item WHERE ${where}
     ORDER BY published_at DESC NULLS LAST, id DESC
     LIMIT ${window.take} OFFSET ${window.skip}`;
  if (rows.length) return { rows: rows.map(({ total: _total, ...row }) => row), total: Number(rows[0]!.total) };
  // Past the end (or nothing at all): the window has no row to carry the total.
  const [count] = await ctx.prisma.$queryRaw<{ total: bigint }[]>`SELECT count(*) AS "total" FROM portal_content_item WHERE ${where}`;
  return { rows: [], total: Number(count?.total ?? 0) };
}
