// The compiled executor's rule (subgraphs/kit/compiled-execution.ts): an operation is interpreted
// the first time its document is seen and compiled at the second; each document and operation
// name is compiled once; an operation that cannot be compiled stays interpreted; the answers are
// graphql-js's.
import { describe, expect, it } from 'vitest';
import { execute, GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import { ApolloServer } from '@apollo/server';
import { pino } from 'pino';
import { compiledExecutor, compiledSchema } from '../../subgraphs/kit/compiled-execution.ts';
import { maskError } from '../../subgraphs/kit/server.ts';
import { HubError } from '../../schema/errors.ts';

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      hello: { type: GraphQLString, args: { name: { type: GraphQLString } }, resolve: (_root, args: { name?: string }) => `xin chào ${args.name ?? 'bạn'}` },
      twice: { type: GraphQLInt, args: { n: { type: GraphQLInt } }, resolve: async (_root, args: { n: number }) => args.n * 2 },
    },
  }),
});

function request(document: ReturnType<typeof parse>, variables: Record<string, unknown> = {}, operationName: string | null = null) {
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition' && (!operationName || d.name?.value === operationName));
  return { document, operationName, operation, context: {}, request: { variables } } as never;
}

describe('compiled executor', () => {
  it('interprets a document the first time, compiles it the second, and reuses it after', async () => {
    const executor = compiledExecutor(schema);
    const doc = parse('query($n: Int) { hello(name: "Hà") twice(n: $n) }');
    const expected = await execute({ schema, document: doc, variableValues: { n: 21 } });
    expect(await executor(request(doc, { n: 21 }))).toEqual(expected);
    expect(executor.counts).toEqual({ compiled: 0, interpreted: 1, compilations: 0 });
    expect(await executor(request(doc, { n: 21 }))).toEqual(expected);
    expect(await executor(request(doc, { n: 4 }))).toEqual(await execute({ schema, document: doc, variableValues: { n: 4 } }));
    expect(executor.counts).toEqual({ compiled: 2, interpreted: 1, compilations: 1 });
  });

  it('keeps operations of one document apart, and another document (even the same text) apart', async () => {
    const executor = compiledExecutor(schema);
    const doc = parse('query A { hello } query B { twice(n: 1) }');
    for (let i = 0; i < 2; i++) {
      expect(await executor(request(doc, {}, 'A'))).toEqual({ data: { hello: 'xin chào bạn' } });
      expect(await executor(request(doc, {}, 'B'))).toEqual({ data: { twice: 2 } });
    }
    expect(executor.counts.compilations).toBe(2);
    await executor(request(parse('query A { hello }'), {}, 'A'));
    expect(executor.counts.interpreted).toBe(3);
  });

  it('an operation graphql-jit cannot compile stays interpreted, with graphql-js’s answer', async () => {
    const executor = compiledExecutor(schema);
    const doc = parse('query A { hello }');
    const expected = await execute({ schema, document: doc, operationName: 'Missing' });
    expect(expected.errors).toHaveLength(1);
    for (let i = 0; i < 3; i++) expect(await executor(request(doc, {}, 'Missing'))).toEqual(expected);
    expect(executor.counts).toEqual({ compiled: 0, interpreted: 3, compilations: 1 });
  });

  it('variables refused by the compiled query get graphql-js’s errors', async () => {
    const executor = compiledExecutor(schema, 1);
    const doc = parse('query($n: Int) { twice(n: $n) }');
    const compiled = await executor(request(doc, { n: 'zwei' }));
    const interpreted = await execute({ schema, document: doc, variableValues: { n: 'zwei' } });
    expect(executor.counts.compiled).toBe(1);
    expect(compiled.errors?.map((e) => [e.message, e.locations])).toEqual(interpreted.errors?.map((e) => [e.message, e.locations]));
    expect(compiled.data).toBeUndefined();
  });
});

describe('compiled execution behind Apollo Server, errors masked as a subgraph masks them', () => {
  const failing = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        down: {
          type: GraphQLString,
          resolve: async () => {
            throw Object.assign(new Error('Connection terminated unexpectedly'), { code: 'P1001' });
          },
        },
        bug: {
          type: GraphQLString,
          resolve: () => {
            throw new TypeError('x is undefined');
          },
        },
        refused: {
          type: GraphQLString,
          resolve: () => {
            throw new HubError('BAD_USER_INPUT', 'No such page.', { reason: 'TEST' });
          },
        },
        fine: { type: GraphQLString, resolve: () => 'ok' },
      },
    }),
  });

  async function answers(server: ApolloServer) {
    await server.start();
    const out = [];
    // Three times each: interpreted, then compiled (and again).
    for (let i = 0; i < 3; i++) {
      const r = await server.executeOperation({ query: '{ down bug refused fine }' });
      out.push(r.body.kind === 'single' ? r.body.singleResult : null);
    }
    await server.stop();
    return out;
  }

  it('gives the codes graphql-js gives: SERVICE_UNAVAILABLE, INTERNAL_SERVER_ERROR, the HubError’s own', async () => {
    const logger = pino({ level: 'silent' });
    const compiled = await answers(new ApolloServer({ gateway: compiledSchema(failing), formatError: maskError(logger, 't') }));
    const interpreted = await answers(new ApolloServer({ schema: failing, formatError: maskError(logger, 't') }));
    expect(compiled).toEqual(interpreted);
    expect(compiled[2]?.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR', 'BAD_USER_INPUT', 'SERVICE_UNAVAILABLE']);
    expect(compiled[2]?.data).toEqual({ down: null, bug: null, refused: null, fine: 'ok' });
  });
});
