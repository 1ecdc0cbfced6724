// The HTTP edge of the production gateway (A5, A15, A16, CORS): every refusal is JSON with a
// registered code and the request id, never an HTML page or a 500, and never reaches a subgraph.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTION_ENV, startTestHub, type TestHub } from '../harness/hub.ts';
import { expectRejected, expectRequestIds, post, send, type HttpResult } from './support/http.ts';

let t: TestHub;
const QUERY = '{ articles(first: 1) { totalCount } }';
const ALLOWED = 'https://cong.phutho.gov.vn';

beforeAll(async () => {
  t = await startTestHub({ env: PRODUCTION_ENV });
});
afterAll(() => t?.stop());

async function refused(request: Promise<HttpResult>, status: number, code: string) {
  t.proxies.portal!.reset();
  const res = await request;
  expectRejected(res, status, code);
  expect(t.proxies.portal!.graphqlRequests).toBe(0);
  return res;
}

const getUrl = (query: string) => `${t.url}?query=${encodeURIComponent(query)}`;

describe('CSRF (A15)', () => {
  it('refuses a GET without a preflight header', () => refused(send(getUrl(QUERY)), 400, 'BAD_REQUEST'));

  it('serves a GET query that carries the preflight header', async () => {
    const res = await send(getUrl(QUERY), { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    expect(res.body.data).toBeTruthy();
  });

  // Finding 16: GraphQL over HTTP answers a mutation over GET with 405 and Allow: POST; the
  // README's error table says so (it used to say 400).
  it('refuses a mutation over GET with 405, Allow: POST and BAD_REQUEST', async () => {
    t.proxies.portal!.reset();
    const res = await send(getUrl('mutation { __typename }'), { headers: { 'apollo-require-preflight': 'true' } });
    expect({ status: res.status, allow: res.headers.get('allow'), code: res.body.errors?.[0]?.extensions?.code }).toEqual({
      status: 405,
      allow: 'POST',
      code: 'BAD_REQUEST',
    });
    expectRequestIds(res);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(t.proxies.portal!.graphqlRequests).toBe(0);
  });

  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
    it(`refuses a POST sent as ${type.split(';')[0]}`, () =>
      refused(send(t.url, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify({ query: QUERY }) }), 415, 'UNSUPPORTED_MEDIA_TYPE'));
  }

  it('refuses a POST without a content type', () =>
    refused(send(t.url, { method: 'POST', body: new Blob([JSON.stringify({ query: QUERY })]) }), 415, 'UNSUPPORTED_MEDIA_TYPE'));
});

describe('bodies (A5, A16)', () => {
  it('refuses a JSON array batch of 100 operations', () =>
    refused(post(t.url, JSON.stringify(Array.from({ length: 100 }, () => ({ query: QUERY })))), 400, 'BAD_REQUEST'));

  it('refuses an oversized body with 413 JSON', () =>
    refused(post(t.url, JSON.stringify({ query: QUERY, variables: { pad: 'x'.repeat(200_000) } })), 413, 'PAYLOAD_TOO_LARGE'));

  it('refuses a small gzip body that inflates past the limit', () =>
    refused(
      send(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: gzipSync(JSON.stringify({ query: QUERY, variables: { pad: ' '.repeat(5_000_000) } })),
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    ));

  it('refuses malformed JSON with 400 JSON', () => refused(post(t.url, '{"query": "{ articles { totalCount } }"'), 400, 'BAD_REQUEST'));
  it('refuses a JSON string instead of an object', () => refused(post(t.url, '"{ articles { totalCount } }"'), 400, 'BAD_REQUEST'));
  it('refuses an empty body', () => refused(post(t.url, ''), 400, 'BAD_REQUEST'));

  it('refuses an odd charset with 415 JSON', async () => {
    for (const charset of ['latin1', 'utf-16', 'windows-1258']) {
      await refused(post(t.url, JSON.stringify({ query: QUERY }), { 'content-type': `application/json; charset=${charset}` }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('refuses a body whose variables are not an object', () => refused(post(t.url, JSON.stringify({ query: QUERY, variables: [1, 2] })), 400, 'BAD_REQUEST'));

  it('accepts application/json; charset=utf-8', async () => {
    const res = await post(t.url, JSON.stringify({ query: QUERY }), { 'content-type': 'application/json; charset=utf-8' });
    expect(res.status).toBe(200);
  });

  it('answers other methods and unknown paths with JSON, never HTML', async () => {
    for (const [url, method] of [
      [t.url, 'PUT'],
      [t.url, 'DELETE'],
      [`${t.base}/nowhere`, 'GET'],
      [`${t.base}/nowhere`, 'POST'],
    ] as const) {
      const res = await send(url, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
      expect(res.status, `${method} ${url}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('content-type')).toMatch(/json/);
      expect(res.text).not.toMatch(/<html|<pre>/i);
      expectRequestIds(res);
    }
  });
});

describe('CORS allowlist', () => {
  it('answers an allowed origin, preflight included', async () => {
    const pre = await send(t.url, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });
    expect(pre.status).toBeLessThan(300);
    expect(pre.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const res = await post(t.url, JSON.stringify({ query: QUERY }), { origin: ALLOWED });
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it('gives another origin nothing to read', async () => {
    for (const origin of ['https://evil.example', 'https://cong.phutho.gov.vn.evil.example', 'null']) {
      const pre = await send(t.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      const res = await post(t.url, JSON.stringify({ query: QUERY }), { origin });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });
});
