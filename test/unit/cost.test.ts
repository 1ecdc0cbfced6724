// The demand-control formula (gateway/cost.ts) on a small schema, against the GraphQL cost
// directive specification as Apollo Router and Hive Gateway apply it.
import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costDirectivesOf } from '../../gateway/cost-directives.ts';
import { ApolloServer } from '@apollo/server';
import { COST_CACHE_VARIABLE_SETS, CostCache, operationCost, queryBudgetPlugin } from '../../gateway/cost.ts';

const SDL = `
directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
type Query {
  docs(first: Int): DocPage! @listSize(assumedSize: 20, slicingArguments: ["first"], sizedFields: ["nodes"], requireOneSlicingArgument: false)
  feed: [Item!]! @listSize(assumedSize: 3)
  tags: [String!]!
  expensive: Int @cost(weight: 50)
}
type Mutation { touch: Boolean }
type DocPage { nodes: [Doc!]! totalCount: Int! }
type Doc { title: String! related(first: Int): DocPage! @listSize(assumedSize: 20, slicingArguments: ["first"], sizedFields: ["nodes"], requireOneSlicingArgument: false) author: Person }
type Person { name: String }
interface Item { id: ID! }
type Small implements Item { id: ID! }
type Big implements Item { id: ID! a: Person b: Person c: Person }
`;
const schema = buildSchema(SDL);
const directives = costDirectivesOf(SDL);
const budget = { maxCost: 1_000_000, maxPageSize: 100, defaultListSize: 10 };

function cost(query: string, variables: Record<string, unknown> = {}) {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  return operationCost(schema, op, fragments, variables, directives, budget)!;
}

describe('operationCost', () => {
  it('scalars cost 0, objects 1, @cost weights replace the default', () => {
    expect(cost('{ tags expensive }').cost).toBe(0 + 50);
    expect(cost('{ docs { totalCount } }').cost).toBe(1);
  });

  it('sizes a page by its slicing argument, else by assumedSize, applied to the sized field', () => {
    expect(cost('{ docs(first: 7) { nodes { title } } }').cost).toBe(1 + 7 * 1);
    expect(cost('{ docs { nodes { title } } }').cost).toBe(1 + 20 * 1);
    expect(cost('{ tagsAlias: tags }').cost).toBe(0);
  });

  it('uses the coerced variable value, the default value included', () => {
    const q = 'query Q($n: Int = 50) { docs(first: $n) { nodes { author { name } } } }';
    expect(cost(q).cost).toBe(1 + 50 * (1 + 1));
    expect(cost(q, { n: 2 }).cost).toBe(1 + 2 * (1 + 1));
  });

  it('multiplies nested lists', () => {
    expect(cost('{ docs(first: 100) { nodes { related(first: 100) { nodes { title } } } } }').cost).toBe(1 + 100 * (1 + 1 + 100 * 1));
  });

  it('costs an abstract type by its most expensive possible type', () => {
    const q = '{ feed { id ... on Small { id } ... on Big { a { name } b { name } c { name } } } }';
    expect(cost(q).cost).toBe(3 * (1 + 3));
  });

  it('counts a mutation’s base cost of 10', () => {
    expect(cost('mutation { touch }').cost).toBe(10);
  });

  it('flags page sizes outside 1..max, from literals, variables and defaults', () => {
    expect(cost('{ docs(first: 101) { totalCount } }').pageSizeRefused).toBe(true);
    expect(cost('{ docs(first: 0) { totalCount } }').pageSizeRefused).toBe(true);
    expect(cost('query Q($n: Int = -3) { docs(first: $n) { totalCount } }').pageSizeRefused).toBe(true);
    expect(cost('query Q($n: Int) { docs(first: $n) { totalCount } }', { n: 100 }).pageSizeRefused).toBe(false);
  });
});

