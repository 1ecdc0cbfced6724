// The official-gazette adapter against a real fake gazette on 127.0.0.1: RSS 2.0 feeds, issue
// exports validated against the committed XSD, bad bodies, and one document in two issues.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HubError } from '../../schema/errors.ts';
import { encodeLegacy } from '../../schema/text/legacy.ts';
import type { FakeMode } from '../../adapters/kit/fake-upstream.ts';
import type { GazetteSource } from '../../schema/domain/sources.ts';
import { UrlRefusedError } from '../../adapters/kit/url-guard.ts';
import { UpstreamFailure } from '../../adapters/kit/errors.ts';
import { validateIssueExport } from '../../adapters/gazette/export.ts';
import { startGazetteFake, type GazetteFake } from '../../adapters/gazette/fake/server.ts';
import { GAZETTE_PATHS, renderIssueExport } from '../../adapters/gazette/fake/render.ts';
import { FIXTURE_ISSUES, type FixtureGazetteIssue } from '../../adapters/gazette/fixtures/issues.ts';
import { createGazetteSource, gazette, parseGazetteConfig, type GazetteConfigInput } from '../../adapters/gazette/source.ts';
import { ADAPTERS } from '../../adapters/registry.ts';

const FETCHED_AT = new Date('2026-05-01T03:00:00Z');
let fake: GazetteFake;
const opened: GazetteSource[] = [];

