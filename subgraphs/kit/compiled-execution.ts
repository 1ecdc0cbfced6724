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
// forms along) and operation name.
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
export function compiledExecutor(schema: GraphQLSchema, compileAfter = 2): GatewayExecutor & { counts: ExecutionCounts } {
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
  const executor = async (rc: Parameters<GatewayExecutor>[0]): Promise<ExecutionResult> => {
    const e = entry(rc.document, rc.operationName);
    e.uses += 1;
    if (e.query === undefined && e.uses >= compileAfter) {
      // Leaf values through each scalar's and enum's own `serialize` (as graphql-js does);
      // errors keep their `originalError` for Apollo Server's formatting and masking.
      // A compiler failure (an error result or a throw) leaves the operation interpreted.
      let compiled: CompiledQuery | ExecutionResult | undefined;
      try {
        compiled = compileQuery(schema, rc.document, rc.operationName ?? undefined, { disablingCapturingStackErrors: true });
      } catch {
        compiled = undefined;
      }
      e.query = compiled && isCompiledQuery(compiled) ? compiled : null;
      counts.compilations += 1;
    }
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
    // No data at all: the variables were refused. graphql-js's own coercion gives the errors
    // (messages, locations, Apollo Server's BAD_USER_INPUT) exactly as without compilation.
    if (result.data === undefined && result.errors?.length && rc.operation) {
      const coerced = getVariableValues(schema, rc.operation.variableDefinitions ?? [], rc.request.variables ?? {}, { maxErrors: 50 });
      if (coerced.errors) return { errors: coerced.errors };
    }
    // graphql-jit's errors of a thrown non-GraphQL error carry no `extensions` (and cannot be
    // given one): graphql-js's take the original error's or an empty object, and Apollo Server
    // reads them. Such errors are rebuilt as graphql-js builds them (message, path, locations,
    // original error).
    if (result.errors?.some((e) => e.extensions === undefined)) return { ...result, errors: result.errors.map(asGraphQLJsError) };
    return result;
  };
  return Object.assign(executor as GatewayExecutor, { counts });
}

/** What Apollo Server is given instead of `schema`: this one schema, executed compiled. */
export function compiledSchema(schema: GraphQLSchema): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async load() {
      return { executor: compiledExecutor(schema) };
    },
    async stop() {},
  };
}
