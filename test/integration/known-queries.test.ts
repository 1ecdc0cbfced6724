// Known queries (subgraphs/kit/known-queries.ts): once Apollo Server has answered a query, the
// same query under the same headers is answered without its pipeline — with the same status,
// body and headers, byte for byte. A small subgraph on 127.0.0.1 whose resolvers count their
// calls: every call below is made twice or more, the first answered by Apollo Server, and the
// answers compared whole; errors go through Apollo Server without a resolver running twice.
import { buildSchema, GraphQLError, type GraphQLSchema } from 'graphql';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server.ts';
import { KnownQueries, knownQueryRequest } from '../../subgraphs/kit/known-queries.ts';
import { compiledExecutor } from '../../subgraphs/kit/compiled-execution.ts';
import type { Actor, SignedContext } from '../../schema/security/signed-context.ts';
import { knowSubgraph, signedFor, testTrust } from '../harness/signing.ts';

const calls = { agencies: 0, fails: 0, bump: 0 };

function countingSchema(): GraphQLSchema {
  const schema = buildSchema(`
    type Agency { slug: String! name: String! }
    type Query { agencies(first: Int!): [Agency!]! fails: String whoami: String }
    type Mutation { bump: Int! }
  `);
  const query = schema.getQueryType()!.getFields();
  query.agencies!.resolve = (_s, args: { first: number }) => {
    calls.agencies += 1;
    if (args.first > 50) throw new GraphQLError('At most 50.', { extensions: { code: 'BAD_USER_INPUT' } });
    return Array.from({ length: args.first }, (_, i) => ({ slug: `a-${i}`, name: `Sở ${i}` }));
  };
  query.fails!.resolve = () => {
    calls.fails += 1;
    throw new Error('database said no');
  };
  query.whoami!.resolve = (_s, _a, ctx: { actor: Actor }) => ctx.actor.id ?? 'anonymous';
  schema.getMutationType()!.getFields().bump!.resolve = () => (calls.bump += 1);
  return schema;
}

let subgraph: RunningSubgraph;
beforeAll(async () => {
  subgraph = knowSubgraph(
    await startSubgraph({
      name: 'portal',
      federated: { schema: countingSchema(), sdl: '' },
      trust: testTrust(),
      logger: pino({ level: 'silent' }),
      createContext: (signed) => ({ actor: signed.actor }),
      cache: { defaultMaxAge: 60 },
    }),
  );
});
afterAll(async () => subgraph?.close());

const ANONYMOUS: Actor = { roles: [] };
const EDITOR: Actor = { id: 'editor-1', roles: ['EDITOR'] };
/** Headers a connection adds or that change with the clock. */
const TRANSPORT = new Set(['date', 'connection', 'keep-alive']);

async function call(body: unknown, { actor = ANONYMOUS, headers = {} as Record<string, string> } = {}) {
  const text = JSON.stringify(body);
  const context: SignedContext = { requestId: 'known-queries', actor };
  const res = await fetch(subgraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers, ...signedFor(subgraph.url, context, text) },
    body: text,
  });
  return {
    status: res.status,
    headers: Object.fromEntries([...res.headers].filter(([k]) => !TRANSPORT.has(k))),
    body: await res.text(),
  };
}

/** The answers to `times` identical calls, and how many of them were known-query answers. */
async function repeated(body: unknown, times = 3, opts: Parameters<typeof call>[1] = {}) {
  const before = subgraph.knownQueryAnswers();
  const answers = [];
  for (let i = 0; i < times; i++) answers.push(await call(body, opts));
  return { answers, known: subgraph.knownQueryAnswers() - before };
}

