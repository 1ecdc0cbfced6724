// Agency portals, what the registry and the harvest keep honest: an item whose URL is
// not on its portal's host (or a host its entry lists) is dropped and counted on the source; an
// item gone from every feed and sitemap of its portal becomes a tombstone only after a complete
// successful pass (never while a source fails), and comes back when it reappears; an
// administrator removes a portal from the registry and its items become tombstones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../gateway/auth.ts';
import { createPortalHarvester, type PortalHarvester } from '../../adapters/agency-portals/client.ts';
import { startAgencyPortalFake, type AgencyPortalFake, type FakePortalItem } from '../../adapters/agency-portals/fake/server.ts';
import { harvestPortals } from '../../subgraphs/search/portals/harvest.ts';
import { agencyPortalItemsHarvest } from '../../subgraphs/search/portals/harvest-source.ts';
import { startTestHub, TEST_JWT, type TestHub } from '../harness/hub.ts';
import { gql } from './support/http.ts';

let t: TestHub;
let fake: AgencyPortalFake;
let harvester: PortalHarvester;
let admin: Record<string, string>;
let editor: Record<string, string>;
let agencyId: string;
let portalId: string;
const T0 = new Date('2026-03-01T01:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const QUICK = {
  attemptTimeoutMs: 2_000,
  retry: { maxAttempts: 1, initialDelayMs: 5, maxDelayMs: 5, maxRetryAfterMs: 0 },
  breaker: { consecutiveFailures: 100, halfOpenAfterMs: 100 },
};
const ITEMS: FakePortalItem[] = [
  { slug: 'tin-tuc/le-ra-quan-thanh-nien', title: 'Lễ ra quân tháng thanh niên', summary: 'Tin đoàn thể.', published: '2026-02-01T01:00:00Z' },
  { slug: 'tin-tuc/tap-huan-hoa-giai-co-so', title: 'Tập huấn hoà giải cơ sở', summary: 'Tin tập huấn.', published: '2026-02-02T01:00:00Z' },
  {
    slug: 'https://tintuc.example.vn/bai/ky-niem-ngay-phap-luat',
    title: 'Kỷ niệm ngày Pháp luật',
    summary: 'Trên trang tin.',
    published: '2026-02-03T01:00:00Z',
  },
  { slug: 'https://lua-dao.example.com/trung-thuong', title: 'Trúng thưởng lớn', summary: 'Liên kết ngoài.', published: '2026-02-04T01:00:00Z' },
];
const [A, B, C] = ITEMS.map((i) => i.slug) as [string, string, string, string];
/** The harvest source ignores its context (it reads the database it was built with). */
const CTX = {} as Parameters<ReturnType<typeof agencyPortalItemsHarvest>['resolve']>[1];
const urlOf = (slug: string) => (slug.startsWith('https://') ? slug : `${fake.origin}/${slug}`);

beforeAll(async () => {
  fake = await startAgencyPortalFake({ items: ITEMS });
  process.env.ADAPTER_AGENCY_PORTALS = JSON.stringify({ allowHosts: ['127.0.0.1'], perHostIntervalMs: 0 });
  t = await startTestHub();
  harvester = createPortalHarvester({ allowHosts: ['127.0.0.1'], perHostIntervalMs: 0, timeoutMs: 1_000, resilience: QUICK });
  admin = { authorization: `Bearer ${await issueToken(TEST_JWT, { id: 'admin-1', roles: ['ADMIN'] })}` };
  editor = { authorization: `Bearer ${await issueToken(TEST_JWT, { id: 'editor-1', roles: ['EDITOR'] })}` };
  agencyId = (await t.db.prisma.agency.findFirstOrThrow({ where: { slug: 'so-tu-phap-vinh-phuc' } })).id;
  // The urlset itself as the sitemap, so a pass reads exactly one feed and one sitemap.
  const res = await gql(t.url, `mutation($input: AgencyPortalInput!) { registerAgencyPortal(input: $input) { id hosts } }`, {
    variables: {
      input: {
        agencyId,
        name: 'Cổng Sở Tư pháp',
        url: `${fake.origin}/`,
        feeds: [fake.rssUrl],
        sitemaps: [`${fake.origin}/sitemap-tin-tuc.xml`],
        hosts: ['TinTuc.example.vn'],
      },
    },
    headers: admin,
  });
  expect(res.body.errors).toBeUndefined();
  const portal = (res.body.data as { registerAgencyPortal: { id: string; hosts: string[] } }).registerAgencyPortal;
  expect(portal.hosts).toEqual(['tintuc.example.vn']);
  portalId = portal.id;
});
afterAll(async () => {
  await t?.stop();
  await harvester?.close();
  await fake?.close();
  delete process.env.ADAPTER_AGENCY_PORTALS;
});

const live = async () =>
  (await t.db.prisma.harvestedItem.findMany({ where: { portalId, removedAt: null }, orderBy: { publishedAt: 'asc' } })).map((i) => i.url);
const SEARCH = `query($q: String) { search(query: $q, kinds: [AGENCY_PORTAL_ITEM]) { totalCount } }`;
const hits = async (q: string) => ((await gql(t.url, SEARCH, { variables: { q } })).body.data as { search: { totalCount: number } }).search.totalCount;

