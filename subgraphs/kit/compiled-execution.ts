// Subgraph answers executed by compiled queries (graphql-jit) instead of graphql-js's
// interpreter (issue 13, lighter subgraphs). The gateway sends a subgraph the same few operations
// over and over (its query plans); graphql-jit turns each operation into a JavaScript function
// once — field order, types, nullability, serialisation and error paths resolved at compile
// time — and runs that function on every call: the per-field work graphql-js repeats on every
// answer (collecting fields, looking up types, completing values through generic code) is done
// once. Mercurius (Fastify's GraphQL server) executes the same way. Everything else stays Apollo
// Server's: parsing and validation (cached per query), plugins (cache hints, per-field hooks,
// which see the schema's own resolvers), error formatting and masking, the HTTP answer.
//
// Plugged in through Apollo Server's executor interface (the one @apollo/gateway implements), so
// Apollo Server hands each validated operation to the executor below. An operation is compiled
// the second time it is seen (the first is interpreted: see compiledExecutor) and kept per parsed
// document (a WeakMap on Apollo's cached DocumentNode: a document it forgets takes its compiled
// forms along) and operation name. A query sent again is run by the same compiled form without
// Apollo Server's pipeline (known-queries.ts, through `compiled` below); its errors come back here
// as an already computed result (carryComputedResult) for Apollo Server to format.
//
// `SUBGRAPH_EXECUTION=interpreted` turns it off (graphql-js, as before); the answers of both are
// compared in test/integration/compiled-execution.test.ts.
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  defaultTypeResolver,
  execute,
  getVariableValues,
  GraphQLError,
  isAbstractType,
  type DocumentNode,
  type ExecutionResult,
  type OperationDefinitionNode,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/**
 * graphql-js resolves an interface or union without `resolveType` with its default resolver
 * (the value's `__typename`, else each possible type's `isTypeOf`); graphql-jit needs it named.
 * Setting the default where it is missing changes nothing for graphql-js.
 */
function withDefaultTypeResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) if (isAbstractType(type) && !type.resolveType) type.resolveType = defaultTypeResolver;
  return schema;
}

function asGraphQLJsError(e: GraphQLError): GraphQLError {
  if (e.extensions !== undefined) return e;
  const error = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined });
  (error as { locations?: GraphQLError['locations'] }).locations = e.locations;
  return error;
}

/** Where a context carries a result computed outside Apollo Server (known-queries.ts). */
const COMPUTED_RESULT = Symbol('computed result');

/**
 * Hands the executor a result already computed for this request (known-queries.ts): Apollo
 * Server formats its errors and nothing runs again. An own property of the context, not a
 * WeakMap entry: Apollo Server runs each request on a copy of the context it is given.
 */
export function carryComputedResult<C extends object>(context: C, result: ExecutionResult): C {
  (context as { [COMPUTED_RESULT]?: ExecutionResult })[COMPUTED_RESULT] = result;
  return context;
}

/**
 * An operation compiled: leaf values through each scalar's and enum's own `serialize` (as
 * graphql-js does), errors keeping their `originalError` for Apollo Server's formatting and
 * masking. null when graphql-jit cannot compile it (an error result or a throw): it stays interpreted.
 */
export function compileOperation(schema: GraphQLSchema, document: DocumentNode, operationName: string | null): CompiledQuery | null {
  try {
    const compiled = compileQuery(schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true });
    return isCompiledQuery(compiled) ? compiled : null;
  } catch {
    return null;
  }
}

