// The agency-portal harvester against a fake portal on 127.0.0.1: RSS 2.0, Atom 1.0 and
// a sitemap index mapped; conditional GET; legacy encodings repaired; SECURITY-MATRIX B1 (no
// private, loopback, mapped or oddly spelled addresses, no redirect into them, DNS checked at
// connect) and misbehaving feeds (slow, trickle, huge, malformed, hostile XML, redirect loops);
// one request at a time per host.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HubError } from '../../schema/errors.ts';
import { createPortalHarvester, type HarvesterConfig, type PortalHarvester } from '../../adapters/agency-portals/client.ts';
import { startAgencyPortalFake, type AgencyPortalFake } from '../../adapters/agency-portals/fake/server.ts';

let fake: AgencyPortalFake;
const opened: PortalHarvester[] = [];
const QUICK = {
  attemptTimeoutMs: 2_000,
  retry: { maxAttempts: 1, initialDelayMs: 5, maxDelayMs: 5, maxRetryAfterMs: 0 },
  breaker: { consecutiveFailures: 100, halfOpenAfterMs: 100 },
};

beforeAll(async () => {
  fake = await startAgencyPortalFake();
});
afterAll(() => fake.close());
afterEach(async () => {
  fake.setMode({ kind: 'ok' });
  fake.received.length = 0;
  await Promise.all(opened.splice(0).map((h) => h.close()));
});

function harvester(overrides: Partial<HarvesterConfig> = {}): PortalHarvester {
  const h = createPortalHarvester({ allowHosts: ['127.0.0.1'], perHostIntervalMs: 0, timeoutMs: 1_000, resilience: QUICK, ...overrides });
  opened.push(h);
  return h;
}

async function failure(promise: Promise<unknown>): Promise<HubError> {
  const error = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as HubError | null;
  expect(error, 'expected a failure').not.toBeNull();
  return error!;
}

