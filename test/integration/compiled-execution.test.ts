// Compiled execution (subgraphs/kit/compiled-execution.ts, graphql-jit) answers exactly as
// graphql-js's interpreter: two portal subgraphs on one seeded database, one compiled (the
// default) and one interpreted (SUBGRAPH_EXECUTION=interpreted), each asked the same calls —
// lists with relations, every content kind through the ContentItem interface and fragments,
// federation's `_entities` and `_service`, aliases, @skip/@include, introspection, a signed-in
// editor, and failures: resolver errors, variables of the wrong type, missing or null — and the
// status, headers and whole body compared. The compiled one's second answer to a query is a known
// query's (subgraphs/kit/known-queries.ts: no Apollo Server pipeline) when it has no errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDefinedSubgraph } from '../../subgraphs/kit/define.ts';
import type { PortalRuntime } from '../../subgraphs/portal/context.ts';
import type { Actor, SignedContext } from '../../schema/security/signed-context.ts';
import { signedFor } from '../harness/signing.ts';
import { startPortal, usePortal } from '../harness/portal.ts';
import { EDITOR_A } from '../harness/content.ts';
import { FRONT_PAGE } from '../../scripts/bench/queries.ts';

const compiled = usePortal();
let interpreted: RunningDefinedSubgraph<PortalRuntime>;

beforeAll(async () => {
  const before = process.env.SUBGRAPH_EXECUTION;
  process.env.SUBGRAPH_EXECUTION = 'interpreted';
  try {
    interpreted = await startPortal(compiled.db);
  } finally {
    if (before === undefined) delete process.env.SUBGRAPH_EXECUTION;
    else process.env.SUBGRAPH_EXECUTION = before;
  }
});
afterAll(async () => interpreted?.close());

it('one of each', () => {
  expect(compiled.server.execution).toBe('compiled');
  expect(interpreted.execution).toBe('interpreted');
});

async function call(url: string, query: string, variables: Record<string, unknown> = {}, actor: Actor = { roles: [] }) {
  const body = JSON.stringify({ query, variables });
  const context: SignedContext = { requestId: 'compiled-vs-interpreted', actor };
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signedFor(url, context, body) }, body });
  // Print and PDF links name the subgraph's own origin: the one difference allowed.
  const text = (await res.text()).replaceAll(new URL(url).origin, 'ORIGIN');
  return {
    status: res.status,
    cacheControl: res.headers.get('cache-control'),
    contentType: res.headers.get('content-type'),
    body: JSON.parse(text) as { data?: unknown; errors?: { extensions?: { code?: string } }[] },
  };
}

/**
 * The same call to both, twice to the compiled one (an operation is compiled the second time it
 * is seen: the first answer is interpreted by Apollo Server, the second one a known query's when
 * it has no errors); every answer must be equal. Returns the compiled one.
 */
async function same(query: string, variables: Record<string, unknown> = {}, actor?: Actor) {
  const first = await call(compiled.url, query, variables, actor);
  const known = compiled.server.knownQueryAnswers();
  const a = await call(compiled.url, query, variables, actor);
  const b = await call(interpreted.url, query, variables, actor);
  expect(a).toEqual(b);
  expect(first).toEqual(b);
  expect(compiled.server.knownQueryAnswers() - known).toBe(a.status === 200 && !a.body.errors ? 1 : 0);
  expect(interpreted.knownQueryAnswers()).toBe(0);
  return a;
}

const EVERY_KIND = `query Items($first: Int!, $kinds: [ContentKind!]) {
  contentItems(first: $first, filter: { kinds: $kinds }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      __typename id kind slug state version publishedAt subjects isReused translationStatus requirement categoryPoint
      contentCategory
      title { vi en } summary { vi en } body { vi en }
      source { name url author }
      agency { __typename slug name { vi } parent { slug } }
      files { fileName mediaType byteSize }
      dublinCore { title identifier }
      printUrl pdfUrl
      ... on Article { category { slug name { vi } } attachments { fileName } }
      ...Rest
    }
  }
}
fragment Rest on ContentItem { trigger { __typename } deadline { __typename } returnReasons }`;

describe('compiled execution answers as graphql-js does', () => {
  it('the front page', async () => {
    const answer = await same(FRONT_PAGE.query, FRONT_PAGE.variables);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect((answer.body.data as { articles: { nodes: unknown[] } }).articles.nodes.length).toBeGreaterThan(0);
  });

  it('every kind through the ContentItem interface, fragments and aliases; anonymous and an editor', async () => {
    const all = await same(EVERY_KIND, { first: 100 });
    expect(all.body.errors).toBeUndefined();
    const typenames = new Set((all.body.data as { contentItems: { nodes: { __typename: string }[] } }).contentItems.nodes.map((n) => n.__typename));
    expect(typenames.size).toBeGreaterThan(3);
    await same(EVERY_KIND, { first: 50, kinds: ['ARTICLE', 'DIRECTIVE'] }, EDITOR_A);
    await same(`{ first: agencies(first: 2) { nodes { slug } } second: agencies(first: 3, filter: { rootsOnly: true }) { nodes { s: slug n: name { vi } } } }`);
  });

  it('@skip and @include, on fields and fragments, from variables', async () => {
    const q = `query($yes: Boolean!, $no: Boolean!) {
      agencies(first: 5) { nodes { slug code @include(if: $yes) phone @skip(if: $yes) ...F @include(if: $no) ... on Agency @skip(if: $no) { email } } }
    }
    fragment F on Agency { website }`;
    await same(q, { yes: true, no: false });
    await same(q, { yes: false, no: true });
  });

  it('federation: _entities for several types (one unknown id) and _service', async () => {
    const list = await call(compiled.url, '{ agencies(first: 3) { nodes { id } } articles(first: 2) { nodes { id } } }');
    const data = list.body.data as { agencies: { nodes: { id: string }[] }; articles: { nodes: { id: string }[] } };
    const representations = [
      ...data.agencies.nodes.map((a) => ({ __typename: 'Agency', id: a.id })),
      ...data.articles.nodes.map((a) => ({ __typename: 'Article', id: a.id })),
      { __typename: 'Agency', id: '00000000-0000-4000-8000-000000000000' },
    ];
    const entities = await same(
      `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Agency { slug name { vi } officials { fullName } } ... on Article { slug title { vi } } } }`,
      { r: representations },
    );
    expect((entities.body.data as { _entities: unknown[] })._entities).toHaveLength(representations.length);
    await same('{ _service { sdl } }');
  });

  it('introspection and __typename', async () => {
    await same('{ __typename }');
    await same('{ __schema { queryType { name } types { name kind } } __type(name: "ContentItem") { possibleTypes { name } } }');
  });

  it('failures: resolver errors, bad and missing variables, nulls for non-null', async () => {
    const tooMany = await same('{ articles(first: 1000) { totalCount } }');
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await same('{ articles(first: 0) { totalCount } nodes: agencies(first: 1) { totalCount } }');
    const wrongType = await same('query($n: Int!) { articles(first: $n) { totalCount } }', { n: 'ten' });
    expect(wrongType.status).toBe(400);
    await same('query($n: Int!) { articles(first: $n) { totalCount } }', {});
    await same('query($n: Int!) { articles(first: $n) { totalCount } }', { n: null });
    await same('query($k: [ContentKind!]) { contentItems(first: 1, filter: { kinds: $k }) { totalCount } }', { k: ['NOT_A_KIND'] });
    await same('{ agency(slug: "no-such-agency") { slug } contentItem(id: "not-a-uuid") { id } }');
    await same('{ agency(slug: "a", id: "b") { slug } }');
  });
});
