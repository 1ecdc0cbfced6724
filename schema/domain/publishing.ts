// What an item must carry to be published (R-3.3, DOMAIN.md §4): re-used content names its
// source and the source's author or agency, and the six mandatory Dublin Core elements are
// present. One rule for the editor's publish step (portal editorial/publish-item.ts) and the
// demo seed, so seeded content never shows what the workflow would refuse.

export const MANDATORY_DC = ['title', 'creator', 'date', 'description', 'publisher', 'identifier'] as const;
export type MandatoryDcElement = (typeof MANDATORY_DC)[number];

export interface PublishFacts extends Record<MandatoryDcElement, string | null> {
  isReused: boolean;
  sourceName: string | null;
  sourceAuthor: string | null;
}

/** re-used content names its official source and its author or source agency. */
export function missingAttribution(f: Pick<PublishFacts, 'isReused' | 'sourceName' | 'sourceAuthor'>): string[] {
  if (!f.isReused) return [];
  return [...(f.sourceName ? [] : ['source.name']), ...(f.sourceAuthor ? [] : ['source.author'])];
}

export const missingDublinCore = (f: Record<MandatoryDcElement, string | null>): MandatoryDcElement[] => MANDATORY_DC.filter((k) => !f[k]);

/** Everything that stops publication, as the refusal lists it (empty = publishable). */
export const publishingGaps = (f: PublishFacts): string[] => [...missingAttribution(f), ...missingDublinCore(f).map((e) => `dublinCore.${e}`)];

/** The creator element: the author, else (re-used content) the source's author. */
export const creatorOf = (f: { authorName: string | null; isReused: boolean; sourceAuthor: string | null }): string | null =>
  f.authorName ?? (f.isReused ? f.sourceAuthor : null);

/** The calendar day of an instant in Việt Nam (UTC+7, no daylight saving). */
export const vietnamDate = (d: Date): string => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
