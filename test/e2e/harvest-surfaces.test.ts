// Sitemaps and feeds through the real gateway over a generated 120,000-item set:
// sitemap index and shards within the protocol's limits with exact lastmod, RSS 2.0 and Atom
// 1.0 with the structure their specifications require, RFC 5005 paging, conditional GET, and
// memory that stays flat while the whole set is harvested.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../harness/hub.ts';
import { insertPublishedNews } from '../harness/harvest.ts';

// A full collection before measuring, so garbage of earlier tests does not count.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let t: TestHub;
const BIG = 120_000;
let newsCount = 0;

beforeAll(async () => {
  t = await startTestHub();
  const agency = await t.hub.prisma.agency.findFirstOrThrow({ where: { code: '000.01.00.H43' } });
  await insertPublishedNews(t.hub.prisma, { count: BIG, agencyId: agency.id, start: new Date('2020-01-01T00:00:00Z'), prefix: 'tin-lon' });
  newsCount = await t.hub.prisma.contentItem.count({ where: { kind: 'ARTICLE', state: 'PUBLISHED' } });
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['url', 'sitemap', 'item', 'entry', 'link', 'atom:link', 'author', 'category'].includes(name),
});
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Tree = any;

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(path.startsWith('http') ? path : `${t.base}${path}`, { headers });
  return { res, text: await res.text() };
}

