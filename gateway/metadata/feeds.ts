// RSS 2.0 and Atom 1.0 feeds (R-4.16), built with the `feed` library: per kind
// (/feeds/news.rss, /feeds/legal-documents.atom …), per R-4 category (/feeds/category/direction.rss)
// and per agency (/feeds/agency/<QCVN 102 code>.rss), newest publication first, paged as
// RFC 5005 paged feeds (rel="first", "previous" and "next" links; ?page=<position>), with validators
// and a 304 for a current copy. A page is at most FEED_PAGE_SIZE items, so memory does not
// grow with the archive.
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { Feed } from 'feed';
import { z } from 'zod';
import { cursorFor, parseCursor, type HarvestRecord } from '../../schema/contract/harvest.ts';
import type { HarvestClient, OwnedKind } from './client.ts';
import { conditional } from './conditional.ts';
import { esc } from './xml.ts';

export const FEED_PAGE_SIZE = 20;

export interface FeedOptions {
  client: HarvestClient;
  publicBaseUrl(): string;
  repositoryName: string;
}

/** Where each kind's list stands: a keyset cursor, null = from the newest, false = done. */
const positions = z.record(
  z.string().max(60),
  z.union([
    z.literal(false),
    z.null(),
    z
      .string()
      .max(100)
      .refine((c) => parseCursor(c) !== null),
  ]),
);
type Positions = z.infer<typeof positions>;

/** A page's place: where each kind stands, and the places of the pages before it (newest
 * last), so the page can link its previous page (RFC 5005 §3). The history is cut from the
 * oldest end to keep a link short; a page whose history was cut links no previous page. */
const pagePlace = z.object({ p: positions, h: z.array(positions).max(500), n: z.number().int().min(2).max(10_000_000).optional() }).strict();
type PagePlace = z.infer<typeof pagePlace>;
const MAX_PAGE_TOKEN = 4000;

function encodePlace(place: PagePlace): string {
  let h = place.h;
  for (;;) {
    const token = Buffer.from(JSON.stringify({ ...place, h })).toString('base64url');
    if (token.length <= MAX_PAGE_TOKEN || !h.length) return token;
    h = h.slice(1);
  }
}
function decodePlace(token: string): PagePlace | null {
  if (token.length > 8000) return null;
  try {
    const json: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const place = pagePlace.safeParse(json);
    if (place.success) return place.data;
    // A position of the first format (positions only): where it stands, not how deep.
    const old = positions.safeParse(json);
    return old.success ? { p: old.data, h: [] } : null;
  } catch {
    return null;
  }
}

const byNewest = (a: HarvestRecord, b: HarvestRecord) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || b.id.localeCompare(a.id);

interface Selection {
  title: string;
  kinds: OwnedKind[];
  agency?: string;
  /** The agency's folded name, for sources that know agencies by name. */
  agencyName?: string;
  /** The agency's Agency ids, for sources that refer to it. */
  agencyIds?: string[];
}

