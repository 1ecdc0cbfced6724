// Dublin Core and schema.org JSON-LD of a published portal item, as harvesters get them: the
// identifier is the item's public URL (DOMAIN.md §4), the elements follow the portal's own
// Dublin Core rules (content/dublin-core.ts) so the graph and the harvest surfaces agree.
import { emptyDublinCore, type DublinCoreRecord } from '../../../schema/contract/harvest.ts';
import type { Db } from '../../../schema/db/prisma.ts';
import { dublinCore, vietnamDate } from '../content/dublin-core.ts';
import { ContentKind } from '../content/kinds.ts';
import { commonFields } from '../content/nodes.ts';
import type { ContentItem } from '../content/types.ts';

export interface ContentFacts {
  /** The item's public URL. */
  url: string;
  /** Where the portal's public routes start (CSV downloads). */
  linkBase: string;
  agency: { code: string; nameVi: string } | null;
}

const list = (v: string | null | undefined): string[] => (v ? [v] : []);

export function contentDublinCore(row: Db.ContentItem, facts: ContentFacts): DublinCoreRecord {
  const dc = dublinCore(commonFields(row), { agencyName: facts.agency?.nameVi ?? null, publishedAt: row.publishedAt });
  return {
    ...emptyDublinCore(),
    title: list(dc.title),
    creator: list(dc.creator ?? facts.agency?.nameVi),
    subject: dc.subject,
    description: list(dc.description),
    publisher: list(dc.publisher),
    contributor: list(dc.contributor),
    date: list(dc.date),
    type: list(dc.type),
    format: list(dc.format),
    identifier: [facts.url],
    source: list(dc.source),
    language: dc.language,
    relation: list(dc.relation),
    coverage: list(dc.coverage),
    rights: list(dc.rights),
  };
}

const organization = (agency: ContentFacts['agency']) =>
  agency ? { '@type': 'GovernmentOrganization', name: agency.nameVi, identifier: agency.code } : undefined;

/** What the JSON-LD needs of an item (a row has it; `jsonLdSourceOf` maps a graph node). */
export type JsonLdSource = Pick<
  Db.ContentItem,
  'kind' | 'slug' | 'titleVi' | 'summaryVi' | 'translationStatus' | 'firstPublishedAt' | 'updatedAt' | 'subjects' | 'triggerDate' | 'authorName' | 'sourceUrl'
>;

export const jsonLdSourceOf = (item: ContentItem): JsonLdSource => ({
  kind: item.kind as Db.ContentItem['kind'],
  slug: item.slug,
  titleVi: item.title.vi,
  summaryVi: item.summary?.vi ?? null,
  translationStatus: item.translationStatus as Db.ContentItem['translationStatus'],
  firstPublishedAt: item.firstPublishedAt,
  updatedAt: item.updatedAt,
  subjects: item.subjects,
  triggerDate: item.triggerDate,
  authorName: item.authorName,
  sourceUrl: item.source?.url ?? null,
});

/** schema.org: NewsArticle for news, Dataset (with its CSV) for statistics, Article otherwise. */
export function contentJsonLd(row: JsonLdSource, facts: ContentFacts): Record<string, unknown> {
  const common = {
    '@context': 'https://schema.org',
    '@id': facts.url,
    url: facts.url,
    name: row.titleVi,
    description: row.summaryVi ?? undefined,
    inLanguage: row.translationStatus === 'COMPLETE' ? ['vi', 'en'] : 'vi',
    datePublished: row.firstPublishedAt?.toISOString(),
    dateModified: row.updatedAt.toISOString(),
    publisher: organization(facts.agency),
    keywords: row.subjects.length ? row.subjects.join(', ') : undefined,
  };
  if (row.kind === ContentKind.STATISTICS_DATASET) {
    return {
      ...common,
      '@type': 'Dataset',
      creator: organization(facts.agency),
      temporalCoverage: row.triggerDate ? vietnamDate(row.triggerDate) : undefined,
      distribution: [{ '@type': 'DataDownload', encodingFormat: 'text/csv', contentUrl: `${facts.linkBase}/data/statistics/${row.slug}.csv` }],
    };
  }
  return {
    ...common,
    '@type': row.kind === ContentKind.ARTICLE ? 'NewsArticle' : 'Article',
    headline: row.titleVi.slice(0, 110),
    author: row.authorName ? { '@type': 'Person', name: row.authorName } : organization(facts.agency),
    isBasedOn: row.sourceUrl ?? undefined,
  };
}