describe('sitemaps', () => {
  it('indexes shards of at most 50,000 URLs and 50 MB with exact lastmod, streamed with flat memory', async () => {
    const { res, text } = await get('/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const index = parser.parse(text).sitemapindex;
    expect(index['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const news = index.sitemap.filter((s: Tree) => /\/sitemaps\/news-\d+\.xml$/.test(s.loc));
    expect(news.map((s: Tree) => s.loc.replace(t.base, ''))).toEqual(['/sitemaps/news-1.xml', '/sitemaps/news-2.xml', '/sitemaps/news-3.xml']);

    const seen = new Set<string>();
    let before = 0;
    let peak = 0;
    for (const [i, s] of news.entries()) {
      // The first shard warms the process up; memory is measured over the next 70,000 records.
      if (i === 1) {
        gc();
        before = process.memoryUsage().rss;
      }
      const shard = await fetch(s.loc);
      expect(shard.status).toBe(200);
      let text = '';
      const decoder = new TextDecoder();
      for await (const chunk of shard.body!) {
        text += decoder.decode(chunk, { stream: true });
        if (i >= 1) peak = Math.max(peak, process.memoryUsage().rss);
      }
      expect(Buffer.byteLength(text)).toBeLessThan(50 * 1024 * 1024);
      expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
      const urls = [...text.matchAll(/<url><loc>([^<]+)<\/loc><lastmod>(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)<\/lastmod><\/url>/g)];
      expect(text.split('<url>').length - 1).toBe(urls.length);
      expect(urls.length).toBeLessThanOrEqual(50_000);
      for (const u of urls) seen.add(u[1]!);
      // The index's lastmod is the newest change in the shard.
      expect(s.lastmod).toBe(
        urls
          .map((u) => u[2]!)
          .sort()
          .at(-1),
      );
    }
    expect(seen.size).toBe(newsCount);
    // Resident memory while 70,000 more records pass through the subgraph, the gateway and this
    // client (which keeps each shard's text, ~3 MB): bounded by pages, not by the record count.
    expect(peak - before).toBeLessThan(96 * 1024 * 1024);
  }, 120_000);

  it('answers 304 to a current copy and 404 to a shard that does not exist', async () => {
    const first = await get('/sitemap.xml');
    const etag = first.res.headers.get('etag')!;
    expect(first.res.headers.get('last-modified')).toBeTruthy();
    expect(first.res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect((await get('/sitemap.xml', { 'if-none-match': etag })).res.status).toBe(304);
    expect((await get('/sitemap.xml', { 'if-modified-since': first.res.headers.get('last-modified')! })).res.status).toBe(304);
    const shard = await get('/sitemaps/news-3.xml', { 'if-none-match': '"other"' });
    expect(shard.res.status).toBe(200);
    expect((await get('/sitemaps/news-3.xml', { 'if-none-match': shard.res.headers.get('etag')! })).res.status).toBe(304);
    for (const path of ['/sitemaps/news-9.xml', '/sitemaps/nothing-1.xml', '/sitemaps/news-0.xml', '/sitemaps/news.xml']) {
      expect((await get(path)).res.status, path).toBe(404);
    }
  });
});

/** RSS 2.0: channel title, link and description; items with a title or description, guid, RFC 822 dates. */
function expectRss(text: string): Tree {
  const rss = parser.parse(text).rss;
  expect(rss['@version']).toBe('2.0');
  const ch = rss.channel;
  for (const k of ['title', 'link', 'description']) expect(ch[k], k).toBeTruthy();
  for (const item of ch.item ?? []) {
    expect(item.title ?? item.description).toBeTruthy();
    expect(item.link[0]).toMatch(/^http/);
    expect(item.guid).toBeTruthy();
    expect(Number.isNaN(Date.parse(item.pubDate))).toBe(false);
    expect(item.pubDate).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  }
  return ch;
}

/** Atom 1.0 (RFC 4287): feed id, title, updated, an author; entries with id, title, updated and a link. */
function expectAtom(text: string): Tree {
  const feed = parser.parse(text).feed;
  expect(feed, text.slice(0, 500)).toBeDefined();
  expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
  for (const k of ['id', 'title', 'updated']) expect(feed[k], k).toBeTruthy();
  expect(feed.author?.length ?? 0).toBeGreaterThan(0);
  for (const entry of feed.entry ?? []) {
    for (const k of ['id', 'title', 'updated']) expect(entry[k], k).toBeTruthy();
    expect(entry.link[0]['@href']).toMatch(/^http/);
  }
  return feed;
}

const linkOf = (links: Tree[] | undefined, rel: string): string | undefined => links?.find((l: Tree) => l['@rel'] === rel)?.['@href'];

describe('feeds', () => {
  it('RSS 2.0 per kind, newest first, paged with RFC 5005 links over three pages', async () => {
    let url: string | undefined = `${t.base}/feeds/news.rss`;
    const seen: string[] = [];
    const dates: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { res, text } = await get(url!);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
      const ch = expectRss(text);
      expect(ch.item).toHaveLength(20);
      expect(linkOf(ch['atom:link'], 'first')).toBe(`${t.base}/feeds/news.rss`);
      seen.push(...ch.item.map((it: Tree) => it.link));
      dates.push(...ch.item.map((it: Tree) => Date.parse(it.pubDate)));
      url = linkOf(ch['atom:link'], 'next');
      expect(url).toBeTruthy();
    }
    expect(new Set(seen).size).toBe(60);
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
  });

  it('Atom 1.0 per kind, per category and per agency; RSS for legal documents', async () => {
    const news = expectAtom((await get('/feeds/news.atom')).text);
    expect(news.entry).toHaveLength(20);
    expect(linkOf(news.link, 'self')).toBe(`${t.base}/feeds/news.atom`);
    expect(linkOf(news.link, 'next')).toMatch(/\/feeds\/news\.atom\?page=/);
    const direction = expectAtom((await get('/feeds/category/direction.atom')).text);
    expect(direction.entry.length).toBeGreaterThan(0);
    const agency = expectRss((await get('/feeds/agency/000.01.00.H43.rss')).text);
    expect(agency.item).toHaveLength(20);
    expect(agency.title).toContain('Văn phòng Ủy ban nhân dân tỉnh Phú Thọ');
    const legal = await get('/feeds/legal-documents.rss');
    expect(legal.res.status).toBe(200);
    expectRss(legal.text);
  });

  it('conditional GET and caching headers; 404 for unknown feeds, 400 for a bad page position', async () => {
    const first = await get('/feeds/news.rss');
    expect(first.res.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    expect((await get('/feeds/news.rss', { 'if-none-match': first.res.headers.get('etag')! })).res.status).toBe(304);
    expect((await get('/feeds/news.rss', { 'if-modified-since': first.res.headers.get('last-modified')! })).res.status).toBe(304);
    for (const path of ['/feeds/nothing.rss', '/feeds/news.json', '/feeds/agency/999.99.99.X99.rss', '/feeds/category/nothing.atom']) {
      expect((await get(path)).res.status, path).toBe(404);
    }
    expect((await get('/feeds/news.rss?page=garbage')).res.status).toBe(400);
  });
});
