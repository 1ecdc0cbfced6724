// SECURITY-MATRIX A1–A14, A17 against the production gateway: every hostile document is
// refused with 400, a registered code, no limit value, and not one request reaches a subgraph;
// realistic frontend queries still pass (each refusal has a passing twin).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTION_ENV, startTestHub, type TestHub } from '../harness/hub.ts';
import { expectNoLeaks, expectRejected, gql, post, type HttpResult } from './support/http.ts';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub({ env: PRODUCTION_ENV });
});
afterAll(() => t?.stop());

const portalCalls = () => t.proxies.portal!.graphqlRequests;

/** Send, and assert the refusal and that the portal subgraph saw nothing. */
async function refused(query: string, status: number, code: string, variables?: Record<string, unknown>): Promise<HttpResult> {
  t.proxies.portal!.reset();
  const res = await gql(t.url, query, { variables });
  expectRejected(res, status, code);
  expect(portalCalls(), 'a rejected query reached the subgraph').toBe(0);
  return res;
}

async function served(query: string, variables?: Record<string, unknown>): Promise<HttpResult> {
  t.proxies.portal!.reset();
  const res = await gql(t.url, query, { variables });
  expect({ status: res.status, errors: res.body.errors }).toEqual({ status: 200, errors: undefined });
  expect(portalCalls()).toBeGreaterThan(0);
  return res;
}

const nested = (field: string, levels: number, leaf: string) => `${field} { `.repeat(levels) + leaf + ' }'.repeat(levels);

describe('depth (A1, A2)', () => {
  it('refuses 12 levels of parent', () => refused(`{ agencies(first: 1) { nodes { ${nested('parent', 12, 'slug')} } } }`, 400, 'QUERY_TOO_COMPLEX'));
  it('refuses 12 levels of children', () => refused(`{ agency(slug: "ubnd-tinh-phu-tho") { ${nested('children', 12, 'slug')} } }`, 400, 'QUERY_TOO_COMPLEX'));
  it('serves a legal depth', () => served(`{ agencies(first: 1) { nodes { ${nested('parent', 4, 'slug')} } } }`));

  it('refuses depth hidden in named fragments', () => {
    const chain = Array.from({ length: 12 }, (_, i) => `fragment F${i} on Agency { parent { ${i < 11 ? `...F${i + 1}` : 'slug'} } }`).join('\n');
    return refused(`{ agency(slug: "so-tu-phap-phu-tho") { ...F0 } }\n${chain}`, 400, 'QUERY_TOO_COMPLEX');
  });

  it('refuses depth hidden in inline fragments', () =>
    refused(`{ agency(slug: "so-tu-phap-phu-tho") { ${nested('... on Agency { parent', 12, 'slug')} ${' }'.repeat(12)} } }`, 400, 'QUERY_TOO_COMPLEX'));
});

