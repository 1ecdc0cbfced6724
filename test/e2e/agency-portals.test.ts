// Agency portals joined in, through the gateway: an administrator registers a portal
// (internal addresses refused at the door), the harvest job's run reads its RSS, Atom and
// sitemap from a fake portal on 127.0.0.1 (conditional GET, de-duplication, attribution to the
// agency, backoff on failure), and the items appear in the links directory, the agency's own
// fields and the one search — external, with their source URL — at once after the harvest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../gateway/auth.ts';
import { createPortalHarvester, type PortalHarvester } from '../../adapters/agency-portals/client.ts';
import { startAgencyPortalFake, type AgencyPortalFake } from '../../adapters/agency-portals/fake/server.ts';
import { harvestPortals } from '../../subgraphs/search/portals/harvest.ts';
import { startTestHub, TEST_JWT, type TestHub } from '../harness/hub.ts';
import { gql } from './support/http.ts';

let t: TestHub;
let fake: AgencyPortalFake;
let harvester: PortalHarvester;
let admin: Record<string, string>;
let agencyId: string;
const T0 = new Date('2026-03-01T01:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const QUICK = {
  attemptTimeoutMs: 2_000,
  retry: { maxAttempts: 1, initialDelayMs: 5, maxDelayMs: 5, maxRetryAfterMs: 0 },
  breaker: { consecutiveFailures: 100, halfOpenAfterMs: 100 },
};

beforeAll(async () => {
  fake = await startAgencyPortalFake();
  process.env.ADAPTER_AGENCY_PORTALS = JSON.stringify({ allowHosts: ['127.0.0.1'], perHostIntervalMs: 0 });
  t = await startTestHub();
  harvester = createPortalHarvester({ allowHosts: ['127.0.0.1'], perHostIntervalMs: 0, timeoutMs: 1_000, resilience: QUICK });
  admin = { authorization: `Bearer ${await issueToken(TEST_JWT, { id: 'admin-1', roles: ['ADMIN'] })}` };
  agencyId = (await t.db.prisma.agency.findFirstOrThrow({ where: { slug: 'so-tu-phap-vinh-phuc' } })).id;
});
afterAll(async () => {
  await t?.stop();
  await harvester?.close();
  await fake?.close();
  delete process.env.ADAPTER_AGENCY_PORTALS;
});

const REGISTER = `mutation($input: AgencyPortalInput!) { registerAgencyPortal(input: $input) { id name url harvest agency { slug } sources { kind url lastStatus } } }`;
const portalInput = () => ({ agencyId, name: 'Cổng TTĐT Sở Tư pháp', url: `${fake.origin}/`, feeds: [fake.rssUrl, fake.atomUrl], sitemaps: [fake.sitemapUrl] });

describe('registration', () => {
  it('is for administrators, and refuses internal addresses when entered', async () => {
    const anonymous = await gql(t.url, REGISTER, { variables: { input: portalInput() } });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    for (const url of ['http://10.1.2.3/rss', 'http://169.254.169.254/', 'file:///etc/passwd', 'http://2130706433/']) {
      const refused = await gql(t.url, REGISTER, { variables: { input: { ...portalInput(), feeds: [url] } }, headers: admin });
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'URL_REFUSED', field: 'feeds' });
    }
    const ok = await gql(t.url, REGISTER, { variables: { input: portalInput() }, headers: admin });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data).toMatchObject({ registerAgencyPortal: { name: 'Cổng TTĐT Sở Tư pháp', harvest: true, agency: { slug: 'so-tu-phap-vinh-phuc' } } });
    expect((ok.body.data as { registerAgencyPortal: { sources: unknown[] } }).registerAgencyPortal.sources).toHaveLength(3);
  });
});

