// The signed data source's own send path (gateway/data-source.ts): what stock
// RemoteGraphQLDataSource sends and reads, without node-fetch's Headers and Request per call.
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { createRequire } from 'node:module';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { cacheHintOf, SignedDataSource } from '../../gateway/data-source.ts';
import type { GatewayContext } from '../../gateway/context.ts';
import { PlainHeaders } from '../../gateway/plain-headers.ts';
import { AUDIENCE_HEADER } from '../../schema/security/gateway-signature.ts';
import { CONTEXT_HEADER } from '../../schema/security/signed-context.ts';

const require = createRequire(import.meta.url);
const { parseCacheControlHeader } = require('@apollo/gateway/dist/datasources/parseCacheControlHeader.js') as {
  parseCacheControlHeader: (h: string | null | undefined) => Record<string, string | true>;
};

function answering(status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const calls: { url: string; init?: FetcherRequestInit }[] = [];
  const fetcher: Fetcher = async (url, init) => {
    calls.push({ url, init });
    return {
      ok: status < 300,
      status,
      statusText: String(status),
      url,
      headers: new PlainHeaders(headers),
      text: async () => body,
      json: async () => JSON.parse(body),
    } as unknown as FetcherResponse;
  };
  return { fetcher, calls };
}

const context: GatewayContext = { requestId: 'r-1', actor: { id: 'u-1', roles: ['EDITOR'] }, locale: 'vi', logger: pino({ level: 'silent' }) };

function options(restrict?: (hint: unknown) => void): GraphQLDataSourceProcessOptions<GatewayContext> {
  return {
    kind: 'incoming operation',
    request: { query: 'query Q__portal__0($n:Int){a(n:$n)}', variables: { n: 2 }, operationName: 'Q__portal__0' },
    context,
    incomingRequestContext: { overallCachePolicy: restrict ? { restrict } : undefined },
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
}

describe('SignedDataSource', () => {
  it('sends the body and headers stock sends, signed context and audience included', async () => {
    const { fetcher, calls } = answering(200, '{"data":{"a":1}}');
    const source = new SignedDataSource({ url: 'http://127.0.0.1:1/graphql', fetcher }, 'portal');
    const res = await source.process(options());
    expect(res.data).toEqual({ a: 1 });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('http://127.0.0.1:1/graphql');
    expect(calls[0]!.init!.method).toBe('POST');
    // The query first, then the variables and the operation name, as stock serialises them.
    expect(calls[0]!.init!.body).toBe('{"query":"query Q__portal__0($n:Int){a(n:$n)}","variables":{"n":2},"operationName":"Q__portal__0"}');
    const headers = calls[0]!.init!.headers as Record<string, string>;
    expect(headers['content-type']).toBe('application/json');
    expect(headers[AUDIENCE_HEADER]).toBe('portal');
    const signed = JSON.parse(Buffer.from(headers[CONTEXT_HEADER]!, 'base64url').toString('utf8'));
    expect(signed).toMatchObject({ requestId: 'r-1', actor: { id: 'u-1', roles: ['EDITOR'] }, locale: 'vi' });
  });

  it('narrows the request’s cache policy by the subgraph’s Cache-Control', async () => {
    const hints: unknown[] = [];
    const { fetcher } = answering(200, '{"data":{"a":1}}', { 'content-type': 'application/json', 'cache-control': 'max-age=60, public' });
    await new SignedDataSource({ url: 'http://127.0.0.1:1/graphql', fetcher }, 'portal').process(options((h) => hints.push(h)));
    const none = answering(200, '{"data":{"a":1}}');
    await new SignedDataSource({ url: 'http://127.0.0.1:1/graphql', fetcher: none.fetcher }, 'portal').process(options((h) => hints.push(h)));
    expect(hints).toEqual([{ maxAge: 60, scope: 'PUBLIC' }, { maxAge: 0 }]);
  });

  it('answers a subgraph’s GraphQL error answer with its errors, and a dead subgraph with a coded error', async () => {
    const bad = answering(400, '{"errors":[{"message":"bad date","extensions":{"code":"BAD_USER_INPUT"}}]}');
    const res = await new SignedDataSource({ url: 'http://127.0.0.1:1/graphql', fetcher: bad.fetcher }, 'portal').process(options());
    expect(res.errors).toEqual([{ message: 'bad date', extensions: { code: 'BAD_USER_INPUT' } }]);
    const down = answering(502, 'Bad Gateway', { 'content-type': 'text/plain' });
    const res2 = await new SignedDataSource({ url: 'http://127.0.0.1:1/graphql', fetcher: down.fetcher }, 'portal').process(options());
    expect(res2.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    const notJson = answering(200, '"just a string"');
    const res3 = await new SignedDataSource({ url: 'http://127.0.0.1:1/graphql', fetcher: notJson.fetcher }, 'portal').process(options());
    expect(res3.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
  });

  it('reads Cache-Control exactly as Apollo Gateway does', () => {
    const stock = (h: string | null) => {
      const parsed = parseCacheControlHeader(h);
      const hint: { maxAge: number; scope?: string } = { maxAge: 0 };
      const maxAge = parsed['max-age'];
      if (typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge)) hint.maxAge = +maxAge;
      if (parsed.private === true) hint.scope = 'PRIVATE';
      if (parsed.public === true) hint.scope = 'PUBLIC';
      return hint;
    };
    for (const h of [
      null,
      '',
      'max-age=60',
      'public, max-age=30',
      'private',
      'max-age=10, private, public',
      ' max-age = "5" , public ',
      'max-age=abc',
      'no-store',
      'max-age=1, max-age=2',
    ]) {
      expect(cacheHintOf(h)).toEqual(stock(h));
    }
  });
});

describe('PlainHeaders', () => {
  it('behaves as Headers for what the gateway uses', () => {
    const h = new PlainHeaders({ 'Content-Type': 'application/json', 'x-many': ['a', 'b'] });
    expect(h.get('content-type')).toBe('application/json');
    expect(h.get('X-Many')).toBe('a, b');
    h.set('X-Hub-Audience', 'portal');
    h.append('x-many', 'c');
    expect(h.has('x-hub-audience')).toBe(true);
    expect(h.get('x-many')).toBe('a, b, c');
    h.delete('x-many');
    expect(h.get('x-many')).toBeNull();
    expect(h.toObject()).toEqual({ 'content-type': 'application/json', 'x-hub-audience': 'portal' });
    expect([...new PlainHeaders(new Headers({ A: '1' }))]).toEqual([['a', '1']]);
  });
});