describe('feeds and sitemaps', () => {
  it('maps an RSS 2.0 feed: absolute links, text without markup, instants', async () => {
    const got = await harvester().fetch('FEED', fake.rssUrl);
    expect(got.notModified).toBe(false);
    expect(got.entries[0]).toEqual({
      url: `${fake.origin}/tin-tuc/hoi-nghi-tong-ket-cong-tac-tu-phap`,
      guid: 'tin-tuc/hoi-nghi-tong-ket-cong-tac-tu-phap',
      title: 'Hội nghị tổng kết công tác tư pháp năm 2025',
      summary: 'Sở Tư pháp tổ chức hội nghị tổng kết công tác hoà giải ở cơ sở và triển khai nhiệm vụ năm mới.',
      publishedAt: '2026-01-15T02:00:00.000Z',
      updatedAt: null,
    });
    expect(got.etag).toMatch(/^"/);
  });

  it('maps an Atom 1.0 feed: relative links resolved, fragments dropped', async () => {
    const got = await harvester().fetch('FEED', fake.atomUrl);
    expect(got.entries.map((e) => e.url)).toEqual(fake.items.map((i) => `${fake.origin}/${i.slug}`));
    expect(got.entries[1]).toMatchObject({
      title: 'Hướng dẫn chứng thực bản sao điện tử từ bản chính',
      guid: 'tag:tin-tuc/huong-dan-chung-thuc-ban-sao-dien-tu',
    });
  });

  it('follows a sitemap index to its sitemaps', async () => {
    const got = await harvester().fetch('SITEMAP', fake.sitemapUrl);
    expect(got.entries.map((e) => e.url)).toEqual(fake.items.map((i) => `${fake.origin}/${i.slug}`));
    expect(got.entries[0]!.publishedAt).toBe('2026-01-14T17:00:00.000Z');
  });

  it('asks conditionally: an unchanged feed is a 304 with nothing to parse', async () => {
    const h = harvester();
    const first = await h.fetch('FEED', fake.rssUrl);
    const second = await h.fetch('FEED', fake.rssUrl, { etag: first.etag, lastModified: first.lastModified });
    expect(second).toMatchObject({ notModified: true, entries: [] });
    expect(fake.received[1]!.headers['if-none-match']).toBe(first.etag);
    expect(fake.received[1]!.headers['if-modified-since']).toBe(first.lastModified);
  });

  it('repairs legacy encodings: Windows-1258 named only in the XML declaration, TCVN3 mojibake', async () => {
    for (const url of [fake.legacyRssUrl, fake.mojibakeRssUrl]) {
      const got = await harvester().fetch('FEED', url);
      expect(got.entries.map((e) => e.title)).toEqual(fake.items.map((i) => i.title));
    }
  });
});

describe('SSRF (SECURITY-MATRIX B1)', () => {
  it.each([
    'http://10.0.0.1/rss.xml',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/rss.xml',
    'http://[::ffff:127.0.0.1]/rss.xml',
    'http://2130706433/rss.xml',
    'http://0x7f.1/rss.xml',
    'http://0177.0.0.1/rss.xml',
    'file:///etc/passwd',
    'gopher://127.0.0.1:70/',
    'http://user:pw@example.invalid/rss.xml',
  ])('refuses %s before connecting', async (url) => {
    const error = await failure(harvester({ allowHosts: [] }).fetch('FEED', url));
    expect(error.extensions.code).toBe('UPSTREAM_INVALID_RESPONSE');
    expect(JSON.stringify(error.extensions)).not.toContain('169.254');
  });

  it('refuses loopback unless allowed (the test fakes), and checks DNS at connect: a name resolving inside is refused', async () => {
    const port = new URL(fake.origin).port;
    await failure(harvester({ allowHosts: [] }).fetch('FEED', fake.rssUrl));
    await failure(harvester({ allowHosts: [] }).fetch('FEED', `http://localhost:${port}/rss.xml`));
    expect(fake.received).toHaveLength(0);
  });

  it('does not follow a redirect into a private address', async () => {
    const error = await failure(harvester().fetch('FEED', fake.privateRedirectUrl));
    expect(error.extensions.code).toBe('UPSTREAM_INVALID_RESPONSE');
    expect(fake.received).toHaveLength(1);
  });

  it('stops a redirect loop after maxRedirects hops', async () => {
    const error = await failure(harvester({ maxRedirects: 3 }).fetch('FEED', fake.loopUrl));
    expect(error.extensions.code).toBe('UPSTREAM_INVALID_RESPONSE');
    expect(fake.received).toHaveLength(4);
  });
});

describe('misbehaving feeds', () => {
  it('a slow feed and a trickle end at the deadline', async () => {
    fake.setMode({ kind: 'slow', delayMs: 2_000 });
    const started = performance.now();
    expect((await failure(harvester({ timeoutMs: 200 }).fetch('FEED', fake.rssUrl))).extensions.code).toBe('UPSTREAM_TIMEOUT');
    fake.setMode({ kind: 'trickle', intervalMs: 50 });
    expect((await failure(harvester({ timeoutMs: 200 }).fetch('FEED', fake.rssUrl))).extensions.code).toBe('UPSTREAM_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('a huge feed is cut at the byte cap while streaming', async () => {
    fake.setMode({ kind: 'oversized', bytes: 50_000_000 });
    expect((await failure(harvester({ maxBytes: 100_000 }).fetch('FEED', fake.rssUrl))).extensions.code).toBe('UPSTREAM_INVALID_RESPONSE');
    expect(fake.lastStreamedBytes).toBeLessThan(20_000_000);
  });

  it.each(['malformed', 'xxe', 'entity-bomb', 'proto'] as const)('a %s body is refused, prototype untouched', async (kind) => {
    fake.setMode({ kind });
    expect((await failure(harvester().fetch('FEED', fake.rssUrl))).extensions.code).toBe('UPSTREAM_INVALID_RESPONSE');
    expect(({} as Record<string, unknown>).p).toBeUndefined();
  });

  it('an HTML error page is the portal being down', async () => {
    fake.setMode({ kind: 'html-502' });
    expect((await failure(harvester().fetch('FEED', fake.rssUrl))).extensions.code).toBe('UPSTREAM_UNAVAILABLE');
  });
});

describe('politeness', () => {
  it('sends one request at a time to a host, perHostIntervalMs apart', async () => {
    fake.setMode({ kind: 'slow', delayMs: 40 });
    const h = harvester({ perHostIntervalMs: 30 });
    await Promise.all([h.fetch('FEED', fake.rssUrl), h.fetch('FEED', fake.atomUrl), h.fetch('SITEMAP', `${fake.origin}/sitemap-tin-tuc.xml`)]);
    const at = fake.received.map((r) => r.at);
    expect(at).toHaveLength(3);
    // Each request arrives after the previous answer (≥ 40 ms) plus the interval (30 ms).
    for (let i = 1; i < at.length; i += 1) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(65);
  });
});