describe('harvest', () => {
  it('reads every source once, de-duplicates the same page across feed, Atom and sitemap, and attributes it to the agency', async () => {
    const run = await harvestPortals(t.db.prisma, harvester, at(0));
    expect(run).toMatchObject({ sources: 3, failed: 0, created: 2 });
    const items = await t.db.prisma.harvestedItem.findMany({ orderBy: { publishedAt: 'asc' } });
    expect(items.map((i) => [i.url, i.title, i.agencyId])).toEqual(fake.items.map((i) => [`${fake.origin}/${i.slug}`, i.title, agencyId]));
  });

  it('asks the feeds conditionally the next time: nothing changed, nothing written', async () => {
    fake.received.length = 0;
    const run = await harvestPortals(t.db.prisma, harvester, at(20));
    // The two feeds answer 304; the sitemap index is read again with its sitemap (see below).
    expect(run).toMatchObject({ sources: 3, notModified: 2, created: 0, updated: 0, unchanged: 2 });
    expect(fake.received.filter((r) => r.url === '/rss.xml')[0]!.headers['if-none-match']).toMatch(/^"/);
    expect(fake.received.filter((r) => r.url === '/sitemap.xml')[0]!.headers['if-none-match']).toBeUndefined();
  });

  it('backs a failing source off exponentially and shows why in the directory', async () => {
    fake.setMode({ kind: 'html-502' });
    const failed = await harvestPortals(t.db.prisma, harvester, at(40));
    expect(failed.failed).toBeGreaterThan(0);
    fake.setMode({ kind: 'ok' });
    expect((await harvestPortals(t.db.prisma, harvester, at(40.5))).sources).toBe(0);
    const res = await gql(t.url, `{ agencyPortals(first: 5) { nodes { sources { kind lastStatus failures nextAttemptAt } } } }`);
    const sources = (res.body.data as { agencyPortals: { nodes: { sources: { lastStatus: string; failures: number; nextAttemptAt: string }[] }[] } })
      .agencyPortals.nodes[0]!.sources;
    expect(sources.some((s) => s.lastStatus === 'UPSTREAM_UNAVAILABLE' && s.failures === 1 && s.nextAttemptAt === at(41).toISOString())).toBe(true);
    expect((await harvestPortals(t.db.prisma, harvester, at(42))).failed).toBe(0);
  });
});

describe('in the graph', () => {
  it('serves the links directory, the agency’s portals and what was harvested', async () => {
    const res = await gql(
      t.url,
      `{ agencies(first: 50, filter: { asOf: "2020-01-01" }) { nodes { slug webPortals { name url } } }
         harvestedItems(first: 10) { totalCount nodes { title url external agency { slug } portal { name } } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data as {
      agencies: { nodes: { slug: string; webPortals: { name: string }[] }[] };
      harvestedItems: { totalCount: number; nodes: { external: boolean; agency: { slug: string }; portal: { name: string } }[] };
    };
    expect(data.agencies.nodes.find((a) => a.slug === 'so-tu-phap-vinh-phuc')!.webPortals).toEqual([{ name: 'Cổng TTĐT Sở Tư pháp', url: `${fake.origin}/` }]);
    expect(data.harvestedItems.totalCount).toBe(2);
    expect(data.harvestedItems.nodes[0]).toMatchObject({ external: true, agency: { slug: 'so-tu-phap-vinh-phuc' }, portal: { name: 'Cổng TTĐT Sở Tư pháp' } });
  });

  it('harvested items are in the one search, external with their source, found right after a harvest', async () => {
    const SEARCH = `query($q: String) { search(query: $q, kinds: [AGENCY_PORTAL_ITEM]) { totalCount
      nodes { kind external sourceUrl sourceName agencies { slug } item { __typename ... on HarvestedItem { title url } } } } }`;
    const first = await gql(t.url, SEARCH, { variables: { q: 'chung thuc ban sao dien tu' } });
    expect(first.body.errors).toBeUndefined();
    const hit = (first.body.data as { search: { nodes: Record<string, unknown>[] } }).search.nodes[0];
    expect(hit).toEqual({
      kind: 'AGENCY_PORTAL_ITEM',
      external: true,
      sourceUrl: `${fake.origin}/tin-tuc/huong-dan-chung-thuc-ban-sao-dien-tu`,
      sourceName: 'Cổng TTĐT Sở Tư pháp',
      agencies: [{ slug: 'so-tu-phap-vinh-phuc' }],
      item: {
        __typename: 'HarvestedItem',
        title: 'Hướng dẫn chứng thực bản sao điện tử từ bản chính',
        url: `${fake.origin}/tin-tuc/huong-dan-chung-thuc-ban-sao-dien-tu`,
      },
    });
    // In the hub's own feeds too, linking out to the agency's page (the hub has no page for it).
    const rss = await (await fetch(`${t.base}/feeds/agency-portal-items.rss`)).text();
    expect(rss).toContain('<title><![CDATA[Hướng dẫn chứng thực bản sao điện tử từ bản chính]]></title>');
    expect(rss).toContain(`<link>${fake.origin}/tin-tuc/huong-dan-chung-thuc-ban-sao-dien-tu</link>`);
    fake.items.push({
      slug: 'tin-tuc/tuyen-truyen-luat-dat-dai',
      title: 'Tuyên truyền Luật Đất đai 2024 tại xã',
      summary: 'Đợt tuyên truyền pháp luật đất đai.',
      published: '2026-03-01T00:00:00Z',
    });
    await harvestPortals(t.db.prisma, harvester, at(120));
    const fresh = await gql(t.url, SEARCH, { variables: { q: 'tuyen truyen luat dat dai' } });
    expect((fresh.body.data as { search: { totalCount: number } }).search.totalCount).toBe(1);
  });
});
