// The demand-control formula (gateway/cost.ts) on a small schema, against the GraphQL cost
// directive specification as Apollo Router and Hive Gateway apply it.
import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costDirectivesOf } from '../../gateway/cost-directives.ts';
import { operationCost } from '../../gateway/cost.ts';

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
