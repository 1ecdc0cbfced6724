// Print views, saved PDFs, files and CSVs at stable public URLs through the gateway
// (R-4.17a), and the larger body staff may send with files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../gateway/auth.ts';
import { startTestHub, TEST_JWT, type TestHub } from '../harness/hub.ts';
import { expectNoLeaks, gql, post, send } from './support/http.ts';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.stop();
});

describe('public routes through the gateway', () => {
  it('gives gateway URLs for print and PDF, and serves them', async () => {
    const res = await gql(t.url, `{ articles(first: 1) { nodes { slug printUrl pdfUrl } } }`);
    const article = (res.body.data as { articles: { nodes: { slug: string; printUrl: string; pdfUrl: string }[] } }).articles.nodes[0]!;
    expect(article.printUrl).toBe(`${t.base}/portal/print/article/${article.slug}`);
    expect(article.pdfUrl).toBe(`${t.base}/portal/save/article/${article.slug}.pdf`);

    const page = await send(article.printUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text.normalize('NFC')).toContain('<html');

    const pdf = await fetch(article.pdfUrl);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('answers 404 as JSON for unknown documents, unknown subgraphs and internal endpoints', async () => {
    for (const path of [
      '/portal/print/article/khong-co-bai-nay',
      '/nosuch/print/x',
      '/portal/graphql',
      '/portal/health',
      '/portal/ready',
      '/portal/print/..%2f..%2fgraphql',
    ]) {
      const res = await send(`${t.base}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/application\/json/);
      expectNoLeaks(res.text);
    }
  });

  it('hides unpublished items behind the same 404', async () => {
    const res = await send(`${t.base}/portal/print/article/du-thao-ke-hoach-chuyen-doi-so`);
    expect(res.status).toBe(404);
  });
});

describe('request body limits', () => {
  const padded = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(300_000) } });

  it('refuses a 300 kB body from the public with 413', async () => {
    const res = await post(t.url, padded);
    expect(res.status).toBe(413);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('accepts the same body from an editor (content with its files)', async () => {
    const token = await issueToken(TEST_JWT, { id: 'editor-1', roles: ['EDITOR'], agencyIds: [] });
    const res = await post(t.url, padded, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ __typename: 'Query' });
  });
});
