// Which requests request collapsing (gateway/request-collapse.ts) may share, and under what key:
// the classification alone, on request objects as Express hands them over.
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { canonicalJson, collapseKey } from '../../gateway/collapse-key.ts';

const QUERY = 'query Front($first: Int!) { articles(first: $first) { totalCount } }';

function post(body: unknown, headers: Record<string, string> = {}, actor: unknown = undefined): [Request, Response] {
  const req = { method: 'POST', url: '/', headers: { 'content-type': 'application/json', ...headers }, body } as unknown as Request;
  const res = { locals: { actor } } as unknown as Response;
  return [req, res];
}

function get(params: Record<string, string>, headers: Record<string, string> = {}): [Request, Response] {
  const req = {
    method: 'GET',
    url: `/?${new URLSearchParams(params).toString()}`,
    headers: { 'apollo-require-preflight': 'true', ...headers },
  } as unknown as Request;
  return [req, { locals: {} } as unknown as Response];
}

const key = ([req, res]: [Request, Response]) => collapseKey(req, res, 2_000);

describe('request collapsing: what may share', () => {
  it('an anonymous query by POST or GET has a key; the same request, the same key', async () => {
    const a = await key(post({ query: QUERY, variables: { first: 5 } }));
    expect(a).not.toBeNull();
    expect(await key(post({ query: QUERY, variables: { first: 5 } }))).toBe(a);
    const g = await key(get({ query: QUERY, variables: JSON.stringify({ first: 5 }) }));
    expect(g).not.toBeNull();
    expect(g).not.toBe(a);
  });

  it('never a mutation or subscription, by POST or GET, nor a document naming no runnable query', async () => {
    expect(await key(post({ query: 'mutation M { publishContentItem(id: "x") { id } }' }))).toBeNull();
    expect(await key(get({ query: 'mutation M { publishContentItem(id: "x") { id } }' }))).toBeNull();
    expect(await key(post({ query: 'subscription S { x }' }))).toBeNull();
    // Two operations: the one named decides; without a name, none is collapsed.
    const two = 'query Q { a } mutation M { b }';
    expect(await key(post({ query: two, operationName: 'M' }))).toBeNull();
    expect(await key(post({ query: two, operationName: 'Q' }))).not.toBeNull();
    expect(await key(post({ query: two }))).toBeNull();
    expect(await key(post({ query: '{ not valid' }))).toBeNull();
  });

  it('never with credentials, an idempotency key, a signed-in actor, multipart or unknown body fields', async () => {
    const body = { query: QUERY, variables: { first: 5 } };
    expect(await key(post(body, { authorization: 'Bearer x' }))).toBeNull();
    expect(await key(post(body, { cookie: 'a=b' }))).toBeNull();
    expect(await key(post(body, { 'idempotency-key': 'k' }))).toBeNull();
    expect(await key(post(body, {}, { id: 'editor-a', roles: ['EDITOR'] }))).toBeNull();
    expect(await key(post(body, { accept: 'multipart/mixed; deferSpec=20220824, application/json' }))).toBeNull();
    expect(await key(post({ ...body, extra: 1 }))).toBeNull();
    const [req, res] = post(body);
    expect(await key([{ ...req, method: 'PUT' } as Request, res])).toBeNull();
  });

  it('variables are canonical; variables, operationName, extensions, Accept and locale are in the key; If-None-Match is not', async () => {
    const base = await key(post({ query: QUERY, variables: { first: 5, after: null } }));
    expect(await key(post({ query: QUERY, variables: { after: null, first: 5 } }))).toBe(base);
    expect(await key(post({ query: QUERY, variables: { first: 5, after: null } }, { 'if-none-match': 'W/"x"' }))).toBe(base);
    expect(await key(post({ query: QUERY, variables: { first: 5, after: null } }, { 'accept-language': 'vi-VN' }))).toBe(base);
    const others = [
      post({ query: QUERY, variables: { first: 6, after: null } }),
      post({ query: QUERY, variables: { first: 5, after: null }, operationName: 'Front' }),
      post({ query: QUERY, variables: { first: 5, after: null }, extensions: { x: 1 } }),
      post({ query: QUERY, variables: { first: 5, after: null } }, { accept: 'application/graphql-response+json' }),
      post({ query: QUERY, variables: { first: 5, after: null } }, { 'accept-language': 'en-GB' }),
    ];
    const keys = await Promise.all(others.map(key));
    for (const k of keys) {
      expect(k).not.toBeNull();
      expect(k).not.toBe(base);
    }
    expect(new Set(keys).size).toBe(keys.length);
    expect(canonicalJson({ b: [1, { d: 2, c: 3 }], a: 'x' })).toBe('{"a":"x","b":[1,{"c":3,"d":2}]}');
  });

  it('a persisted query by hash alone only once its text was seen with it (and the hash checked)', async () => {
    const text = 'query Persisted { articles(first: 1) { totalCount } }';
    const sha256Hash = createHash('sha256').update(text).digest('hex');
    const ext = { persistedQuery: { version: 1, sha256Hash } };
    expect(await key(post({ extensions: ext }))).toBeNull();
    // A text that does not match its hash teaches nothing.
    const wrong = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update('other').digest('hex') } };
    expect(await key(post({ query: text, extensions: wrong }))).not.toBeNull();
    expect(await key(post({ extensions: wrong }))).toBeNull();
    expect(await key(post({ query: text, extensions: ext }))).not.toBeNull();
    expect(await key(post({ extensions: ext }))).not.toBeNull();
    // A persisted mutation is never collapsed, by hash or not.
    const mutation = 'mutation PM { publishContentItem(id: "x") { id } }';
    const mext = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(mutation).digest('hex') } };
    expect(await key(post({ query: mutation, extensions: mext }))).toBeNull();
    expect(await key(post({ extensions: mext }))).toBeNull();
  });
});

describe('request collapsing: what it remembers is bounded', () => {
  it('parsed texts and persisted hashes stay under the size bound, however large the texts', async () => {
    const { MAX_PARSED_CHARS, parseCacheSize } = await import('../../gateway/collapse-key.ts');
    // 64 distinct texts of ~256 Ki characters each: 16 Mi characters offered, more than the bound.
    const pad = 'x'.repeat(256 * 1024);
    for (let i = 0; i < 64; i++) {
      const query = `query Q${i} { articles(first: 1) { totalCount } } # ${pad}`;
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      expect(await collapseKey(...post({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }), 1_000_000)).not.toBeNull();
      const size = parseCacheSize();
      expect(size.chars).toBeLessThanOrEqual(MAX_PARSED_CHARS);
      expect(size.persistedChars).toBeLessThanOrEqual(MAX_PARSED_CHARS);
    }
    expect(parseCacheSize().persisted).toBeGreaterThan(0);
  });
});
