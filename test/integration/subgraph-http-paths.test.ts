// A subgraph's signed POST /graphql has two ways in (subgraphs/kit/graphql-route.ts): the
// gateway's form (Content-Length, no Content-Encoding, exactly /graphql) is served by Node's HTTP
// server directly, anything else by Express as before. Both must give the same answers: every
// call below is sent both ways — once with a Content-Length (the direct path), once chunked (the
// Express path, recognisable by the ETag Express's `res.send` adds) — and the status, body and
// headers that matter are compared, for answers, refusals and malformed input alike.
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import type { SignedContext } from '../../schema/security/signed-context.ts';
import { signedFor, STRANGER_KEY, type SignOptions } from '../harness/signing.ts';
import { usePortal } from '../harness/portal.ts';
import { EDITOR_A } from '../harness/content.ts';

const portal = usePortal({ maxFileBytes: 1000, maxFilesPerRequest: 1 });

interface Answer {
  status: number;
  body: string;
  contentType: string | undefined;
  cacheControl: string | undefined;
  etag: string | undefined;
}

type Way = 'direct' | 'express';

/** Sends `body` with `headers`, with a Content-Length (direct) or chunked (Express). */
function send(way: Way, headers: Record<string, string>, body: string, path = '/graphql'): Promise<Answer> {
  const url = new URL(portal.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        headers: { ...headers, ...(way === 'direct' ? { 'content-length': String(Buffer.byteLength(body)) } : { 'transfer-encoding': 'chunked' }) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            body: Buffer.concat(chunks).toString('utf8'),
            contentType: res.headers['content-type'],
            cacheControl: res.headers['cache-control'],
            etag: res.headers.etag,
          }),
        );
      },
    );
    req.on('error', reject);
    if (way === 'express') {
      // Two chunks: the body really arrives in pieces.
      const cut = Math.floor(body.length / 2);
      req.write(body.slice(0, cut));
      req.end(body.slice(cut));
    } else req.end(body);
  });
}

const ANONYMOUS: SignedContext = { requestId: 'paths', actor: { roles: [] } };
const FRONT = JSON.stringify({ query: '{ articles(first: 3) { totalCount nodes { slug title { vi } agency { slug } } } }' });

/** The same call both ways, freshly signed each time (a nonce is spent once). */
async function bothWays(make: () => { headers: Record<string, string>; body: string }) {
  const direct = make();
  const viaExpress = make();
  return { direct: await send('direct', direct.headers, direct.body), express: await send('express', viaExpress.headers, viaExpress.body) };
}

const json = { 'content-type': 'application/json' };
const signed = (body: string, context: SignedContext = ANONYMOUS, opts: SignOptions = {}) => ({
  headers: { ...json, ...signedFor(portal.url, context, body, opts) },
  body,
});

function expectSame(answers: { direct: Answer; express: Answer }, status: number) {
  const { direct, express } = answers;
  expect(express.etag).toBeDefined(); // it did go through Express
  expect(direct.etag).toBeUndefined(); // and this one did not
  expect(direct.status).toBe(status);
  expect(express.status).toBe(status);
  expect(JSON.parse(direct.body)).toEqual(JSON.parse(express.body));
  expect(direct.contentType).toBe(express.contentType);
  expect(direct.cacheControl).toBe(express.cacheControl);
}

describe('a subgraph answers the same by its direct and its Express path', () => {
  it('a public query: same data, same cache hint', async () => {
    const answers = await bothWays(() => signed(FRONT));
    expectSame(answers, 200);
    const parsed = JSON.parse(answers.direct.body) as { data: { articles: { totalCount: number } } };
    expect(parsed.data.articles.totalCount).toBeGreaterThan(0);
    expect(answers.direct.cacheControl).toBe('max-age=300, public');
  });

  it('a signed-in editor’s query: same data, never cacheable', async () => {
    expectSame(await bothWays(() => signed(FRONT, { requestId: 'paths', actor: EDITOR_A })), 200);
  });

  it('invalid queries and variables: the same GraphQL errors', async () => {
    expectSame(await bothWays(() => signed(JSON.stringify({ query: '{ articles(first: 3) { nope } }' }))), 400);
    expectSame(await bothWays(() => signed(JSON.stringify({ query: 'query($n: Int!) { articles(first: $n) { totalCount } }', variables: { n: 'x' } }))), 400);
    expectSame(await bothWays(() => signed(JSON.stringify({ query: '{ articles(first: 0) { totalCount } }' }))), 200);
  });

  it('a signed body that is not JSON: 400 BAD_REQUEST both ways', async () => {
    const answers = await bothWays(() => signed('{"query": '));
    expectSame(answers, 400);
    expect(answers.direct.body).toContain('BAD_REQUEST');
  });

  it('refusals: unsigned, another body than the signed one, another audience, another key, replayed', async () => {
    const unsigned = await bothWays(() => ({ headers: json, body: FRONT }));
    const swapped = await bothWays(() => {
      const call = signed(FRONT);
      return { headers: call.headers, body: FRONT.replace('first: 3', 'first: 4') };
    });
    const elsewhere = await bothWays(() => signed(FRONT, ANONYMOUS, { audience: 'legal' }));
    const stranger = await bothWays(() => signed(FRONT, ANONYMOUS, { key: STRANGER_KEY }));
    for (const answers of [unsigned, swapped, elsewhere, stranger]) {
      expect(answers.direct.status).toBe(401);
      expect(answers.express.status).toBe(401);
      expect(JSON.parse(answers.direct.body)).toEqual(JSON.parse(answers.express.body));
      expect(answers.direct.body).toContain('INVALID_SIGNATURE');
    }
    // A call replayed: once by the direct path, then by Express, and the other way round.
    for (const [first, second] of [
      ['direct', 'express'],
      ['express', 'direct'],
    ] as const) {
      const call = signed(FRONT);
      expect((await send(first, call.headers, call.body)).status).toBe(200);
      const replayed = await send(second, call.headers, call.body);
      expect(replayed.status).toBe(401);
      expect(replayed.body).toContain('INVALID_SIGNATURE');
    }
  });

  it('a body over the limit is refused with 413 (through Express), a query string goes through Express', async () => {
    // The portal's limit with one file of 1,000 bytes: its floor, 1,000,000 bytes.
    const big = FRONT + ' '.repeat(1_000_001 - FRONT.length);
    const answers = await bothWays(() => signed(big));
    for (const answer of [answers.direct, answers.express]) {
      expect(answer.status).toBe(413);
      expect(answer.etag).toBeDefined(); // Express answered
      expect(answer.body).toContain('PAYLOAD_TOO_LARGE');
    }
    // Signed for /graphql, sent to /graphql?x=1: the signature covers the query string.
    const other = signed(FRONT);
    const answer = await send('direct', other.headers, other.body, '/graphql?x=1');
    expect(answer.status).toBe(401);
    expect(answer.etag).toBeDefined(); // Express answered
  });
});

describe('a client gone mid-body', () => {
  it('is dropped without harm: the next call is answered', async () => {
    const url = new URL(portal.url);
    const call = signed(FRONT);
    await new Promise<void>((resolve) => {
      const req = http.request({
        host: url.hostname,
        port: url.port,
        path: '/graphql',
        method: 'POST',
        headers: { ...call.headers, 'content-length': String(FRONT.length + 50) },
      });
      req.on('error', () => resolve());
      // Gone once part of the body has left for the server.
      req.write(FRONT.slice(0, 20), () => {
        req.destroy();
        resolve();
      });
    });
    const next = signed(FRONT);
    const answer = await send('direct', next.headers, next.body);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toHaveProperty('data.articles');
  });
});