export function createFeeds(opts: FeedOptions) {
  /** One page of the merged list, newest first, and the position after it (null at the end). */
  async function pageOf(sel: Selection, from: Positions): Promise<{ records: HarvestRecord[]; next: Positions | null }> {
    const kinds = sel.kinds.filter((k) => from[k.kind] !== false);
    const pages = await Promise.all(
      kinds.map((k) =>
        opts.client.page(k, {
          kind: k.kind,
          agency: sel.agency,
          agencyName: sel.agencyName,
          agencyIds: sel.agencyIds?.length ? sel.agencyIds : undefined,
          deleted: false,
          order: 'published',
          after: from[k.kind] || undefined,
          limit: FEED_PAGE_SIZE,
        }),
      ),
    );
    const all = pages.flatMap((p) => p.records).sort(byNewest);
    const taken = all.slice(0, FEED_PAGE_SIZE);
    const next: Positions = { ...from };
    let more = false;
    kinds.forEach((k, i) => {
      const mine = taken.filter((r) => r.kind === k.kind);
      const lastTaken = mine.at(-1);
      if (lastTaken) next[k.kind] = cursorFor(new Date(lastTaken.publishedAt ?? lastTaken.datestamp), lastTaken.id);
      const left = pages[i]!.records.length > mine.length || pages[i]!.next !== null;
      if (left) more = true;
      else next[k.kind] = false;
    });
    return { records: taken, next: more ? next : null };
  }

  function render(
    format: 'rss' | 'atom',
    sel: Selection,
    selfPath: string,
    records: HarvestRecord[],
    next: Positions | null,
    page: string | undefined,
    place: PagePlace | null,
  ) {
    const base = opts.publicBaseUrl();
    const first = `${base}${selfPath}`;
    const self = page ? `${first}?page=${page}` : first;
    const updated = records
      .map((r) => r.datestamp)
      .sort()
      .at(-1);
    const feed = new Feed({
      id: first,
      title: `${opts.repositoryName} – ${sel.title}`,
      description: sel.title,
      link: base,
      language: 'vi',
      updated: updated ? new Date(updated) : new Date(0),
      generator: 'Cổng hub',
      author: { name: opts.repositoryName },
      copyright: opts.repositoryName,
      feedLinks: { [format]: self },
    });
    for (const r of records) {
      feed.addItem({
        title: r.title ?? r.url,
        id: r.url,
        link: r.url,
        date: new Date(r.datestamp),
        published: r.publishedAt ? new Date(r.publishedAt) : undefined,
        description: r.summary ?? undefined,
        // RSS 2.0 wants an e-mail address in <author>: names go to Atom only.
        author: format === 'atom' ? (r.authors ?? []).map((name) => ({ name })) : undefined,
        category: [{ name: r.kind, term: r.kind }],
      });
    }
    // RFC 5005 paging links, which the library does not write: beside its own links.
    // Previous: the first page from the second, else the place before this one while known.
    const before = place ? place.h.at(-1) : undefined;
    const previous = !place
      ? null
      : place.n === 2
        ? first
        : before
          ? `${first}?page=${encodePlace({ p: before, h: place.h.slice(0, -1), n: place.n ? place.n - 1 : undefined })}`
          : null;
    const nextPlace = next ? encodePlace({ p: next, h: place ? [...place.h, place.p] : [], n: place ? (place.n ? place.n + 1 : undefined) : 2 }) : null;
    const links = [
      `rel="first" href="${esc(first)}"`,
      ...(previous ? [`rel="previous" href="${esc(previous)}"`] : []),
      ...(nextPlace ? [`rel="next" href="${esc(`${first}?page=${nextPlace}`)}"`] : []),
    ];
    if (format === 'atom') return feed.atom1().replace(/(<feed [^>]*>)/, `$1\n    ${links.map((l) => `<link ${l}/>`).join('\n    ')}`);
    return feed
      .rss2()
      .replace(/(<rss [^>]*?)>/, (m, open: string) => (open.includes('xmlns:atom=') ? m : `${open} xmlns:atom="http://www.w3.org/2005/Atom">`))
      .replace(/(<channel>)/, `$1\n        ${links.map((l) => `<atom:link ${l}/>`).join('\n        ')}`);
  }

  async function serve(req: Request, res: Response, sel: Selection | null, format: 'rss' | 'atom') {
    if (!sel || !sel.kinds.length) return void res.status(404).type('text/plain; charset=utf-8').send('Not found.');
    const page = typeof req.query.page === 'string' ? req.query.page : undefined;
    const place = page ? decodePlace(page) : null;
    if ((page && !place) || (req.query.page !== undefined && !page)) return void res.status(400).type('text/plain; charset=utf-8').send('Bad page position.');
    const { records, next } = await pageOf(sel, place?.p ?? {});
    const etag = createHash('sha256')
      .update(`${format}|${req.path}|${page ?? ''}|${records.map((r) => `${r.id}@${r.datestamp}`).join(',')}|${next ? 'more' : 'end'}`)
      .digest('base64url')
      .slice(0, 27);
    const lastModified = records
      .map((r) => r.datestamp)
      .sort()
      .at(-1);
    if (conditional(req, res, { etag, lastModified, maxAge: page ? 3600 : 300 })) return;
    res.type(format === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8');
    res.send(render(format, sel, req.path, records, next, page, place));
  }

  const split = (file: string): { name: string; format: 'rss' | 'atom' } | null => {
    const m = /^(.{1,80})\.(rss|atom)$/.exec(file);
    return m ? { name: m[1]!, format: m[2] as 'rss' | 'atom' } : null;
  };

  return {
    async byKind(req: Request, res: Response) {
      const f = split(String(req.params.file));
      const kind = f ? (await opts.client.catalogue()).kinds.find((k) => k.kind === f.name) : undefined;
      await serve(req, res, kind ? { title: kind.label.vi, kinds: [kind] } : null, f?.format ?? 'rss');
    },
    async byCategory(req: Request, res: Response) {
      const f = split(String(req.params.file));
      const category = f?.name.toUpperCase().replace(/-/g, '_');
      const kinds = category ? (await opts.client.catalogue()).kinds.filter((k) => k.category === category) : [];
      await serve(req, res, f && kinds.length ? { title: kinds.map((k) => k.label.vi).join(', '), kinds } : null, f?.format ?? 'rss');
    },
    async byAgency(req: Request, res: Response) {
      const f = split(String(req.params.file));
      const cat = await opts.client.catalogue();
      const set = f ? cat.sets.find((s) => s.spec === `agency:${f.name}`) : undefined;
      await serve(
        req,
        res,
        f && set ? { title: set.name, kinds: cat.kinds, agency: f.name, agencyName: set.keys?.[0], agencyIds: set.ids } : null,
        f?.format ?? 'rss',
      );
    },
  };
}