/** A compiled operation's result as graphql-js would have given it. */
export function finishResult(
  schema: GraphQLSchema,
  result: ExecutionResult,
  operation: OperationDefinitionNode | undefined,
  variables: Record<string, unknown> | undefined,
): ExecutionResult {
  // No data at all: the variables were refused. graphql-js's own coercion gives the errors
  // (messages, locations, Apollo Server's BAD_USER_INPUT) exactly as without compilation.
  if (result.data === undefined && result.errors?.length && operation) {
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 50 });
    if (coerced.errors) return { errors: coerced.errors };
  }
  // graphql-jit's errors of a thrown non-GraphQL error carry no `extensions` (and cannot be
  // given one): graphql-js's take the original error's or an empty object, and Apollo Server
  // reads them. Such errors are rebuilt as graphql-js builds them (message, path, locations,
  // original error).
  if (result.errors?.some((e) => e.extensions === undefined)) return { ...result, errors: result.errors.map(asGraphQLJsError) };
  return result;
}

/** Counts of executions by each way (tests and diagnostics). */
export interface ExecutionCounts {
  compiled: number;
  interpreted: number;
  /** Operations compiled so far. */
  compilations: number;
}

/**
 * The executor. An operation is interpreted by graphql-js the first `compileAfter - 1` times its
 * document is seen and compiled at the next (Mercurius's rule): an operation sent once — most
 * of all a flood of distinct ones — costs no compilation (several times one execution), and
 * what the gateway sends again and again is compiled once. An operation graphql-jit cannot
 * compile stays interpreted.
 */
export interface CompiledExecutor extends GatewayExecutor {
  counts: ExecutionCounts;
  /** The compiled form of an operation Apollo Server validated (compiled now if it was not yet); null when it cannot be. */
  compiled(document: DocumentNode, operationName: string | null): CompiledQuery | null;
}

export function compiledExecutor(schema: GraphQLSchema, compileAfter = 2): CompiledExecutor {
  withDefaultTypeResolvers(schema);
  interface Seen {
    uses: number;
    /** undefined: not compiled yet; null: cannot be. */
    query?: CompiledQuery | null;
  }
  const seen = new WeakMap<DocumentNode, Map<string | null, Seen>>();
  const counts: ExecutionCounts = { compiled: 0, interpreted: 0, compilations: 0 };
  const entry = (document: DocumentNode, operationName: string | null): Seen => {
    let forDocument = seen.get(document);
    if (!forDocument) seen.set(document, (forDocument = new Map()));
    let e = forDocument.get(operationName);
    if (!e) forDocument.set(operationName, (e = { uses: 0 }));
    return e;
  };
  const compile = (e: Seen, document: DocumentNode, operationName: string | null) => {
    e.query = compileOperation(schema, document, operationName);
    counts.compilations += 1;
    return e.query;
  };
  const executor = async (rc: Parameters<GatewayExecutor>[0]): Promise<ExecutionResult> => {
    // A result computed before Apollo Server saw the request (known-queries.ts): its errors
    // are for Apollo Server to format; nothing runs again.
    const computed = (rc.context as { [COMPUTED_RESULT]?: ExecutionResult })[COMPUTED_RESULT];
    if (computed) return finishResult(schema, computed, rc.operation, rc.request.variables);
    const e = entry(rc.document, rc.operationName);
    e.uses += 1;
    if (e.query === undefined && e.uses >= compileAfter) compile(e, rc.document, rc.operationName);
    if (!e.query) {
      counts.interpreted += 1;
      return execute({
        schema,
        document: rc.document,
        rootValue: undefined,
        contextValue: rc.context,
        variableValues: rc.request.variables,
        operationName: rc.operationName,
      });
    }
    counts.compiled += 1;
    const result = (await e.query.query(undefined, rc.context, rc.request.variables ?? {})) as ExecutionResult;
    return finishResult(schema, result, rc.operation, rc.request.variables);
  };
  const compiled = (document: DocumentNode, operationName: string | null) => {
    const e = entry(document, operationName);
    return e.query === undefined ? compile(e, document, operationName) : e.query;
  };
  return Object.assign(executor as GatewayExecutor, { counts, compiled });
}

/** What Apollo Server is given instead of `schema`: this one schema, executed by `executor`. */
export function compiledSchema(schema: GraphQLSchema, executor: GatewayExecutor = compiledExecutor(schema)): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async load() {
      return { executor };
    },
    async stop() {},
  };
}