describe('a query answered again is answered without Apollo Server, exactly as Apollo Server answered it', () => {
  it('data: same status, body and headers; public answers keep their cache hint', async () => {
    const { answers, known } = await repeated({ query: 'query Front($n: Int!) { agencies(first: $n) { slug name } }', variables: { n: 3 } }, 4);
    expect(known).toBe(3);
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]!.status).toBe(200);
    expect(answers[0]!.headers['cache-control']).toBe('max-age=60, public');
    expect(answers[0]!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(answers[0]!.body)).toEqual({ data: { agencies: [0, 1, 2].map((i) => ({ slug: `a-${i}`, name: `Sở ${i}` })) } });
  });

  it('other variables of a known query are answered with their own data', async () => {
    const q = 'query Front($n: Int!) { agencies(first: $n) { slug } }';
    await call({ query: q, variables: { n: 1 } });
    const before = subgraph.knownQueryAnswers();
    const two = await call({ query: q, variables: { n: 2 } });
    expect(subgraph.knownQueryAnswers()).toBe(before + 1);
    expect(JSON.parse(two.body).data.agencies).toHaveLength(2);
  });

  it('a signed-in caller: never cacheable, even for a query learned from the public', async () => {
    const q = { query: '{ whoami agencies(first: 1) { slug } }' };
    const publicAnswers = await repeated(q, 2);
    expect(publicAnswers.answers[1]!.headers['cache-control']).toBe('max-age=60, public');
    const staff = await repeated(q, 2, { actor: EDITOR });
    expect(staff.known).toBe(2);
    for (const a of staff.answers) {
      expect(a.headers['cache-control']).toBe('no-store');
      expect(JSON.parse(a.body).data.whoami).toBe('editor-1');
    }
  });

  it('a query that resolves no field (only __typename): no-store, as Apollo Server says', async () => {
    const { answers, known } = await repeated({ query: '{ __typename }' });
    expect(known).toBe(2);
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]!.headers['cache-control']).toBe('no-store');
  });

  it('resolver errors: Apollo Server formats and masks them, and no resolver runs twice', async () => {
    const before = { ...calls };
    const { answers, known } = await repeated({ query: '{ fails agencies(first: 60) { slug } }' });
    expect(known).toBe(0);
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(calls.fails - before.fails).toBe(3);
    expect(calls.agencies - before.agencies).toBe(3);
    const body = JSON.parse(answers[0]!.body) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors.map((e) => e.extensions.code).sort()).toEqual(['BAD_USER_INPUT', 'INTERNAL_SERVER_ERROR']);
    expect(answers[0]!.body).not.toContain('database said no');
    expect(answers[0]!.headers['cache-control']).toBe('no-store');
  });

  it('refused variables: the same 400 every time, no resolver run', async () => {
    const before = calls.agencies;
    const q = 'query Front($n: Int!) { agencies(first: $n) { slug } }';
    await call({ query: q, variables: { n: 1 } }); // known now
    const { answers } = await repeated({ query: q, variables: { n: 'ten' } });
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]!.status).toBe(400);
    expect(answers[0]!.body).toContain('BAD_USER_INPUT');
    const missing = await repeated({ query: q, variables: {} });
    for (const a of missing.answers) expect(a).toEqual(missing.answers[0]);
    expect(missing.answers[0]!.status).toBe(400);
    expect(calls.agencies - before).toBe(1);
  });

  it('invalid queries are never known: validation errors every time', async () => {
    const { answers, known } = await repeated({ query: '{ agencies(first: 1) { nope } }' });
    expect(known).toBe(0);
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]!.status).toBe(400);
    expect(answers[0]!.body).toContain('GRAPHQL_VALIDATION_FAILED');
  });

  it('mutations always go through Apollo Server', async () => {
    const before = calls.bump;
    const { answers, known } = await repeated({ query: 'mutation { bump }' });
    expect(known).toBe(0);
    expect(calls.bump - before).toBe(3);
    expect(answers.map((a) => JSON.parse(a.body).data.bump)).toEqual([before + 1, before + 2, before + 3]);
    expect(answers[2]!.headers['cache-control']).toBe('no-store');
  });

  it('a document of several operations: each name is its own known query', async () => {
    const query = 'query A { agencies(first: 1) { slug } } query B { agencies(first: 2) { name } }';
    const a = await repeated({ query, operationName: 'A' }, 2);
    const b = await repeated({ query, operationName: 'B' }, 2);
    expect(a.known + b.known).toBe(2);
    expect(JSON.parse(a.answers[1]!.body)).toEqual({ data: { agencies: [{ slug: 'a-0' }] } });
    expect(JSON.parse(b.answers[1]!.body)).toEqual({ data: { agencies: [{ name: 'Sở 0' }, { name: 'Sở 1' }] } });
    const neither = await repeated({ query }, 2);
    expect(neither.known).toBe(0);
    expect(neither.answers[0]!.status).toBe(400);
  });

  it('content negotiation is Apollo Server’s: each accept header learned from its answer, refused ones never', async () => {
    const q = { query: '{ agencies(first: 1) { slug } }' };
    const gql = await repeated(q, 3, { headers: { accept: 'application/graphql-response+json' } });
    expect(gql.known).toBe(2);
    for (const a of gql.answers) expect(a).toEqual(gql.answers[0]);
    expect(gql.answers[0]!.headers['content-type']).toBe('application/graphql-response+json; charset=utf-8');
    const html = await repeated(q, 2, { headers: { accept: 'text/html' } });
    expect(html.known).toBe(0);
    for (const a of html.answers) expect(a.status).toBe(406);
  });

  it('only JSON bodies: a form-like content type keeps Apollo Server’s CSRF prevention every time', async () => {
    const q = { query: '{ agencies(first: 1) { slug } }' };
    const preflighted = await repeated(q, 2, { headers: { 'content-type': 'text/plain', 'apollo-require-preflight': 'yes' } });
    expect(preflighted.known).toBe(0);
    for (const a of preflighted.answers) expect(a.status).toBe(200);
    const bare = await repeated(q, 2, { headers: { 'content-type': 'text/plain' } });
    expect(bare.known).toBe(0);
    for (const a of bare.answers) expect(a.status).toBe(400);
  });

  it('requests with extensions (persisted queries …) stay Apollo Server’s', async () => {
    const { known } = await repeated({ query: '{ agencies(first: 1) { slug } }', extensions: {} });
    expect(known).toBe(0);
  });
});

