// What agency portals publish, as the harvester reads it: RSS 2.0 (`rss/channel/item`), Atom
// 1.0 (`feed/entry`, RFC 4287) and sitemaps (`urlset/url`, `sitemapindex/sitemap`,
// sitemaps.org 0.9). Arrays are decided by path (adapters/kit/xml.ts), never by how many
// children arrived.
export const FEED_ARRAY_PATHS = ['rss.channel.item', 'feed.entry', 'feed.entry.link', 'urlset.url', 'sitemapindex.sitemap'] as const;

/** One entry of a feed or sitemap, mapped: NFC, legacy encodings repaired, absolute URL. */
export interface HarvestEntry {
  /** The item's page on the agency portal (canonical: fragment dropped). */
  url: string;
  /** The feed's own id (RSS guid, Atom id), when given. */
  guid: string | null;
  /** A sitemap gives no title: the harvester keeps what a feed said, else the URL's path. */
  title: string | null;
  summary: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
}

export type SourceKind = 'FEED' | 'SITEMAP';

export interface FetchedSource {
  /** 304: nothing changed since the validators sent. */
  notModified: boolean;
  entries: HarvestEntry[];
  /** Nested sitemaps of a sitemap index (fetched by the caller, bounded). */
  sitemaps: string[];
  etag: string | null;
  lastModified: string | null;
  /** Entries may be missing: `maxItems` reached, or nested sitemaps beyond `maxSitemaps` unread. */
  truncated?: boolean;
}
