// Dublin Core for every item (DOMAIN.md §4): 15 elements, six of them mandatory for
// publishing (title, creator, date, description, publisher, identifier).
import { creatorOf, missingAttribution as attributionGaps, missingDublinCore, MANDATORY_DC, vietnamDate } from '../../../schema/domain/publishing.ts';
import { toLocalDate } from '../../kit/scalars.ts';
import { KINDS, type ContentKind } from './kinds.ts';
import type { ContentItem, DublinCore } from './types.ts';

export { MANDATORY_DC, vietnamDate };

export interface DublinCoreFacts {
  /** The providing agency's Vietnamese name (the publisher). */
  agencyName: string | null;
  /** When the item is (or is about to be) published: the date element falls back to it. */
  publishedAt: Date | null;
  /** The item's public URL (its print page): the identifier harvesters resolve (DOMAIN.md §4). */
  url?: string;
}

export function dublinCore(item: ContentItem, facts: DublinCoreFacts): DublinCore {
  const date = item.triggerDate ? toLocalDate(item.triggerDate) : facts.publishedAt ? vietnamDate(facts.publishedAt) : null;
  const coverage = item.coverage ?? (hasUnitCodes(item) && item.unitCodes.length ? item.unitCodes.join(', ') : null);
  const dc: Omit<DublinCore, 'missingMandatory'> = {
    title: item.title.vi || null,
    creator: creatorOf({ authorName: item.authorName, isReused: item.isReused, sourceAuthor: item.source?.author ?? null }),
    date,
    description: item.summary?.vi ?? null,
    publisher: facts.agencyName,
    identifier: facts.url ?? `urn:uuid:${item.id}`,
    language: item.translationStatus === 'COMPLETE' ? ['vi', 'en'] : ['vi'],
    source: item.source?.url ?? item.source?.name ?? null,
    contributor: item.contributor,
    subject: item.subjects,
    coverage,
    type: KINDS[item.kind as ContentKind].dcType,
    format: 'text/html',
    relation: item.relation,
    rights: item.rights,
  };
  return { ...dc, missingMandatory: missingDublinCore(dc) };
}

const hasUnitCodes = (item: ContentItem): item is ContentItem & { unitCodes: string[] } => Array.isArray((item as { unitCodes?: unknown }).unitCodes);

/** re-used content names its official source and its author or source agency. */
export const missingAttribution = (item: Pick<ContentItem, 'isReused' | 'source'>): string[] =>
  attributionGaps({ isReused: item.isReused, sourceName: item.source?.name ?? null, sourceAuthor: item.source?.author ?? null });
