// SECURITY-MATRIX A28 and A29 against the production gateway: a flood of unknown persisted-query
// hashes stores nothing and reaches no subgraph; property-based fuzzing of documents, variables
// and bodies (`__proto__` keys included) only ever gets 200/400/413/415/429 — never a 500 —
// and leaves Object.prototype as it was (the gateway runs in this process, so a pollution
// would show here).
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTION_ENV, startTestHub, type TestHub } from '../harness/hub.ts';
import { expectNoLeaks, post } from './support/http.ts';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub({ env: { ...PRODUCTION_ENV, RATE_LIMIT_PER_MINUTE: '1000000' } });
});
afterAll(() => t?.stop());

const subgraphCalls = () => Object.values(t.proxies).reduce((n, p) => n + p.graphqlRequests, 0);
const resetCalls = () => Object.values(t.proxies).forEach((p) => p.reset());
const apq = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

describe('unknown persisted-query hashes (A28)', () => {
  it('answers 10,000 unknown hashes with PERSISTED_QUERY_NOT_FOUND, stores none, calls no subgraph', async () => {
    resetCalls();
    const hashes = Array.from({ length: 10_000 }, (_, i) => createHash('sha256').update(`unknown-${i}`).digest('hex'));
    const codes = new Map<string, number>();
    for (let i = 0; i < hashes.length; i += 100) {
      const batch = await Promise.all(hashes.slice(i, i + 100).map((h) => post(t.url, JSON.stringify({ extensions: apq(h) }))));
      for (const res of batch) {
        const key = `${res.status} ${String(res.body.errors?.[0]?.extensions?.code)}`;
        codes.set(key, (codes.get(key) ?? 0) + 1);
      }
    }
    expect([...codes.keys()]).toHaveLength(1);
    expect([...codes.keys()][0]).toMatch(/^(200|400|404) PERSISTED_QUERY_NOT_FOUND$/);
    expect(subgraphCalls()).toBe(0);
    // A lookup stores nothing: the first hash is still unknown after the flood.
    const again = await post(t.url, JSON.stringify({ extensions: apq(hashes[0]!) }));
    expect(again.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  }, 240_000);

  it('refuses to store a query under a hash that is not its own', async () => {
    const res = await post(t.url, JSON.stringify({ query: '{ articles(first: 1) { totalCount } }', extensions: apq('0'.repeat(64)) }));
    expect(res.status).toBe(400);
    const lookup = await post(t.url, JSON.stringify({ extensions: apq('0'.repeat(64)) }));
    expect(lookup.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('serves a registered persisted query', async () => {
    const query = '{ articles(first: 1) { totalCount } }';
    const hash = createHash('sha256').update(query).digest('hex');
    expect((await post(t.url, JSON.stringify({ query, extensions: apq(hash) }))).status).toBe(200);
    const res = await post(t.url, JSON.stringify({ extensions: apq(hash) }));
    expect({ status: res.status, errors: res.body.errors }).toEqual({ status: 200, errors: undefined });
  });
});

// --- A29 ---------------------------------------------------------------------------------------

const ALLOWED = new Set([200, 400, 413, 415, 429]);
const NASTY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

const key = fc.oneof(fc.constantFrom(...NASTY_KEYS, 'first', 'f', 'n', 'slug', 'filter', 'asOf', 'kinds'), fc.string({ maxLength: 8 }));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, 0, -1, 1e308, 99_999_999, '', '2026-13-45', 'ARTICLE', '\u0000', '\u202e', 'x'.repeat(300)),
    fc.integer(),
    fc.double(),
    fc.string({ maxLength: 20 }),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(key, tie('v'), { maxKeys: 3 }),
  ),
})).v;
/** Objects whose keys include `__proto__` as an own property, as JSON.parse makes them. */
const variables = fc.dictionary(key, value, { maxKeys: 4 });

const QUERIES = [
  '{ articles(first: 1) { totalCount } }',
  'query Q($n: Int = 5) { agencies(first: $n) { totalCount nodes { slug } } }',
  'query A($f: AgencyFilter) { agencies(first: 2, filter: $f) { totalCount } }',
  'query C($f: ContentFilter, $n: Int) { contentItems(first: $n, filter: $f) { nodes { __typename slug } } }',
  'query U($d: LocalDate, $c: String!) { administrativeUnit(asOf: $d, code: $c) { code } }',
  'query S($slug: String!) { agency(slug: $slug) { slug children { slug } } }',
  'mutation M { __typename }',
];
const TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '...',
  'on',
  'query',
  'fragment',
  '$n',
  ':',
  '@skip',
  'articles',
  'first',
  '__proto__',
  '"',
  '#',
  '!',
  '[',
  ']',
  '=',
  '1e9',
];

const document = fc.oneof(
  fc.constantFrom(...QUERIES),
  fc.string({ maxLength: 200 }),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((ts) => ts.join(' ')),
  fc.tuple(fc.constantFrom(...QUERIES), fc.nat(), fc.string({ maxLength: 10 })).map(([q, at, s]) => q.slice(0, at % (q.length + 1)) + s),
);

const body = fc.oneof(
  fc
    .record({ query: document, variables: fc.option(variables, { nil: undefined }), operationName: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }) })
    .map((b) => JSON.stringify(b)),
  // Raw JSON with `__proto__` where JSON.parse makes it an own key, and bodies of the wrong shape.
  fc
    .tuple(document, fc.constantFrom('__proto__', 'constructor'))
    .map(([q, k]) => `{"query":${JSON.stringify(q)},"${k}":{"polluted":1},"variables":{"${k}":{"polluted":1}}}`),
  fc.constantFrom(
    '',
    'null',
    '[]',
    '"q"',
    '{"query":null}',
    '{"query":1}',
    '{"variables":"x","query":"{ __typename }"}',
    '{"extensions":{"persistedQuery":{"__proto__":{}}}}',
  ),
  fc.string({ maxLength: 100 }),
);

describe('property-based fuzz of documents, variables and bodies (A29)', () => {
  it('answers only 200/400/413/415/429, never 500, and leaves Object.prototype untouched', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const res = await post(t.url, raw);
        expect(ALLOWED.has(res.status), `${res.status} for ${raw.slice(0, 300)}: ${res.text.slice(0, 300)}`).toBe(true);
        expect(res.headers.get('content-type') ?? '').toMatch(/json/);
        expectNoLeaks(res.text);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 200 },
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 240_000);
});
