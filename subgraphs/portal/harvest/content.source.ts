// The portal's content as harvest records (schema/contract/harvest.ts): one harvest kind per
// content kind, published items and — on request — tombstones of items that were published
// once and are not now (unpublished, archived, back in the workflow). Keyset pages over
// (updated_at, id) for OAI-PMH and sitemaps, (published_at, id) newest first for feeds.
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import { datestampOf, endOfSecond, type HarvestKind, type HarvestQuery, type HarvestRecord } from '../../../schema/contract/harvest.ts';
import { keysetAfter, keysetPage, type HarvestContext, type HarvestFilter, type HarvestSource } from '../../kit/harvest.ts';
import { ContentKind, KINDS, kindBySegment } from '../content/kinds.ts';
import type { PortalRuntime } from '../context.ts';
import { contentDublinCore, contentJsonLd, type ContentFacts } from './content.metadata.ts';

/** Harvest kind names: stable public URL segments (`/feeds/news.rss`). */
export const HARVEST_KIND: Readonly<Record<ContentKind, string>> = {
  ARTICLE: 'news',
  INTRODUCTION: 'introductions',
  DIRECTIVE: 'directives',
  PETITION_RESPONSE: 'petition-responses',
  COMMENDATION: 'commendations',
  WORK_SCHEDULE: 'work-schedules',
  RECEPTION_SCHEDULE: 'reception-schedules',
  LAW_EXPLAINER: 'law-explainers',
  PLAN: 'plans',
  INVESTMENT_PROJECT: 'investment-projects',
  TENDER: 'tenders',
  SCIENCE_TASK: 'science-tasks',
  STATISTICS_DATASET: 'statistics-datasets',
};
const CONTENT_KIND = new Map(Object.entries(HARVEST_KIND).map(([k, v]) => [v, k as ContentKind]));

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const AGENCY = { agency: { select: { code: true, nameVi: true } } } as const satisfies Prisma.ContentItemInclude;
const BRIEF_SELECT = {
  id: true,
  kind: true,
  slug: true,
  state: true,
  updatedAt: true,
  publishedAt: true,
  agency: { select: { code: true } },
} as const satisfies Prisma.ContentItemSelect;
const ORDER_CHANGED = [{ updatedAt: 'asc' }, { id: 'asc' }] as const satisfies Prisma.ContentItemOrderByWithRelationInput[];
const ORDER_PUBLISHED = [{ publishedAt: 'desc' }, { id: 'desc' }] as const satisfies Prisma.ContentItemOrderByWithRelationInput[];

type Row = Prisma.ContentItemGetPayload<{ include: typeof AGENCY }>;
type BriefRow = Prisma.ContentItemGetPayload<{ select: typeof BRIEF_SELECT }>;

/** The public URL of an item: its print page. */
export const contentUrl = (base: string, kind: ContentKind, slug: string) => `${base}/print/${KINDS[kind].segment}/${slug}`;

