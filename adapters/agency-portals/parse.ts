// Feed and sitemap bodies → entries. The body's encoding is found from the Content-Type
// charset, else the XML declaration, else UTF-8 (Windows-1252 for invalid bytes); every text
// then goes through `cleanLine` (NFC, TCVN3/VNI/Windows-1258/VISCII mojibake repaired).
// Links must be http(s) and resolve against the feed's URL; anything else is dropped.
import iconv from 'iconv-lite';
import { UpstreamFailure } from '../kit/errors.ts';
import type { HttpResponse } from '../kit/http.ts';
import { cleanLine, textFromHtml, vietnamInstant } from '../kit/text.ts';
import { parseXmlSafely, xmlChild, xmlList, xmlText, type XmlNode } from '../kit/xml.ts';
import { FEED_ARRAY_PATHS, type HarvestEntry } from './wire.ts';

const TITLE_CHARS = 1000;
const SUMMARY_CHARS = 4000;

/** The body as text, in the encoding the answer or the XML declaration names. */
export function decodeBody(res: HttpResponse): string {
  const header = /charset="?([\w-]+)/i.exec(res.headers['content-type'] ?? '')?.[1];
  const declared = /^\s*(?:\uFEFF)?<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(res.body.subarray(0, 200).toString('latin1'))?.[1];
  const charset = (header ?? declared ?? 'utf-8').toLowerCase().replace(/^windows-/, 'windows');
  if (charset !== 'utf-8' && charset !== 'utf8' && iconv.encodingExists(charset)) return iconv.decode(res.body, charset);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(res.body);
  } catch {
    return iconv.decode(res.body, 'windows1252');
  }
}

/** An absolute http(s) URL without its fragment, or null. */
export function absoluteUrl(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.toString();
  } catch {
    return null;
  }
}

const clip = (text: string | null, max: number) => (text ? text.slice(0, max) : null);
const line = (node: unknown) => {
  const t = xmlText(node);
  return t ? cleanLine(t) || null : null;
};
const html = (node: unknown) => {
  const t = xmlText(node);
  return t ? textFromHtml(t) || null : null;
};

function rssEntries(channel: XmlNode, base: string): HarvestEntry[] {
  return xmlList(channel, 'item').flatMap((item) => {
    const guid = line(item.guid);
    const url = absoluteUrl(line(item.link), base) ?? absoluteUrl(guid, base);
    if (!url) return [];
    return [
      {
        url,
        guid,
        title: clip(line(item.title), TITLE_CHARS),
        summary: clip(html(item.description), SUMMARY_CHARS),
        publishedAt: vietnamInstant(line(item.pubDate)),
        updatedAt: null,
      },
    ];
  });
}

function atomLink(entry: XmlNode, base: string): string | null {
  const links = xmlList(entry, 'link');
  const alternate = links.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? links[0];
  return absoluteUrl(typeof alternate?.['@_href'] === 'string' ? alternate['@_href'] : null, base);
}

function atomEntries(feed: XmlNode, base: string): HarvestEntry[] {
  return xmlList(feed, 'entry').flatMap((entry) => {
    const url = atomLink(entry, base);
    if (!url) return [];
    return [
      {
        url,
        guid: line(entry.id),
        title: clip(html(entry.title), TITLE_CHARS),
        summary: clip(html(entry.summary) ?? html(entry.content), SUMMARY_CHARS),
        publishedAt: vietnamInstant(line(entry.published) ?? line(entry.updated)),
        updatedAt: vietnamInstant(line(entry.updated)),
      },
    ];
  });
}

/** RSS 2.0 or Atom 1.0, newest first as published, at most `maxItems`. */
export function parseFeed(text: string, base: string, limits: { maxBytes: number; maxItems: number }): HarvestEntry[] {
  const tree = parseXmlSafely(text, { maxBytes: limits.maxBytes, arrayPaths: FEED_ARRAY_PATHS });
  const channel = xmlChild(xmlChild(tree, 'rss'), 'channel');
  if (channel) return rssEntries(channel, base).slice(0, limits.maxItems);
  const feed = xmlChild(tree, 'feed');
  if (feed) return atomEntries(feed, base).slice(0, limits.maxItems);
  throw new UpstreamFailure('invalid', 'neither an RSS 2.0 nor an Atom feed');
}

/** A sitemap's pages, or a sitemap index's sitemaps. */
export function parseSitemap(text: string, base: string, limits: { maxBytes: number; maxItems: number }): { entries: HarvestEntry[]; sitemaps: string[] } {
  const tree = parseXmlSafely(text, { maxBytes: limits.maxBytes, arrayPaths: FEED_ARRAY_PATHS });
  const urlset = xmlChild(tree, 'urlset');
  if (urlset) {
    const entries = xmlList(urlset, 'url').flatMap((u) => {
      const url = absoluteUrl(line(u.loc), base);
      // A date without a time is a day in Vietnam (W3C datetime allows "2026-01-15").
      const raw = line(u.lastmod);
      const lastmod = vietnamInstant(raw && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00` : raw);
      return url ? [{ url, guid: null, title: null, summary: null, publishedAt: lastmod, updatedAt: lastmod }] : [];
    });
    return { entries: entries.slice(0, limits.maxItems), sitemaps: [] };
  }
  const index = xmlChild(tree, 'sitemapindex');
  if (index) {
    const sitemaps = xmlList(index, 'sitemap').flatMap((s) => absoluteUrl(line(s.loc), base) ?? []);
    return { entries: [], sitemaps };
  }
  throw new UpstreamFailure('invalid', 'not a sitemap');
}
