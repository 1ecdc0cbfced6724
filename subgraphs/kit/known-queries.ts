// The gateway's repeated queries answered without Apollo Server's request pipeline (issue 13,
// lighter subgraphs: front page ≤ 1 ms of subgraph CPU). A subgraph hears the same few operations
// from the gateway over and over (its query plans). The first time a query is seen, Apollo Server
// answers it as any other: parsing, validation, operation resolution, plugins, HTTP negotiation.
// Once Apollo Server has validated a query operation, and has answered a request with the same
// `accept` and `content-type` headers with status 200, the same query text (and operation name)
// under those headers is executed here: its compiled form (graphql-jit, compiled-execution.ts),
// the context, the cache hint (cache-hints.ts), the JSON answer — without Apollo's per-request
// work (a SHA-256 of the query text for its document cache, a header map, plugin hooks and their
// promises, content negotiation, a request context and its copies). Measured: 0.77–0.80× the
// subgraph CPU per front page of the same code through Apollo Server (`npm run
// bench:subgraph-cpu`), and the peer bench's direct front page from 1.18 to 1.02 ms.
//
// What is answered here is what Apollo Server would answer, byte for byte (compared in
// test/integration/known-queries.test.ts and compiled-execution.test.ts): only answers without
// errors. An answer with an error — refused variables, a resolver's refusal, a database failure —
// goes through Apollo Server with the result already computed (no resolver runs twice), so errors
// are formatted, masked and logged by Apollo Server's own code.
//
// Only what cannot change the answer's form between two identical requests is learned: the query
// text with its operation name (validation depends on nothing else), and the `accept` and JSON
// `content-type` headers (Apollo's content negotiation depends on them and on nothing in the
// body). Mutations, subscriptions, requests with `extensions`, and subgraphs with per-field cache
// hints keep Apollo Server's path. So does anything an Apollo Server plugin would have to see:
// a plugin added to a subgraph (server.ts) sees no known-query answer but the first.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { DocumentNode, ExecutionResult, OperationDefinitionNode } from 'graphql';
import type { CompiledQuery } from 'graphql-jit';
import type { Actor } from '../../schema/security/signed-context.ts';
import { cacheControlHeader, isPublicCaller, publicCacheable, type SubgraphCacheHints } from './cache-hints.ts';
import type { CompiledExecutor } from './compiled-execution.ts';

/** Known query texts and header pairs, each bounded (a flood of distinct queries evicts the oldest). */
const MAX_OPERATIONS = 500;
const MAX_HEADER_PAIRS = 50;

/**
 * Only JSON bodies: Apollo Server's CSRF prevention then has nothing to check (it asks a preflight
 * header of the "simple" content types a browser form can send), so the headers pair decides
 * the answer's form alone.
 */
const isJson = (contentType: string | undefined) => contentType !== undefined && /^application\/json\s*(;|$)/i.test(contentType);

interface KnownOperation {
  operationName: string | null;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** Whether the public may cache its answer (cache-hints.ts), the caller aside. */
  cacheable: boolean;
  /** undefined: not asked for yet; null: cannot be compiled. */
  compiled?: CompiledQuery | null;
}

/** The request in the form the gateway sends; undefined when it is not. */
export interface KnownQueryRequest {
  query: string;
  operationName: string | null;
  variables: Record<string, unknown>;
}

function plainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The body in the form the gateway sends (query, optional operationName and variables, nothing else Apollo reads). */
export function knownQueryRequest(body: unknown): KnownQueryRequest | undefined {
  if (!plainObject(body) || typeof body.query !== 'string') return undefined;
  if (body.extensions !== undefined) return undefined;
  const { operationName, variables } = body;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  if (variables !== undefined && variables !== null && !plainObject(variables)) return undefined;
  return {
    query: body.query,
    operationName: (operationName as string | null | undefined) ?? null,
    variables: (variables as Record<string, unknown> | null | undefined) ?? {},
  };
}

function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number) {
  if (map.size >= max && !map.has(key)) map.delete(map.keys().next().value as K);
  map.set(key, value);
}

export class KnownQueries {
  /** Keyed by operation name + "\n" + query text. */
  private readonly operations = new Map<string, KnownOperation>();
  /** accept + "\n" + content-type → the content type Apollo Server answered with. */
  private readonly headerPairs = new Map<string, string>();
  /** Answers given here (tests and diagnostics). */
  answered = 0;

  constructor(
    private readonly executor: CompiledExecutor,
    private readonly hints: SubgraphCacheHints | undefined,
  ) {}

  /** Query operations remembered. */
  get size(): number {
    return this.operations.size;
  }

  private static key(query: string, operationName: string | null) {
    return `${operationName ?? ''}\n${query}`;
  }

  private static headerKey(accept: string | undefined, contentType: string | undefined) {
    return `${accept ?? ''}\n${contentType ?? ''}`;
  }

  /** Learns each query operation Apollo Server validated and resolved. */
  plugin(): ApolloServerPlugin<BaseContext> {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async (rc) => {
          const query = rc.request.query;
          if (rc.operation?.operation !== 'query' || typeof query !== 'string' || rc.request.extensions !== undefined) return;
          const operationName = rc.request.operationName ?? null;
          const key = KnownQueries.key(query, operationName);
          if (this.operations.has(key)) return;
          const cacheable = publicCacheable(this.hints, rc.document, rc.operation);
          remember(this.operations, key, { operationName, document: rc.document, operation: rc.operation, cacheable }, MAX_OPERATIONS);
        },
      }),
    };
  }

  /** Records the headers of a request Apollo Server answered with one JSON result, status 200. */
  learnHeaders(accept: string | undefined, contentType: string | undefined, answered: string) {
    if (!isJson(contentType)) return;
    const key = KnownQueries.headerKey(accept, contentType);
    if (!this.headerPairs.has(key)) remember(this.headerPairs, key, answered, MAX_HEADER_PAIRS);
  }

  /** The content type to answer with, when these headers were seen answered by Apollo Server. */
  contentTypeFor(accept: string | undefined, contentType: string | undefined): string | undefined {
    return this.headerPairs.get(KnownQueries.headerKey(accept, contentType));
  }

  /**
   * Executes a known, compiled operation. Returns the answer's JSON and Cache-Control, or the
   * result with errors (for Apollo Server to format), or undefined when the operation is not known.
   */
  async execute(request: KnownQueryRequest, context: BaseContext): Promise<{ body: string; cacheControl: string } | { errors: ExecutionResult } | undefined> {
    const known = this.operations.get(KnownQueries.key(request.query, request.operationName));
    if (!known) return undefined;
    if (known.compiled === undefined) known.compiled = this.executor.compiled(known.document, known.operationName);
    if (!known.compiled) return undefined;
    const result = (await known.compiled.query(undefined, context, request.variables)) as ExecutionResult;
    if (result.errors?.length || result.data === undefined) return { errors: result };
    this.answered += 1;
    const cacheable = known.cacheable && isPublicCaller((context as { actor?: Actor }).actor);
    // Apollo Server's stringifyResult: JSON and a newline; `data` is the only key of an answer without errors.
    return { body: `{"data":${JSON.stringify(result.data)}}\n`, cacheControl: cacheControlHeader(this.hints, cacheable) };
  }
}