export function contentHarvestSource(prisma: PrismaClient, runtime: PortalRuntime): HarvestSource {
  const linkBase = (ctx: HarvestContext) => runtime.publicBaseUrl(ctx.publicBaseUrl);
  const where = (f: HarvestFilter): Prisma.ContentItemWhereInput => ({
    kind: CONTENT_KIND.get(f.kind)!,
    ...(f.deleted ? { firstPublishedAt: { not: null } } : { state: 'PUBLISHED' }),
    ...(f.agency ? { agency: { code: f.agency } } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.from || f.until ? { updatedAt: { ...(f.from ? { gte: new Date(f.from) } : {}), ...(f.until ? { lte: endOfSecond(new Date(f.until)) } : {}) } } : {}),
  });
  const briefRecord = (row: BriefRow, ctx: HarvestContext): HarvestRecord => ({
    kind: HARVEST_KIND[row.kind as ContentKind],
    id: row.id,
    url: contentUrl(linkBase(ctx), row.kind as ContentKind, row.slug),
    datestamp: datestampOf(row.updatedAt),
    deleted: row.state !== 'PUBLISHED',
    agencies: row.agency ? [row.agency.code] : [],
    publishedAt: (row.publishedAt ?? row.updatedAt).toISOString(),
  });
  const toRecord = (row: Row, ctx: HarvestContext): HarvestRecord => {
    const kind = row.kind as ContentKind;
    const url = contentUrl(linkBase(ctx), kind, row.slug);
    const deleted = row.state !== 'PUBLISHED';
    const base = { kind: HARVEST_KIND[kind], id: row.id, url, datestamp: datestampOf(row.updatedAt), deleted, agencies: row.agency ? [row.agency.code] : [] };
    if (deleted) return base;
    const facts: ContentFacts = { url, linkBase: linkBase(ctx), agency: row.agency };
    return {
      ...base,
      category: row.category,
      publishedAt: (row.publishedAt ?? row.updatedAt).toISOString(),
      title: row.titleVi,
      summary: row.summaryVi,
      authors: row.authorName ? [row.authorName] : [],
      dc: contentDublinCore(row, facts),
      jsonLd: contentJsonLd(row, facts),
    };
  };
  return {
    kinds: (Object.keys(HARVEST_KIND) as ContentKind[]).map((k): HarvestKind => ({
      kind: HARVEST_KIND[k],
      label: KINDS[k].label,
      formats: [],
      pages: true,
      category: KINDS[k].category,
    })),
    async sets() {
      const agencies = await prisma.agency.findMany({
        select: { id: true, code: true, nameVi: true, nameFolded: true },
        orderBy: [{ code: 'asc' }, { validFrom: 'desc' }],
      });
      const ids = new Map<string, string[]>();
      for (const a of agencies) ids.set(a.code, [...(ids.get(a.code) ?? []), a.id]);
      const seen = new Set<string>();
      return agencies
        .filter((a) => !seen.has(a.code) && seen.add(a.code))
        .map((a) => ({ spec: `agency:${a.code}`, name: a.nameVi, keys: [a.nameFolded], ids: ids.get(a.code) }));
    },
    async page(q: HarvestQuery, ctx) {
      const changed = q.order === 'changed';
      const keyset = keysetAfter(q, changed ? 'updatedAt' : 'publishedAt') as Prisma.ContentItemWhereInput;
      const args = { where: { AND: [where(q), keyset] }, orderBy: changed ? ORDER_CHANGED : ORDER_PUBLISHED, skip: q.offset, take: q.limit + 1 };
      // Sitemaps and identifier lists read thousands of rows: only the columns they need.
      const rows: Row[] | BriefRow[] = q.brief
        ? await prisma.contentItem.findMany({ ...args, select: BRIEF_SELECT })
        : await prisma.contentItem.findMany({ ...args, include: AGENCY });
      const { rows: page, next } = keysetPage<Row | BriefRow>(rows, q, (r) => (changed ? r.updatedAt : (r.publishedAt ?? r.updatedAt)));
      if (q.brief) return { records: (page as BriefRow[]).map((r) => briefRecord(r, ctx)), next };
      return { records: (page as Row[]).map((r) => toRecord(r, ctx)), next };
    },
    count: (f) => prisma.contentItem.count({ where: where(f) }),
    async resolve(url, ctx) {
      const prefix = `${linkBase(ctx)}/print/`;
      const [segment, slug, ...rest] = url.startsWith(prefix) ? url.slice(prefix.length).split('/') : [];
      const kind = segment ? kindBySegment(segment) : undefined;
      if (!kind || !slug || rest.length || !SLUG.test(slug)) return null;
      const row = await prisma.contentItem.findFirst({
        where: { kind, slug, firstPublishedAt: { not: null } },
        include: { agency: { select: { code: true, nameVi: true } } },
      });
      return row ? toRecord(row, ctx) : null;
    },
  };
}