describe('the cost cache (queryBudgetPlugin)', () => {
  // A real Apollo Server pipeline: its document cache hands the same parsed document to the
  // plugin on every request of the same query text, so the second request is a cache hit.
  const typeDefs = `
    directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
    type Query {
      docs(first: Int): [Doc!]! @listSize(slicingArguments: ["first"], requireOneSlicingArgument: false)
      other(first: Int): [Doc!]! @listSize(slicingArguments: ["first"], requireOneSlicingArgument: false)
    }
    type Doc { title: String! related(first: Int): [Doc!]! @listSize(slicingArguments: ["first"], requireOneSlicingArgument: false) }`;
  const resolvers = { Query: { docs: () => [], other: () => [] }, Doc: { related: () => [] } };

  async function server(maxCost: number) {
    const cache = new CostCache();
    const apollo = new ApolloServer({
      typeDefs,
      resolvers,
      plugins: [queryBudgetPlugin({ maxCost, maxPageSize: 100, defaultListSize: 10 }, { cache, directives: costDirectivesOf(typeDefs) })],
    });
    await apollo.start();
    const run = async (query: string, variables?: Record<string, unknown>, operationName?: string) => {
      const res = await apollo.executeOperation({ query, variables, operationName });
      const body = res.body.kind === 'single' ? res.body.singleResult : undefined;
      return body?.errors?.[0]?.extensions?.code ?? 'OK';
    };
    return { apollo, cache, run };
  }

  it('refuses a too costly query on every request, the cached ones included', async () => {
    const { apollo, cache, run } = await server(500);
    const q = '{ docs(first: 100) { related(first: 100) { title } } }';
    expect(await run(q)).toBe('QUERY_TOO_COMPLEX');
    expect(await run(q)).toBe('QUERY_TOO_COMPLEX');
    expect(await run(q)).toBe('QUERY_TOO_COMPLEX');
    expect(cache.hits).toBe(2);
    expect(cache.misses).toBe(1);
    await apollo.stop();
  });

  it('keys by variables: the same document with other variables is judged again', async () => {
    const { apollo, cache, run } = await server(500);
    const q = 'query Q($n: Int!) { docs(first: $n) { related(first: $n) { title } } }';
    expect(await run(q, { n: 10 })).toBe('OK'); // 10 × (1 + 10) = 110
    expect(await run(q, { n: 100 })).toBe('QUERY_TOO_COMPLEX'); // 100 × 101
    expect(await run(q, { n: 10 })).toBe('OK');
    expect(await run(q, { n: 100 })).toBe('QUERY_TOO_COMPLEX');
    expect(await run(q, { n: 101 })).toBe('BAD_USER_INPUT'); // page size refused, cached or not
    expect(await run(q, { n: 101 })).toBe('BAD_USER_INPUT');
    expect(cache.misses).toBe(3);
    expect(cache.hits).toBe(3);
    await apollo.stop();
  });

  it('keys by operation name: two operations of one document have their own costs', async () => {
    const { apollo, run } = await server(500);
    const q = 'query Cheap { docs(first: 2) { title } } query Dear { other(first: 100) { related(first: 100) { title } } }';
    expect(await run(q, undefined, 'Cheap')).toBe('OK');
    expect(await run(q, undefined, 'Dear')).toBe('QUERY_TOO_COMPLEX');
    expect(await run(q, undefined, 'Cheap')).toBe('OK');
    expect(await run(q, undefined, 'Dear')).toBe('QUERY_TOO_COMPLEX');
    await apollo.stop();
  });

  it('remembers a bounded number of variable sets per document', async () => {
    const { apollo, cache, run } = await server(1_000_000);
    const q = 'query Q($n: Int!) { docs(first: $n) { title } }';
    for (let n = 1; n <= COST_CACHE_VARIABLE_SETS + 5; n++) expect(await run(q, { n })).toBe('OK');
    expect(await run(q, { n: 1 })).toBe('OK'); // evicted: computed again
    expect(await run(q, { n: COST_CACHE_VARIABLE_SETS + 5 })).toBe('OK'); // still there
    expect(cache.misses).toBe(COST_CACHE_VARIABLE_SETS + 6);
    expect(cache.hits).toBe(1);
    await apollo.stop();
  });

  it('forgets every cost when the schema changes', () => {
    const cache = new CostCache();
    const doc = parse('{ docs { title } }');
    const op = doc.definitions[0] as OperationDefinitionNode;
    let computed = 0;
    const compute = () => ((computed += 1), { cost: computed, pageSizeRefused: false });
    expect(cache.judge(schema, doc, op, {}, compute)?.cost).toBe(1);
    expect(cache.judge(schema, doc, op, {}, compute)?.cost).toBe(1);
    expect(cache.judge(buildSchema(SDL), doc, op, {}, compute)?.cost).toBe(2);
    cache.reset();
    expect(cache.judge(schema, doc, op, {}, compute)?.cost).toBe(3);
  });
});
