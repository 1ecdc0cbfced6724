// Print views, saved PDFs, files and CSVs at stable public URLs through the gateway
// (R-4.17a), and the larger body staff may send with files.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
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

  // A33 (finding 5): an allowlist of exact, case-sensitive paths per subgraph; nothing else.
  it('answers 404 to internal endpoints in any letter case or encoding', async () => {
    for (const path of [
      '/portal/HEALTH',
      '/portal/Health',
      '/legal/Ready',
      '/legal/READY',
      '/portal/GraphQL',
      '/portal/graphQL?query=%7B__typename%7D',
      '/portal/%68ealth',
      '/portal/%67raphql',
      '/portal/%2567raphql',
      '/portal/health/',
      '/portal/ready/x',
      '/Portal/print/article/x',
      '/%70ortal/health',
      '/portal/PRINT/article/x',
      '/portal/%70rint/article/x',
      '/legal/Files/abc',
      '/portal/print/article',
      '/portal/print/article/a/b',
    ]) {
      t.proxies.portal!.reset();
      t.proxies.legal!.reset();
      const res = await send(`${t.base}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.text, path).not.toMatch(/"status"\s*:\s*"(ok|ready|not-ready)"|subgraph|__typename|Query/);
      const reached = Object.keys(t.proxies.portal!.byPath).length + Object.keys(t.proxies.legal!.byPath).length;
      expect(reached, `${path} reached a subgraph`).toBe(0);
    }
  });

  // Finding 10: documents keep the owning subgraph's security headers, not helmet's generic CSP.
  it('keeps the subgraph’s strict CSP on print views and a sandboxing default on downloads', async () => {
    const res = await gql(t.url, `{ articles(first: 1) { nodes { printUrl pdfUrl } } }`);
    const article = (res.body.data as { articles: { nodes: { printUrl: string; pdfUrl: string }[] } }).articles.nodes[0]!;
    const page = await send(article.printUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(
      "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    );
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const pdf = await fetch(article.pdfUrl);
    await pdf.arrayBuffer();
    expect(pdf.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  });

  it('passes a file’s sandbox CSP through from its subgraph', async () => {
    const docs = http.createServer((req, res) => {
      if (req.url === '/files/abc/bao-cao.html') {
        res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': "default-src 'none'; sandbox", 'x-content-type-options': 'nosniff' });
        return res.end('<script>alert(1)</script>');
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => docs.listen(0, '127.0.0.1', resolve));
    const port = (docs.address() as AddressInfo).port;
    const gw = await t.startGateway({ PUBLIC_ROUTES: JSON.stringify({ docs: ['/files/:id/:name'] }) }, { docs: `http://127.0.0.1:${port}/graphql` });
    try {
      const file = await send(`${gw.base}/docs/files/abc/bao-cao.html`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
      expect((await send(`${gw.base}/docs/FILES/abc/bao-cao.html`)).status).toBe(404);
      expect((await send(`${gw.base}/docs/health`)).status).toBe(404);
    } finally {
      await new Promise((resolve) => docs.close(resolve));
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
