// The harvest contract between the subgraphs that own public items and the gateway's harvest
// surfaces (OAI-PMH, sitemaps, feeds: gateway/metadata/). A subgraph lists the kinds it owns
// and serves pages of records — published items and the tombstones of removed ones — over a
// signed GET route (subgraphs/kit/harvest.ts); the gateway renders them. The record carries
// everything every surface needs, so no surface asks twice.

/** Dublin Core, the 15 elements as repeatable values (an element may be absent). */
export interface DublinCoreRecord {
  title: string[];
  creator: string[];
  subject: string[];
  description: string[];
  publisher: string[];
  contributor: string[];
  date: string[];
  type: string[];
  format: string[];
  identifier: string[];
  source: string[];
  language: string[];
  relation: string[];
  coverage: string[];
  rights: string[];
}

export const DC_ELEMENTS = [
  'title',
  'creator',
  'subject',
  'description',
  'publisher',
  'contributor',
  'date',
  'type',
  'format',
  'identifier',
  'source',
  'language',
  'relation',
  'coverage',
  'rights',
] as const satisfies readonly (keyof DublinCoreRecord)[];

/** A legal document's full national-database description (metadata prefix `vbpl`). */
export interface LegalDocumentMetadata {
  number: string;
  typeCode: string;
  typeName: string;
  title: string;
  summary: string;
  issueDate: string | null;
  effectiveDate: string | null;
  expiryDate: string | null;
  /** Validity code (CHL, HHL, HHL1P, CCHL, TNHL, TNHL1P, KCPH) and its label. */
  validity: { code: string; label: string } | null;
  /** schema.org legal force: InForce / NotInForce / PartiallyInForce. */
  legalForce: string | null;
  scope: string | null;
  fields: string[];
  issuers: { agency: string; agencyCode: string | null; signerTitle: string | null; signerName: string | null }[];
  gazette: { from: number; to: number | null; year: number; publishedDate: string | null }[];
  validityHistory: { date: string | null; action: string; sourceNumber: string | null; scope: string | null }[];
  relations: { kind: string; number: string; url: string | null }[];
  files: { name: string; url: string; mediaType: string }[];
  source: string | null;
}

/** One item as harvesters see it. A tombstone (`deleted`) keeps identifier, kind, sets and datestamp. */
export interface HarvestRecord {
  /** The harvest kind (`news`, `legal-documents` …): also the set `kind:<kind>`. */
  kind: string;
  /** The item's id in its subgraph (a UUID). */
  id: string;
  /** The item's public URL: its identifier everywhere. */
  url: string;
  /** Last change, ISO 8601 UTC at seconds granularity (YYYY-MM-DDThh:mm:ssZ). */
  datestamp: string;
  /** Unpublished, archived or withdrawn: harvesters must drop it. */
  deleted: boolean;
  /** QCVN 102 codes of the agencies the item belongs to: sets `agency:<code>`. */
  agencies: string[];
  /** Agencies the source names but cannot code (folded names, schema/text): the gateway maps
   * them to codes through the sets' `keys`. */
  agencyNames?: string[];
  /** The portal's Agency ids the item refers to (a reference, not a code): the gateway maps them
   * to codes through the sets' `ids`. */
  agencyIds?: string[];
  /** R-4 category key of a portal item (NEWS, DIRECTION …), for per-category feeds. */
  category?: string | null;
  /** First publication (ISO); feeds order by it. */
  publishedAt?: string | null;
  title?: string;
  summary?: string | null;
  /** Authors (feeds). */
  authors?: string[];
  dc?: DublinCoreRecord;
  /** schema.org JSON-LD of the item. */
  jsonLd?: Record<string, unknown>;
  /** Extra formats by metadata prefix (`vbpl` for legal documents). */
  legal?: LegalDocumentMetadata;
}

/** A kind a subgraph serves: its name, labels and the metadata formats beyond `oai_dc`. */
export interface HarvestKind {
  kind: string;
  label: { vi: string; en: string };
  /** Extra metadata prefixes its records carry (`vbpl`). */
  formats: string[];
  /** Whether its items have their own page (sitemaps list only those). */
  pages: boolean;
  /** The R-4 category its items belong to (NEWS, DIRECTION …), for per-category feeds. */
  category?: string;
}

/** Sets a subgraph contributes beyond its kinds (the portal's agencies). */
export interface HarvestSet {
  spec: string;
  name: string;
  /** Other keys the agency is known by (its folded name), for sources that name it. */
  keys?: string[];
  /** The portal's Agency ids that carry this code (one per period of validity). */
  ids?: string[];
}

export interface HarvestCatalogue {
  kinds: HarvestKind[];
  sets: HarvestSet[];
}

/** Order of a page: by last change (OAI-PMH, sitemaps) or by publication, newest first (feeds). */
export type HarvestOrder = 'changed' | 'published';

export interface HarvestQuery {
  kind: string;
  /** Inclusive bounds on the datestamp (ISO). */
  from?: string;
  until?: string;
  agency?: string;
  /** The agency's folded name, for sources that know agencies by name (legal issuers). */
  agencyName?: string;
  /** The agency's Agency ids, for sources that hold a reference to it (consultations). */
  agencyIds?: string[];
  category?: string;
  /** Keyset cursor from a previous page (`cursorFor`). */
  after?: string;
  /** Records to skip before the page (sitemap shards start at a multiple of 50,000). */
  offset?: number;
  /** Only what identifies a record (kind, id, url, datestamp, deleted, agencies, publishedAt). */
  brief?: boolean;
  limit: number;
  order: HarvestOrder;
  /** Tombstones too (OAI-PMH, graph); feeds and sitemaps want only live items. */
  deleted: boolean;
}

export interface HarvestPage {
  records: HarvestRecord[];
  /** Cursor after the last record, or null at the end. */
  next: string | null;
}

/** Largest page a subgraph serves in one call. */
export const MAX_HARVEST_PAGE = 1000;

/** The keyset cursor after a row: its exact ordering instant and id, `<iso>|<id>`. */
export const cursorFor = (at: Date, id: string): string => `${at.toISOString()}|${id}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor's parts, or null when it is not one. */
export function parseCursor(cursor: string): { at: Date; id: string } | null {
  const [iso, id, ...rest] = cursor.split('|');
  if (rest.length || !iso || !id || !UUID.test(id)) return null;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? null : { at, id };
}

/** An instant as an OAI-PMH datestamp: UTC, seconds granularity. */
export const datestampOf = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The first instant after `d`'s second: `until` bounds are inclusive at seconds granularity. */
export const endOfSecond = (d: Date): Date => new Date(Math.floor(d.getTime() / 1000) * 1000 + 999);

/** An empty Dublin Core record to fill. */
export const emptyDublinCore = (): DublinCoreRecord => Object.fromEntries(DC_ELEMENTS.map((e) => [e, []])) as unknown as DublinCoreRecord;
