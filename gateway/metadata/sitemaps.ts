// Sitemaps (sitemaps.org 0.9) for search engines, R-4.16: /sitemap.xml is an index of shards
// /sitemaps/<kind>-<n>.xml, each at most 50,000 URLs of live items with pages, in order of
// last change. A shard's <lastmod> in the index is the last change of its last item (the
// shard is ordered by it), so it is exact. Shards stream page by page: memory stays flat
// whatever the number of items. A URL is at most ~400 bytes (origin + kind + a 160-character
// slug), so 50,000 of them stay far below the 50 MB limit.
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { HarvestClient, OwnedKind } from './client.ts';
import { conditional } from './conditional.ts';
import { esc } from './xml.ts';

export const SITEMAP_MAX_URLS = 50_000;
const PAGE = 1000;
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

export interface SitemapOptions {
  client: HarvestClient;
  publicBaseUrl(): string;
  /** URLs per shard (50,000, the protocol's limit). */
  shardSize?: number;
}

interface Shard {
  kind: OwnedKind;
  index: number;
  lastmod: string;
}

export function createSitemaps(opts: SitemapOptions) {
  const shardSize = Math.min(opts.shardSize ?? SITEMAP_MAX_URLS, SITEMAP_MAX_URLS);
  const live = { deleted: false } as const;

  async function shardsOf(kind: OwnedKind): Promise<Shard[]> {
    const count = await opts.client.count(kind, { kind: kind.kind, ...live });
    const n = Math.ceil(count / shardSize);
    return Promise.all(
      Array.from({ length: n }, async (_, index) => {
        const offset = Math.min((index + 1) * shardSize, count) - 1;
        const page = await opts.client.page(kind, { kind: kind.kind, ...live, order: 'changed', offset, limit: 1, brief: true });
        return { kind, index, lastmod: page.records[0]?.datestamp ?? '' };
      }),
    );
  }

  async function index(req: Request, res: Response) {
    const cat = await opts.client.catalogue();
    const shards = (await Promise.all(cat.kinds.filter((k) => k.pages).map(shardsOf))).flat();
    const base = opts.publicBaseUrl();
    const body =
      `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${NS}">` +
      shards.map((s) => `<sitemap><loc>${esc(`${base}/sitemaps/${s.kind.kind}-${s.index + 1}.xml`)}</loc><lastmod>${s.lastmod}</lastmod></sitemap>`).join('') +
      '</sitemapindex>\n';
    const latest = shards
      .map((s) => s.lastmod)
      .sort()
      .at(-1);
    if (conditional(req, res, { etag: createHash('sha256').update(body).digest('base64url').slice(0, 27), lastModified: latest, maxAge: 3600 })) return;
    res.type('application/xml; charset=utf-8').send(body);
  }

  async function shard(req: Request, res: Response) {
    const m = /^([a-z0-9-]{1,60})-([1-9]\d{0,5})\.xml$/.exec(String(req.params.file));
    const cat = await opts.client.catalogue();
    const kind = m ? cat.kinds.find((k) => k.kind === m[1] && k.pages) : undefined;
    if (!m || !kind) return void res.status(404).type('text/plain; charset=utf-8').send('Not found.');
    const start = (Number(m[2]) - 1) * shardSize;
    // The shard's first page decides whether it exists and its validators (last item's change).
    const last = await opts.client.page(kind, { kind: kind.kind, ...live, order: 'changed', offset: start + shardSize - 1, limit: 1, brief: true });
    let page = await opts.client.page(kind, { kind: kind.kind, ...live, order: 'changed', offset: start, limit: Math.min(PAGE, shardSize), brief: true });
    if (!page.records.length) return void res.status(404).type('text/plain; charset=utf-8').send('Not found.');
    // A full shard ends at start + size - 1; an open (last) shard at the kind's last item.
    let lastRecord = last.records[0];
    if (!lastRecord) {
      const count = await opts.client.count(kind, { kind: kind.kind, ...live });
      if (count > start)
        lastRecord = (await opts.client.page(kind, { kind: kind.kind, ...live, order: 'changed', offset: count - 1, limit: 1, brief: true })).records[0];
    }
    const etag = createHash('sha256')
      .update(`${kind.kind}|${start}|${page.records[0]!.id}|${lastRecord ? `${lastRecord.id}@${lastRecord.datestamp}` : ''}`)
      .digest('base64url')
      .slice(0, 27);
    if (conditional(req, res, { etag, lastModified: lastRecord?.datestamp, maxAge: 3600 })) return;
    res.type('application/xml; charset=utf-8');
    res.write(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${NS}">`);
    let written = 0;
    for (;;) {
      const chunk = page.records
        .slice(0, shardSize - written)
        .map((r) => `<url><loc>${esc(r.url)}</loc><lastmod>${r.datestamp}</lastmod></url>`)
        .join('');
      written += Math.min(page.records.length, shardSize - written);
      if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
      if (written >= shardSize || !page.next) break;
      page = await opts.client.page(kind, {
        kind: kind.kind,
        ...live,
        order: 'changed',
        after: page.next,
        limit: Math.min(PAGE, shardSize - written),
        brief: true,
      });
    }
    res.end('</urlset>\n');
  }

  return { index, shard };
}
