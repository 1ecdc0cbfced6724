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
// Apollo Server hands each validated operation to `execute` below. A compiled query is kept per
// parsed document (a WeakMap on Apollo's cached DocumentNode: a document it forgets takes its
// compiled forms along) and operation name. Variables are coerced by the compiled query, with
// graphql-js's own coercion functions.
//
// `SUBGRAPH_EXECUTION=interpreted` turns it off (graphql-js, as before); the answers of both are
// compared in test/integration/compiled-execution.test.ts.
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { defaultTypeResolver, getVariableValues, isAbstractType, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Compiled = CompiledQuery | ExecutionResult;

/**
 * graphql-js resolves an interface or union without `resolveType` with its default resolver
 * (the value's `__typename`, else each possible type's `isTypeOf`); graphql-jit needs it named.
 * Setting the default where it is missing changes nothing for graphql-js.
 */
function withDefaultTypeResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) if (isAbstractType(type) && !type.resolveType) type.resolveType = defaultTypeResolver;
  return schema;
}

/** The executor: compiles each (document, operation) once and runs the compiled query. */
export function compiledExecutor(schema: GraphQLSchema): GatewayExecutor {
  withDefaultTypeResolvers(schema);
  const compiled = new WeakMap<DocumentNode, Map<string | null, Compiled>>();
  const compile = (document: DocumentNode, operationName: string | null): Compiled => {
    let forDocument = compiled.get(document);
    if (!forDocument) compiled.set(document, (forDocument = new Map()));
    let query = forDocument.get(operationName);
    if (!query) {
      // Leaf values through each scalar's and enum's own `serialize` (as graphql-js does);
      // errors keep their `originalError` for Apollo Server's formatting and masking.
      query = compileQuery(schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true });
      forDocument.set(operationName, query);
    }
    return query;
  };
  return async (rc) => {
    const query = compile(rc.document, rc.operationName);
    if (!isCompiledQuery(query)) return query;
    const result = (await query.query(undefined, rc.context, rc.request.variables ?? {})) as ExecutionResult;
    // No data at all: the variables were refused. graphql-js's own coercion gives the errors
    // (messages, locations, Apollo Server's BAD_USER_INPUT) exactly as without compilation.
    if (result.data === undefined && result.errors?.length && rc.operation) {
      const coerced = getVariableValues(schema, rc.operation.variableDefinitions ?? [], rc.request.variables ?? {}, { maxErrors: 50 });
      if (coerced.errors) return { errors: coerced.errors };
    }
    return result;
  };
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