describe('host check', () => {
  it("keeps items on the portal's host or a listed host, drops the rest and counts them on each source", async () => {
    const run = await harvestPortals(t.db.prisma, harvester, at(0));
    expect(run).toMatchObject({ sources: 2, failed: 0, created: 3, dropped: 2, removed: 0 });
    expect(await live()).toEqual([A, B, C].map(urlOf));
    const res = await gql(t.url, `{ agencyPortals(first: 10) { nodes { id sources { kind droppedOffHost } } } }`);
    const portal = (
      res.body.data as { agencyPortals: { nodes: { id: string; sources: { kind: string; droppedOffHost: number }[] }[] } }
    ).agencyPortals.nodes.find((p) => p.id === portalId)!;
    expect(portal.sources).toEqual([
      { kind: 'FEED', droppedOffHost: 1 },
      { kind: 'SITEMAP', droppedOffHost: 1 },
    ]);
  });
});

describe('tombstones', () => {
  it('a failed source leaves every item as it is; a complete pass tombstones what is gone', async () => {
    expect(await hits('tap huan hoa giai co so')).toBe(1);
    fake.items.splice(1, 1); // B leaves the feed and the sitemap
    fake.setMode({ kind: 'html-502' });
    const failed = await harvestPortals(t.db.prisma, harvester, at(1));
    expect(failed).toMatchObject({ failed: 2, removed: 0 });
    expect(await live()).toEqual([A, B, C].map(urlOf));
    fake.setMode({ kind: 'ok' });
    const pass = await harvestPortals(t.db.prisma, harvester, at(120));
    expect(pass).toMatchObject({ sources: 2, failed: 0, notModified: 0, removed: 1 });
    expect(await live()).toEqual([A, C].map(urlOf));
    // Out of search and the directory's items; an OAI-PMH deleted record, out of the feeds.
    expect(await hits('tap huan hoa giai co so')).toBe(0);
    const list = await gql(t.url, `{ harvestedItems(first: 10) { totalCount } }`);
    expect((list.body.data as { harvestedItems: { totalCount: number } }).harvestedItems.totalCount).toBe(2);
    const source = agencyPortalItemsHarvest(t.db.prisma);
    expect(await source.resolve(urlOf(B), CTX)).toMatchObject({
      deleted: true,
      datestamp: at(120)
        .toISOString()
        .replace(/\.\d+Z$/, 'Z'),
    });
    expect(await source.count({ kind: 'agency-portal-items', deleted: false }, CTX)).toBe(2);
    expect(await source.count({ kind: 'agency-portal-items', deleted: true }, CTX)).toBe(3);
    const rss = await (await fetch(`${t.base}/feeds/agency-portal-items.rss`)).text();
    expect(rss).not.toContain('Tập huấn hoà giải cơ sở');
  });

  it('an unchanged pass (304) removes nothing; an item that comes back is restored', async () => {
    expect(await harvestPortals(t.db.prisma, harvester, at(180))).toMatchObject({ notModified: 2, removed: 0 });
    fake.items.push(ITEMS[1]!);
    expect(await harvestPortals(t.db.prisma, harvester, at(240))).toMatchObject({ failed: 0, removed: 0 });
    expect(await live()).toEqual([A, B, C].map(urlOf));
    expect(await hits('tap huan hoa giai co so')).toBe(1);
  });
});

describe('removing a portal', () => {
  const REMOVE = `mutation($id: ID!) { removeAgencyPortal(id: $id) }`;

  it('is for administrators only', async () => {
    const anonymous = await gql(t.url, REMOVE, { variables: { id: portalId } });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const notAdmin = await gql(t.url, REMOVE, { variables: { id: portalId }, headers: editor });
    expect(notAdmin.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await gql(t.url, REMOVE, { variables: { id: 'not-a-uuid' }, headers: admin });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await live()).toHaveLength(3);
  });

  it('takes it out of the directory and the harvest, its items tombstones', async () => {
    const res = await gql(t.url, REMOVE, { variables: { id: portalId }, headers: admin });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ removeAgencyPortal: true });
    expect(await live()).toEqual([]);
    expect(await hits('le ra quan thang thanh nien')).toBe(0);
    const dir = await gql(t.url, `{ agencyPortals(first: 10) { nodes { id } } }`);
    expect((dir.body.data as { agencyPortals: { nodes: { id: string }[] } }).agencyPortals.nodes.map((p) => p.id)).not.toContain(portalId);
    expect(await agencyPortalItemsHarvest(t.db.prisma).resolve(urlOf(A), CTX)).toMatchObject({ deleted: true });
    expect(await harvestPortals(t.db.prisma, harvester, at(600))).toMatchObject({ sources: 0 });
    const again = await gql(t.url, REMOVE, { variables: { id: portalId }, headers: admin });
    expect(again.body.data).toEqual({ removeAgencyPortal: false });
  });

  it('registering it again brings it back; its items return as the next harvest sees them', async () => {
    const res = await gql(t.url, `mutation($input: AgencyPortalInput!) { registerAgencyPortal(input: $input) { id } }`, {
      variables: {
        input: { agencyId, name: 'Cổng Sở Tư pháp', url: `${fake.origin}/`, feeds: [fake.rssUrl], sitemaps: [`${fake.origin}/sitemap-tin-tuc.xml`] },
      },
      headers: admin,
    });
    expect(res.body.data).toEqual({ registerAgencyPortal: { id: portalId } });
    // Without the listed host now: the item on tintuc.example.vn stays a tombstone.
    await t.db.prisma.agencyPortalSource.updateMany({ where: { portalId }, data: { etag: null, lastModified: null, nextAttemptAt: null } });
    expect(await harvestPortals(t.db.prisma, harvester, at(700))).toMatchObject({ failed: 0, dropped: 4 });
    expect(await live()).toEqual([A, B].map(urlOf));
    expect(await hits('le ra quan thang thanh nien')).toBe(1);
  });
});