beforeAll(async () => {
  fake = await startGazetteFake();
});
afterAll(() => fake.close());
afterEach(async () => {
  fake.setMode({ kind: 'ok' });
  fake.clearRaw();
  fake.received.length = 0;
  fake.issues.splice(0, fake.issues.length, ...structuredClone([...FIXTURE_ISSUES]));
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

function source(overrides: Partial<GazetteConfigInput> = {}): GazetteSource {
  const created = createGazetteSource(
    parseGazetteConfig({
      documentsFeedUrl: fake.documentsFeedUrl,
      issuesFeedUrl: fake.issuesFeedUrl,
      timeoutMs: 400,
      maxBytes: 256 * 1024,
      allowHosts: ['127.0.0.1'],
      resilience: {
        attemptTimeoutMs: 2_000,
        retry: { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 10, maxRetryAfterMs: 1_000 },
        breaker: { consecutiveFailures: 50, halfOpenAfterMs: 100 },
      },
      ...overrides,
    }),
    { now: () => FETCHED_AT },
  );
  opened.push(created);
  return created;
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (e: unknown) => {
      expect(e).toBeInstanceOf(HubError);
      return (e as HubError).code;
    },
  );

const QD_26 = {
  number: { raw: '26/2017/QĐ-UBND', normalised: '26/2017/QĐ-UBND', key: '26/2017/QD-UBND' },
  type: { code: 'DECISION', name: 'Quyết định' },
  issuer: 'Ủy ban nhân dân tỉnh Vĩnh Phúc',
  issueDate: '2017-08-17',
  summary: 'Ban hành Quy chế Quản lý và cung cấp thông tin trên Cổng Thông tin - Giao tiếp điện tử tỉnh Vĩnh Phúc',
  sourceId: 'qd-26-2017-ubnd-vp',
};

describe('feeds', () => {
  it('reads the newest-documents feed, each document once, with its number and plain-text summary', async () => {
    const documents = await source().latestDocuments();
    expect(documents).toEqual([
      {
        title: 'Quyết định 26/2017/QĐ-UBND ban hành Quy chế Quản lý và cung cấp thông tin trên Cổng Thông tin - Giao tiếp điện tử tỉnh Vĩnh Phúc',
        link: `${fake.origin}/van-ban/qd-26-2017-ubnd-vp`,
        number: '26/2017/QĐ-UBND',
        summary: QD_26.summary,
        publishedAt: '2017-09-05T01:00:00.000Z',
        guid: 'vb-qd-26-2017-ubnd-vp',
      },
    ]);
  });

  it('reads the newest-issues feed, whose titles are issue numbers', async () => {
    fake.issues.push({ number: 47, numberTo: 48, year: 2017, date: '2017-09-20', documents: [] });
    const issues = await source().latestIssues();
    expect(issues.map((i) => [i.number, i.numberTo, i.year, i.date])).toEqual([
      [47, 48, 2017, '2017-09-20'],
      [46, null, 2017, '2017-09-05'],
      [45, null, 2017, '2017-09-05'],
    ]);
    expect(issues[2]!.exportUrl).toBe(fake.exportUrl(2017, 45));
  });

  it.each([
    ['an Atom feed', '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>'],
    ['RSS 0.91', '<?xml version="1.0"?><rss version="0.91"><channel><title>x</title><link>y</link></channel></rss>'],
    [
      'an item without a link',
      '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><link>y</link><item><title>Số 1</title></item></channel></rss>',
    ],
  ])('rejects %s as an invalid response', async (_name, body) => {
    fake.setRaw(GAZETTE_PATHS.issuesFeed, body, 'application/rss+xml');
    expect(await codeOf(source().latestIssues())).toBe('UPSTREAM_INVALID_RESPONSE');
  });
});

describe('issue exports', () => {
  it('maps every field of an issue and links the document to the legal database id', async () => {
    const issue = await source().getIssue(fake.exportUrl(2017, 45));
    expect(issue).toEqual({
      number: 45,
      numberTo: null,
      year: 2017,
      date: '2017-09-05',
      publisher: 'Công báo tỉnh Vĩnh Phúc',
      documents: [{ ...QD_26, page: 3, pageTo: 32 }],
      provenance: {
        system: 'gazette',
        sourceId: '2017/45',
        sourceUrl: fake.exportUrl(2017, 45),
        fetchedAt: FETCHED_AT.toISOString(),
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
  });

  it('finds one document in two issues (Quyết định 26/2017 runs over issues 45 and 46)', async () => {
    const s = source();
    const issues = await Promise.all((await s.latestIssues()).map((i) => s.getIssue(i.exportUrl)));
    const appearances = issues.flatMap((issue) =>
      issue.documents.filter((d) => d.number.key === '26/2017/QD-UBND').map((d) => [issue.number, d.page, d.pageTo, d.sourceId]),
    );
    expect(appearances.sort()).toEqual([
      [45, 3, 32, 'qd-26-2017-ubnd-vp'],
      [46, 1, 12, 'qd-26-2017-ubnd-vp'],
    ]);
  });

  it('reads a combined issue ("Số 47 + 48"), escapes text going into XML and repairs legacy text', async () => {
    const summary = 'Trích yếu có --> và ]]> và <script>alert(1)</script> & "ngoặc"';
    const tcvn3 = iconv.decode(encodeLegacy('Ủy ban nhân dân tỉnh Vĩnh Phúc', 'tcvn3'), 'windows1252');
    const combined: FixtureGazetteIssue = {
      number: 47,
      numberTo: 48,
      year: 2017,
      date: '2017-09-20',
      documents: [
        { number: '27/2017/QĐ\u2013UBND', type: 'Quyết định', issuer: tcvn3, issueDate: '2017-09-01', summary, page: 1, pageTo: null, sourceId: null },
      ],
    };
    fake.issues.push(combined);
    const issue = await source().getIssue(fake.exportUrl(2017, 47));
    expect(issue).toMatchObject({ number: 47, numberTo: 48, provenance: { sourceId: '2017/47-48' } });
    expect(issue.documents[0]).toMatchObject({ summary, issuer: 'Ủy ban nhân dân tỉnh Vĩnh Phúc', pageTo: null, sourceId: null });
    expect(issue.documents[0]!.number.normalised).toBe('27/2017/QĐ-UBND');
  });

  it('keeps the committed sample export identical to what the fake serves, and valid against the XSD', async () => {
    const sample = readFileSync(new URL('../../adapters/gazette/fixtures/cong-bao-45-2017.xml', import.meta.url), 'utf8');
    expect(sample).toBe(renderIssueExport(FIXTURE_ISSUES[0]!));
    await expect(validateIssueExport(sample, 64 * 1024)).resolves.toBeUndefined();
  });

  const sample = renderIssueExport(FIXTURE_ISSUES[0]!);
  it.each([
    ['a page that is not a number', sample.replace('<Trang>3</Trang>', '<Trang>ba</Trang>')],
    ['a missing summary', sample.replace(/<TrichYeu>.*<\/TrichYeu>/, '')],
    ['elements out of order', sample.replace(/(<So>45<\/So>)\s*(<Nam>2017<\/Nam>)/, '$2$1')],
    ['the wrong namespace', sample.replace('urn:cong-hub:gazette-issue:v1', 'urn:other')],
    ['an unknown element', sample.replace('<So>45</So>', '<So>45</So><Ghi>x</Ghi>')],
    ['a range ending before it starts', sample.replace('<So>45</So>', '<So>45</So><DenSo>44</DenSo>')],
    ['pages ending before they start', sample.replace('<DenTrang>32</DenTrang>', '<DenTrang>2</DenTrang>')],
    ['a year that is not the date’s', sample.replace('<Nam>2017</Nam>', '<Nam>2011</Nam>')],
    ['an impossible date', sample.replace('<NgayPhatHanh>2017-09-05</NgayPhatHanh>', '<NgayPhatHanh>2017-02-30</NgayPhatHanh>')],
  ])('rejects an export with %s (validated before it is parsed)', async (_name, body) => {
    expect(body).not.toBe(sample);
    fake.setRaw(GAZETTE_PATHS.export(2017, 45), body);
    expect(await codeOf(source().getIssue(fake.exportUrl(2017, 45)))).toBe('UPSTREAM_INVALID_RESPONSE');
  });

  it('refuses an export link from the feed that points inside the network (B1)', async () => {
    const before = fake.received.length;
    expect(await codeOf(source().getIssue('http://169.254.169.254/latest/meta-data/'))).toBe('UPSTREAM_INVALID_RESPONSE');
    expect(await codeOf(source().getIssue('file:///etc/passwd'))).toBe('UPSTREAM_INVALID_RESPONSE');
    expect(fake.received.length).toBe(before);
  });
});

const FAILURES: Array<[string, string, FakeMode]> = [
  ['malformed XML', 'UPSTREAM_INVALID_RESPONSE', { kind: 'malformed' }],
  ['XXE', 'UPSTREAM_INVALID_RESPONSE', { kind: 'xxe' }],
  ['entity bomb', 'UPSTREAM_INVALID_RESPONSE', { kind: 'entity-bomb' }],
  ['__proto__ elements', 'UPSTREAM_INVALID_RESPONSE', { kind: 'proto' }],
  ['oversized body', 'UPSTREAM_INVALID_RESPONSE', { kind: 'oversized', bytes: 5 * 1024 * 1024 }],
  ['HTML 502 page', 'UPSTREAM_UNAVAILABLE', { kind: 'html-502' }],
  ['404', 'UPSTREAM_FAULT', { kind: 'fault' }],
  ['slow upstream', 'UPSTREAM_TIMEOUT', { kind: 'slow', delayMs: 3_000 }],
  ['1 byte per interval', 'UPSTREAM_TIMEOUT', { kind: 'trickle', intervalMs: 50 }],
];

describe('bad bodies and outages', () => {
  it.each(FAILURES)('%s → %s, with nothing of the body in the error', async (_name, code, mode) => {
    fake.setMode(mode);
    const s = source({
      resilience: {
        attemptTimeoutMs: 300,
        retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
        breaker: { consecutiveFailures: 50, halfOpenAfterMs: 100 },
      },
    });
    const error = (await s.latestIssues().catch((e: unknown) => e)) as HubError;
    expect(error).toBeInstanceOf(HubError);
    expect(error.code).toBe(code);
    expect(error.extensions).toMatchObject({ system: 'gazette', operation: 'issues-feed' });
    expect(JSON.stringify({ message: error.message, extensions: error.extensions })).not.toMatch(/passwd|\/var\/www|nginx|127\.0\.0\.1|polluted/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('retries a feed read through 5xx and reports health', async () => {
    fake.setMode({ kind: 'fail-then-ok', failures: 1 });
    const s = source();
    await expect(s.latestIssues()).resolves.toHaveLength(2);
    expect(fake.received).toHaveLength(2);
    expect(await s.health()).toMatchObject({ system: 'gazette', ok: true, breaker: 'closed' });
    fake.setMode({ kind: 'html-502' });
    expect(await s.health()).toMatchObject({ ok: false, errorCode: 'UPSTREAM_UNAVAILABLE' });
  });

  it('is registered under its system id', () => {
    expect(ADAPTERS.gazette).toBe(gazette);
  });

  it('refuses feed URLs on private addresses at boot (B1)', () => {
    expect(() => parseGazetteConfig({ documentsFeedUrl: 'http://10.0.0.5/rss', issuesFeedUrl: 'https://congbao.vinhphuc.gov.vn/rss' })).toThrow(
      UrlRefusedError,
    );
  });

  it('reports a validation failure of the XSD step as an UpstreamFailure, not a crash', async () => {
    await expect(validateIssueExport('<CongBao xmlns="urn:cong-hub:gazette-issue:v1"/>', 1024)).rejects.toBeInstanceOf(UpstreamFailure);
  });
});
