// A fake agency portal on 127.0.0.1:0 (node:http) for tests and the demo: an RSS 2.0 feed, an
// Atom 1.0 feed and a sitemap index with one sitemap, all from `items` (mutable: publish,
// change, remove), with ETag/Last-Modified answered by 304, plus the bodies an old portal
// sends (Windows-1258 bytes with only the XML declaration naming them; TCVN3 text already
// misread as Latin-1) and the kit's misbehaviours (slow, trickle, oversized, redirect …).
// Sample content is our own (DOMAIN.md §7): real shapes, invented news.
import { createHash } from 'node:crypto';
import { encodeLegacy } from '../../../schema/text/legacy.ts';
import { escapeXml } from '../../kit/xml.ts';
import { startFakeUpstream, type FakeResponse, type FakeServer, type HostileKind, type ReceivedRequest } from '../../kit/fake-upstream.ts';
import iconv from 'iconv-lite';

export interface FakePortalItem {
  /** A path on the fake, or an absolute URL (an item elsewhere, for the host check). */
  slug: string;
  title: string;
  summary: string;
  /** ISO instant. */
  published: string;
}

export const FAKE_PORTAL_ITEMS: FakePortalItem[] = [
  {
    slug: 'tin-tuc/hoi-nghi-tong-ket-cong-tac-tu-phap',
    title: 'Hội nghị tổng kết công tác tư pháp năm 2025',
    summary: '<p>Sở Tư pháp tổ chức hội nghị tổng kết công tác <b>hoà giải</b> ở cơ sở và triển khai nhiệm vụ năm mới.</p>',
    published: '2026-01-15T02:00:00Z',
  },
  {
    slug: 'tin-tuc/huong-dan-chung-thuc-ban-sao-dien-tu',
    title: 'Hướng dẫn chứng thực bản sao điện tử từ bản chính',
    summary: 'Thực hiện Nghị định 23/2015/NĐ-CP, người dân có thể nộp hồ sơ chứng thực trực tuyến.',
    published: '2026-02-03T08:30:00Z',
  },
];

export interface AgencyPortalFake extends FakeServer {
  rssUrl: string;
  atomUrl: string;
  sitemapUrl: string;
  /** Windows-1258 bytes, encoding named only in the XML declaration. */
  legacyRssUrl: string;
  /** TCVN3 text that an old system already decoded as Latin-1 (mojibake to repair). */
  mojibakeRssUrl: string;
  /** 302 to itself, for ever. */
  loopUrl: string;
  /** 302 to the cloud metadata address (must never be followed). */
  privateRedirectUrl: string;
  items: FakePortalItem[];
}

const RSS = 'application/rss+xml; charset=utf-8';
const ATOM = 'application/atom+xml; charset=utf-8';
const XML = 'application/xml; charset=utf-8';
const LAST_MODIFIED = 'Thu, 05 Feb 2026 01:00:00 GMT';

const linkOf = (origin: string, i: FakePortalItem) => (/^https?:\/\//.test(i.slug) ? i.slug : `${origin}/${i.slug}`);

const rss = (origin: string, items: FakePortalItem[], header = '<?xml version="1.0" encoding="UTF-8"?>') =>
  `${header}<rss version="2.0"><channel><title>Sở Tư pháp</title><link>${origin}/</link><description>Tin tức</description>${items
    .map(
      (i) =>
        `<item><title>${escapeXml(i.title)}</title><link>${escapeXml(linkOf(origin, i))}</link><guid isPermaLink="false">${i.slug}</guid>` +
        `<description>${escapeXml(i.summary)}</description><pubDate>${new Date(i.published).toUTCString()}</pubDate></item>`,
    )
    .join('')}</channel></rss>`;

const atom = (origin: string, items: FakePortalItem[]) =>
  `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Sở Tư pháp</title><id>${origin}/</id>` +
  `<updated>2026-02-05T01:00:00Z</updated>${items
    .map(
      (i) =>
        `<entry><title type="html">${escapeXml(i.title)}</title><link rel="alternate" href="${/^https?:\/\//.test(i.slug) ? escapeXml(i.slug) : `/${i.slug}#top`}"/><id>tag:${i.slug}</id>` +
        `<published>${i.published}</published><updated>${i.published}</updated><summary type="html">${escapeXml(i.summary)}</summary></entry>`,
    )
    .join('')}</feed>`;

const urlset = (origin: string, items: FakePortalItem[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${items
    .map((i) => `<url><loc>${escapeXml(linkOf(origin, i))}</loc><lastmod>${i.published.slice(0, 10)}</lastmod></url>`)
    .join('')}</urlset>`;

const HOSTILE: Record<HostileKind, string> = {
  xxe: '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&x;</title></channel></rss>',
  'entity-bomb':
    '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><rss version="2.0"><channel><title>&b;</title></channel></rss>',
  proto:
    '<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</title><link>http://a.invalid/x</link><__proto__><p>yes</p></__proto__></item></channel></rss>',
};

export async function startAgencyPortalFake(options: { items?: FakePortalItem[] } = {}): Promise<AgencyPortalFake> {
  const items = structuredClone(options.items ?? FAKE_PORTAL_ITEMS);
  let origin = '';

  const conditional = (req: ReceivedRequest, body: string | Buffer, contentType: string): FakeResponse => {
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) return { status: 304, headers: { etag }, body: '' };
    return { status: 200, headers: { 'content-type': contentType, etag, 'last-modified': LAST_MODIFIED }, body };
  };

  const route = (req: ReceivedRequest): FakeResponse => {
    const path = req.url.split('?')[0] ?? '';
    switch (path) {
      case '/rss.xml':
        return conditional(req, rss(origin, items), RSS);
      case '/atom.xml':
        return conditional(req, atom(origin, items), ATOM);
      case '/sitemap.xml':
        return conditional(
          req,
          `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${origin}/sitemap-tin-tuc.xml</loc></sitemap></sitemapindex>`,
          XML,
        );
      case '/sitemap-tin-tuc.xml':
        return conditional(req, urlset(origin, items), XML);
      case '/legacy-rss.xml':
        return {
          status: 200,
          headers: { 'content-type': 'application/rss+xml' },
          body: encodeLegacy(rss(origin, items, '<?xml version="1.0" encoding="windows-1258"?>'), 'windows-1258'),
        };
      case '/mojibake-rss.xml':
        return { status: 200, headers: { 'content-type': RSS }, body: iconv.decode(encodeLegacy(rss(origin, items), 'tcvn3'), 'latin1') };
      case '/loop':
        return { status: 302, headers: { location: '/loop' }, body: '' };
      case '/to-metadata':
        return { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' }, body: '' };
      default:
        return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body>Không tìm thấy</body></html>' };
    }
  };

  const fake = await startFakeUpstream({
    contentType: XML,
    ok: route,
    fault: () => ({ status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' }),
    malformed: () => ({ status: 200, headers: { 'content-type': RSS }, body: '<?xml version="1.0"?><rss version="2.0"><channel><item><title>Tin' }),
    hostile: (kind) => ({ status: 200, headers: { 'content-type': RSS }, body: HOSTILE[kind] }),
  });
  origin = fake.origin;
  return Object.assign(fake, {
    rssUrl: `${origin}/rss.xml`,
    atomUrl: `${origin}/atom.xml`,
    sitemapUrl: `${origin}/sitemap.xml`,
    legacyRssUrl: `${origin}/legacy-rss.xml`,
    mojibakeRssUrl: `${origin}/mojibake-rss.xml`,
    loopUrl: `${origin}/loop`,
    privateRedirectUrl: `${origin}/to-metadata`,
    items,
  });
}
