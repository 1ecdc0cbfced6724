// RFC 5005 §3 paged feeds: every page links the first, a page after the first links its
// previous page, and following next then previous comes back to the same items.
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../harness/hub.ts';
import { insertPublishedNews } from '../harness/harvest.ts';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
  const agency = await t.hub.prisma.agency.findFirstOrThrow({ where: { code: '000.01.00.H43' } });
  await insertPublishedNews(t.hub.prisma, { count: 90, agencyId: agency.id, start: new Date('2031-01-01T00:00:00Z'), prefix: 'tin-trang' });
});
afterAll(async () => {
  await t?.stop();
});

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link', 'item', 'atom:link'].includes(name) });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Tree = any;
const linkOf = (links: Tree[], rel: string): string | undefined => links.find((l: Tree) => l['@rel'] === rel)?.['@href'];

async function atom(url: string) {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  const feed = parser.parse(await res.text()).feed;
  return { ids: feed.entry.map((e: Tree) => e.id) as string[], links: feed.link as Tree[] };
}

describe('RFC 5005 paged feeds', () => {
  it('first, previous and next links walk the pages both ways (Atom and RSS)', async () => {
    const first = `${t.base}/feeds/news.atom`;
    const pages: { url: string; ids: string[]; links: Tree[] }[] = [];
    let url: string | undefined = first;
    for (let i = 0; i < 4 && url; i++) {
      const p = await atom(url);
      pages.push({ url, ...p });
      expect(linkOf(p.links, 'first')).toBe(first);
      url = linkOf(p.links, 'next');
    }
    expect(pages).toHaveLength(4);
    expect(linkOf(pages[0]!.links, 'previous')).toBeUndefined();
    expect(linkOf(pages[1]!.links, 'previous')).toBe(first);
    for (let i = 1; i < 4; i++) {
      const prev = linkOf(pages[i]!.links, 'previous')!;
      expect(prev, `page ${i + 1}`).toBeTruthy();
      const back = await atom(prev);
      expect(back.ids).toEqual(pages[i - 1]!.ids);
      // The page reached backwards links on as the one reached forwards did.
      expect(linkOf(back.links, 'next')).toBe(linkOf(pages[i - 1]!.links, 'next'));
    }
    expect(new Set(pages.flatMap((p) => p.ids)).size).toBe(80);

    const rss2 = parser.parse(await (await fetch(`${t.base}/feeds/news.rss?page=${new URL(pages[2]!.url).searchParams.get('page')}`)).text()).rss.channel;
    const prev = linkOf(rss2['atom:link'], 'previous');
    expect(prev).toBe(`${t.base}/feeds/news.rss?page=${new URL(linkOf(pages[2]!.links, 'previous')!).searchParams.get('page')}`);
  });

  it('still reads a page position of the first format (positions only), and refuses garbage', async () => {
    const old = Buffer.from(JSON.stringify({ news: null })).toString('base64url');
    const p = await atom(`${t.base}/feeds/news.atom?page=${old}`);
    expect(p.ids).toHaveLength(20);
    expect(linkOf(p.links, 'previous')).toBeUndefined();
    expect((await fetch(`${t.base}/feeds/news.atom?page=${Buffer.from('{"p":{},"h":[],"n":1}').toString('base64url')}`)).status).toBe(400);
  });
});