describe('width (A3, A6, A8, A12)', () => {
  it('refuses 100 aliases', () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: articles(first: 1) { totalCount }`).join(' ');
    return refused(`{ ${aliases} }`, 400, 'QUERY_TOO_COMPLEX');
  });
  it('serves a few aliases', () => served(`{ a: articles(first: 1) { totalCount } b: agencies(first: 1) { totalCount } }`));

  it('refuses 500 directives on one field (too many tokens before any rule runs)', () =>
    refused(`{ articles { totalCount ${'@include(if: true) '.repeat(500)} } }`, 400, 'GRAPHQL_PARSE_FAILED'));

  it('refuses more directives than the limit, each of them legal', () => {
    const fields = [
      'id',
      'slug',
      'state',
      'publishedAt',
      'authorName',
      'isReused',
      'updatedAt',
      'title { vi }',
      'body { vi }',
      'summary { vi }',
      'category { slug }',
      'agency { slug }',
    ];
    // 12 fields × 2 = 24 directives, above the default 20.
    const both = (f: string) => f.replace(/^(\w+)/, '$1 @include(if: true) @skip(if: false)');
    return refused(`{ articles(first: 1) { nodes { ${fields.map(both).join(' ')} } } }`, 400, 'QUERY_TOO_COMPLEX');
  });

  it('refuses one field repeated 5,000 times', () => refused(`{ articles { ${'totalCount '.repeat(5_000)} } }`, 400, 'GRAPHQL_PARSE_FAILED'));

  it('refuses a wide query over every list above the cost budget', () =>
    refused(
      `{ agencies(first: 100) { nodes { slug name { vi } children { slug officials { fullName } } officials { fullName } } }
         officials(first: 100) { nodes { fullName agency { slug } } }
         administrativeUnits(first: 100) { nodes { code children { code children { code } } } }
         articles(first: 100) { nodes { slug attachments { fileName } } } }`,
      400,
      'QUERY_TOO_COMPLEX',
    ));

  it('counts page sizes given as variables', async () => {
    const q = `query($n: Int) { agencies(first: $n) { nodes { children { slug officials { fullName phone email } } } } }`;
    await refused(q, 400, 'QUERY_TOO_COMPLEX', { n: 100 });
    await served(q, { n: 2 });
  });

  it('serves the front page a real frontend sends', async () => {
    const res = await served(FRONT_PAGE, { first: 10 });
    expect((res.body.data?.articles as { nodes: unknown[] }).nodes.length).toBeGreaterThan(0);
  });
  it('serves an agency page with its officials and sub-units', () => served(AGENCY_PAGE, { slug: 'ubnd-tinh-phu-tho' }));
});

describe('size and shape (A7, A9, A10, A11)', () => {
  it('answers ~100 kB of tokens with a parse error, not a 500', async () => {
    const res = await refused(`{ ${'a '.repeat(45_000)} }`, 400, 'GRAPHQL_PARSE_FAILED');
    expect(res.body.errors?.[0]?.message).not.toMatch(/token/i);
  });

  it('refuses circular fragments', () =>
    refused(`{ articles { ...A } } fragment A on ArticlePage { totalCount ...B } fragment B on ArticlePage { ...A }`, 400, 'GRAPHQL_VALIDATION_FAILED'));

  it('refuses a fragment bomb quickly', async () => {
    const frags = Array.from({ length: 30 }, (_, i) => `fragment F${i} on ArticlePage { ${i < 29 ? `...F${i + 1} ...F${i + 1}` : 'totalCount'} }`);
    const res = await refused(`{ articles { ...F0 } }\n${frags.join('\n')}`, 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(res.ms).toBeLessThan(3_000);
  });

  it('refuses first: 99999999 as BAD_USER_INPUT, literal or variable', async () => {
    await refused(`{ articles(first: 99999999) { totalCount } }`, 400, 'BAD_USER_INPUT');
    await refused(`query($f: Int) { agencies(first: $f) { totalCount } }`, 400, 'BAD_USER_INPUT', { f: 99_999_999 });
    await served(`{ articles(first: 100) { totalCount } }`);
  });
});

describe('demand control on coerced values (A31)', () => {
  const allCalls = () => Object.values(t.proxies).reduce((n, p) => n + p.graphqlRequests, 0);
  const resetAll = () => Object.values(t.proxies).forEach((p) => p.reset());

  async function refusedAnywhere(query: string, code: string, variables?: Record<string, unknown>) {
    resetAll();
    const res = await gql(t.url, query, { variables });
    expectRejected(res, 400, code);
    expect(allCalls(), 'a refused query reached a subgraph').toBe(0);
  }
  async function servedAnywhere(query: string, variables?: Record<string, unknown>) {
    const res = await gql(t.url, query, { variables });
    expect({ status: res.status, errors: res.body.errors }).toEqual({ status: 200, errors: undefined });
    return res;
  }

  const TWO_LEVELS = (def: string) => `query Q($n: Int = ${def}) {
    searchLegalDocuments(first: $n) { nodes { title relations(first: $n) { nodes { type number } } } } }`;

  it('counts a variable’s default value: 100×100 by default is refused, 5×5 served', async () => {
    await refusedAnywhere(TWO_LEVELS('100'), 'QUERY_TOO_COMPLEX');
    await servedAnywhere(TWO_LEVELS('5'));
    await refusedAnywhere(TWO_LEVELS('5'), 'QUERY_TOO_COMPLEX', { n: 100 });
  });

  it('refuses page sizes out of range whether literal, variable or default: above the maximum, zero, negative', async () => {
    for (const [query, variables] of [
      [`query Q($n: Int = 99999999) { articles(first: $n) { totalCount } }`, undefined],
      [`query Q($n: Int = -1) { articles(first: $n) { totalCount } }`, undefined],
      [`{ articles(first: -5) { totalCount } }`, undefined],
      [`{ agencies(first: 0) { totalCount } }`, undefined],
      [`query Q($n: Int) { agencies(first: $n) { totalCount } }`, { n: -100 }],
      [`query Q($n: Int = 5) { searchLegalDocuments(first: 5) { nodes { relations(first: $n) { totalCount } } } }`, { n: 101 }],
    ] as const) {
      await refusedAnywhere(query, 'BAD_USER_INPUT', variables);
    }
  });

  it('multiplies nested lists: five aliases of a 100×100 two-level query are refused, of 10×10 served', async () => {
    const aliased = (n: number) =>
      `{ ${Array.from({ length: 5 }, (_, i) => `a${i}: searchLegalDocuments(first: ${n}) { nodes { relations(first: ${n}) { nodes { type } } } }`).join(' ')} }`;
    await refusedAnywhere(aliased(100), 'QUERY_TOO_COMPLEX');
    await servedAnywhere(aliased(10));
  });

  it('costs an abstract type by its most expensive branch: a nested-union query of ~30 fields is served', async () => {
    const res = await servedAnywhere(`query Feed {
      contentItems(first: 50) { totalCount nodes { __typename id slug publishedAt title { vi en } summary { vi }
        agency { slug name { vi } } files { fileName mediaType url }
        ... on Article { category { slug name { vi } } attachments { fileName } }
        ... on Directive { directionKind documentNumber issuedOn signerName }
        ... on Tender { packageName procuringEntity closingAt project { slug title { vi } } }
        ... on InvestmentProject { field budgetVnd status tenders { slug packageName } }
        ... on ScienceTask { code field leadUnit resultSummary { vi } }
        ... on WorkSchedule { periodStart periodEnd entries { __typename } official { fullName } } } } }`);
    expect((res.body.data?.contentItems as { nodes: unknown[] }).nodes.length).toBeGreaterThan(0);
  });
});

describe('operation selection (A32)', () => {
  const TWO = `query A { articles(first: 1) { totalCount } } query B { agencies(first: 1) { totalCount } }`;
  const send = (body: Record<string, unknown>) => post(t.url, JSON.stringify(body));

  it('answers an unknown operationName with 400 and a stable code, never 500', async () => {
    for (const body of [
      { query: TWO, operationName: 'C' },
      { query: `{ articles(first: 1) { totalCount } }`, operationName: 'Nope' },
      { query: `query A { articles(first: 1) { totalCount } }`, operationName: 'a' },
    ]) {
      t.proxies.portal!.reset();
      expectRejected(await send(body), 400, 'OPERATION_RESOLUTION_FAILURE');
      expect(portalCalls()).toBe(0);
    }
  });

  it('answers a document of several operations without an operationName with 400', async () => {
    t.proxies.portal!.reset();
    expectRejected(await send({ query: TWO }), 400, 'OPERATION_RESOLUTION_FAILURE');
    expect(portalCalls()).toBe(0);
  });

  it('serves the operation named in a document of several', async () => {
    const res = await send({ query: TWO, operationName: 'B' });
    expect({ status: res.status, errors: res.body.errors }).toEqual({ status: 200, errors: undefined });
    expect(res.body.data).toEqual({ agencies: { totalCount: expect.any(Number) } });
  });
});

describe('schema exposure (A13, A14, A17)', () => {
  it('refuses introspection in production', async () => {
    await refused(`{ __schema { types { name } } }`, 400, 'GRAPHQL_VALIDATION_FAILED');
    await refused(`{ __type(name: "Agency") { fields { name } } }`, 400, 'GRAPHQL_VALIDATION_FAILED');
    await served(`{ __typename articles(first: 1) { totalCount } }`);
  });

  it('refuses a misspelled field without suggesting the right one', async () => {
    const res = await refused(`{ articls(first: 1) { totalCount } }`, 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(res.text).not.toMatch(/Did you mean/i);
    expect(res.text).not.toContain('"articles"');
  });

  // Finding 6: no schema hints anywhere in production, variables included.
  it('refuses misspelled input fields and enum values in variables without suggesting names', async () => {
    const cases: [string, Record<string, unknown>][] = [
      [`query A($f: AgencyFilter) { agencies(first: 1, filter: $f) { totalCount } }`, { f: { rootOnly: true } }],
      [`query A($f: AgencyFilter) { agencies(first: 1, filter: $f) { totalCount } }`, { f: { serch: 'so' } }],
      [`query C($f: ContentFilter) { contentItems(first: 1, filter: $f) { totalCount } }`, { f: { kinds: ['ARTICLES'] } }],
      [`query C($k: [ContentKind!]) { contentItems(first: 1, filter: { kinds: $k }) { totalCount } }`, { k: ['DIRECTIVES'] }],
    ];
    for (const [query, variables] of cases) {
      const res = await refused(query, 400, 'BAD_USER_INPUT', variables);
      expect(res.text).not.toMatch(/Did you mean/i);
      expect(res.text).not.toMatch(/"(rootsOnly|search|ARTICLE|DIRECTIVE)\\?"/);
    }
    const literal = await refused(`{ contentItems(first: 1, filter: { kinds: [ARTICLES] }) { totalCount } }`, 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(literal.text).not.toMatch(/Did you mean/i);
  });

  it('refuses _entities and _service', async () => {
    await refused(`{ _service { sdl } }`, 400, 'GRAPHQL_VALIDATION_FAILED');
    await refused(`{ _entities(representations: [{ __typename: "Agency", id: "x" }]) { __typename } }`, 400, 'GRAPHQL_VALIDATION_FAILED');
  });

  it('keeps the process serving after every refusal', async () => {
    const res = await post(t.url, JSON.stringify({ query: '{ articles(first: 1) { totalCount } }' }));
    expect(res.status).toBe(200);
    expectNoLeaks(res.text);
  });
});

const FRONT_PAGE = `query FrontPage($first: Int!) {
  articles(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id slug publishedAt
      title { vi en }
      summary { vi en }
      category { slug name { vi } }
      agency { slug name { vi } }
      attachments { fileName mediaType byteSize }
    }
  }
  articleCategories { slug name { vi en } children { slug name { vi } } }
  agencies(first: 20, filter: { rootsOnly: true }) {
    totalCount
    nodes { slug name { vi } phone email children { slug name { vi } } officials { fullName position { vi } isLeader } }
  }
}`;

const AGENCY_PAGE = `query AgencyPage($slug: String!) {
  agency(slug: $slug) {
    code name { vi en } shortName kind address phone fax email website functions { vi en } validFrom validTo
    parent { slug name { vi } }
    children { slug name { vi } kind }
    officials { fullName position { vi en } unitName phone fax email isLeader biography { vi } duties { vi } }
    administrativeUnit { code name kind }
  }
}`;