describe('what is remembered is bounded', () => {
  it('a flood of distinct queries keeps at most 500 of them', async () => {
    const schema = countingSchema();
    const known = new KnownQueries(compiledExecutor(schema), { defaultMaxAge: 60 });
    const hooks = await known.plugin().requestDidStart!({} as never);
    const { parse } = await import('graphql');
    for (let i = 0; i < 600; i++) {
      const query = `{ a${i}: agencies(first: 1) { slug } }`;
      const document = parse(query);
      const operation = document.definitions[0] as never;
      await hooks!.didResolveOperation!({ request: { query }, document, operation } as never);
    }
    expect(known.size).toBe(500);
    // The newest are kept.
    const newest = await known.execute(knownQueryRequest({ query: '{ a599: agencies(first: 1) { slug } }' })!, { actor: ANONYMOUS });
    expect(newest && 'body' in newest && JSON.parse(newest.body)).toEqual({ data: { a599: [{ slug: 'a-0' }] } });
    expect(await known.execute(knownQueryRequest({ query: '{ a0: agencies(first: 1) { slug } }' })!, { actor: ANONYMOUS })).toBeUndefined();
  });

  it('bodies not in the gateway’s form are not known-query requests', () => {
    expect(knownQueryRequest([{ query: '{ a }' }])).toBeUndefined();
    expect(knownQueryRequest({ query: 1 })).toBeUndefined();
    expect(knownQueryRequest({ query: '{ a }', variables: [] })).toBeUndefined();
    expect(knownQueryRequest({ query: '{ a }', operationName: 3 })).toBeUndefined();
    expect(knownQueryRequest({ query: '{ a }', extensions: { persistedQuery: {} } })).toBeUndefined();
    expect(knownQueryRequest({ query: '{ a }', variables: null, operationName: null })).toEqual({ query: '{ a }', operationName: null, variables: {} });
  });
});
