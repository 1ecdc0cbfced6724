// One data source per subgraph: forwards the caller's verified context (signed by the
// fetcher), and turns transport failures into masked, coded errors so the gateway answers
// with partial data (C1–C4). A circuit breaker makes a dead subgraph fail fast; it counts
// only what shows the subgraph is unwell, never a client's bad input (A30).
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { CONTEXT_HEADER, encodeContext, type SignedContext } from '../schema/security/signed-context.ts';
import { BreakerOpenError, CircuitBreaker } from './breaker.ts';
import { AUDIENCE_HEADER } from '../schema/security/gateway-signature.ts';
import { SubgraphFetchError } from './fetcher.ts';
import type { GatewayContext } from './context.ts';
import type { ContextFilter } from './context-filter.ts';
import { dedupeRepresentations } from './representations.ts';
import { PlainHeaders } from './plain-headers.ts';
import { isAnonymous, isQueryText, REQUEST_ID_HEADER, SHARE_HEADER, sharedContext, type DedupSettings } from './dedup.ts';

/** Consecutive unhealthy calls that open a subgraph's circuit. */
export const BREAKER_THRESHOLD = 5;

/** A subgraph answered with a non-2xx status; `errors` is set when the body was a GraphQL
 * error answer (the subgraph is up and judged the request). */
export class SubgraphAnswerError extends GraphQLError {
  constructor(
    readonly status: number,
    readonly errors: { message: string; extensions?: Record<string, unknown> }[] | undefined,
  ) {
    super(`subgraph answered ${status}`);
  }
}

function graphqlErrorsOf(body: unknown): SubgraphAnswerError['errors'] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  return errors.slice(0, 20).map((e: { message?: unknown; extensions?: { code?: unknown } }) => {
    const code = e?.extensions?.code;
    return {
      message: typeof e?.message === 'string' ? e.message : 'Error',
      // The gateway validated the client's document against the supergraph, which knows custom
      // scalars only by name: a subgraph that still refuses it has refused a literal value
      // (`asOf: "2026-13-45"`), the client's input.
      extensions: typeof code === 'string' ? { code: code === 'GRAPHQL_VALIDATION_FAILED' ? 'BAD_USER_INPUT' : code } : undefined,
    };
  });
}

/**
 * What says the subgraph is unwell: no connection, a timeout, a 5xx that is not a GraphQL
 * error answer, a body that is not GraphQL. Not counted: a GraphQL error answer at any status
 * (HTTP 400 BAD_USER_INPUT for a malformed LocalDate, say: anyone could send twenty of those)
 * and an oversized answer (says more about the query than about the subgraph).
 */
export function isUnhealthy(err: unknown): boolean {
  if (err instanceof SubgraphFetchError) return err.kind !== 'TOO_LARGE';
  if (err instanceof SubgraphAnswerError) return err.status >= 500 && !err.errors;
  return true;
}

export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly breaker: CircuitBreaker;
  /** What of the caller's context this subgraph receives (context-filter.ts; default: all of it). */
  contextFilter: ContextFilter = (ctx) => ctx;

  constructor(
    config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
    readonly subgraphName: string,
    breakerHalfOpenMs = 5_000,
    now?: () => number,
    /** In-flight de-duplication of anonymous queries (dedup.ts); off when absent. */
    readonly dedup?: DedupSettings,
  ) {
    super(config);
    this.breaker = new CircuitBreaker({ threshold: BREAKER_THRESHOLD, halfOpenMs: breakerHalfOpenMs, now });
  }

  /** Replaces the stock error, which keeps the subgraph's URL and whole body. */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    let body: unknown;
    try {
      body = await this.parseBody(response);
    } catch {
      body = undefined;
    }
    return new SubgraphAnswerError(response.status, graphqlErrorsOf(body));
  }

  override willSendRequest(options: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    const { request, context } = options;
    // An anonymous query may share its fetch with identical ones in flight (dedup.ts): its
    // context then says nothing that differs between callers, and the request id travels apart.
    // ('incoming operation' is GraphQLDataSourceRequestKind.INCOMING_OPERATION, not exported.)
    const shareable =
      this.dedup?.enabled === true &&
      (options.kind as string) === 'incoming operation' &&
      context !== undefined &&
      isAnonymous(context.actor) &&
      !context.idempotencyKey &&
      isQueryText(request.query);
    const signed: SignedContext = shareable
      ? sharedContext(this.subgraphName, context as GatewayContext, this.dedup!)
      : {
          requestId: context?.requestId ?? 'internal',
          actor: context?.actor ?? { roles: [] },
          locale: context?.locale,
          publicBaseUrl: context?.publicBaseUrl,
          clientKey: context?.clientKey,
          idempotencyKey: context?.idempotencyKey,
        };
    if (shareable) {
      request.http?.headers.set(SHARE_HEADER, String((context as GatewayContext).contentVersion ?? '-'));
      request.http?.headers.set(REQUEST_ID_HEADER, (context as GatewayContext).requestId);
    }
    // Handed to the fetcher (which signs it) already encoded as it is sent: a header value
    // cannot carry "Biên tập viên" as is (the request would fail before leaving the gateway).
    request.http?.headers.set(CONTEXT_HEADER, encodeContext(this.contextFilter(signed)));
    // The fetcher signs for this subgraph only: a call to partner X is refused by every other.
    request.http?.headers.set(AUDIENCE_HEADER, this.subgraphName);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    // One representation per distinct entity, not per occurrence (representations.ts).
    const representations = options.request.variables?.representations;
    const collapsed = Array.isArray(representations) ? dedupeRepresentations(representations) : null;
    if (collapsed) options.request.variables = { ...options.request.variables, representations: collapsed.unique };
    try {
      const response = await this.breaker.execute(() => this.send(options), isUnhealthy);
      return collapsed ? collapsed.expand(response) : response;
    } catch (err) {
      // The subgraph judged the request (bad input, a refused operation): the caller gets the
      // subgraph's own errors and codes; formatError masks any code that is not registered.
      if (err instanceof SubgraphAnswerError && err.errors) return { errors: err.errors } as GatewayGraphQLResponse;
      const timeout = err instanceof SubgraphFetchError && err.kind === 'TIMEOUT';
      const code = timeout ? 'SUBGRAPH_TIMEOUT' : 'SUBGRAPH_UNAVAILABLE';
      const reason =
        err instanceof BreakerOpenError
          ? 'circuit open'
          : err instanceof SubgraphFetchError
            ? err.kind
            : err instanceof SubgraphAnswerError
              ? `HTTP ${err.status}`
              : 'error response';
      options.context?.logger?.warn({ subgraph: this.subgraphName, reason, requestId: options.context?.requestId }, 'subgraph call failed');
      return {
        errors: [
          {
            message: timeout ? 'A part of the graph did not answer in time.' : 'A part of the graph is unavailable.',
            extensions: { code },
          },
        ],
      } as GatewayGraphQLResponse;
    }
  }

  /**
   * RemoteGraphQLDataSource.process as this gateway uses it, without its per-call waste: stock
   * builds a node-fetch `Headers` and `Request` (URL parsing, header validation) for every
   * subgraph call only to hand the fetcher a plain object, and never uses the `Request` unless a
   * subclass overrides `didEncounterError`/`parseBody` to read it (ours do not). Same body (the
   * query first, then variables, operation name and extensions), same hooks (willSendRequest,
   * errorFromResponse, parseBody), same cache-control hint from the subgraph's answer; no APQ
   * (this gateway never turns it on).
   */
  private async send(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const headers = new PlainHeaders(request.http?.headers as Iterable<[string, string]> | undefined);
    headers.set('content-type', 'application/json');
    request.http = { method: 'POST', url: this.url, headers: headers as unknown as NonNullable<typeof request.http>['headers'] };
    this.willSendRequest(options);
    if (!request.query) throw new Error('Missing query');
    const { http: _http, query, ...rest } = request;
    const response = await this.fetcher(this.url, { method: 'POST', headers: headers.toObject(), body: JSON.stringify({ query, ...rest }) });
    if (!response.ok) throw await this.errorFromResponse(response);
    const body = await this.parseBody(response);
    if (typeof body !== 'object' || body === null) throw new Error(`Expected JSON response body, but received: ${String(body)}`);
    // The subgraph's Cache-Control narrows the answer's cache policy (the response cache's input).
    const policy = (options.kind as string) === 'incoming operation' && this.honorSubgraphCacheControlHeader ? cachePolicyOf(options) : undefined;
    if (policy) policy.restrict(cacheHintOf(response.headers.get('cache-control')));
    return { ...body, http: response } as GatewayGraphQLResponse;
  }
}

type CachePolicyLike = { restrict(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }): void };

function cachePolicyOf(options: GraphQLDataSourceProcessOptions<GatewayContext>): CachePolicyLike | undefined {
  const policy = (options as { incomingRequestContext?: { overallCachePolicy?: unknown } }).incomingRequestContext?.overallCachePolicy;
  return policy && typeof policy === 'object' && 'restrict' in policy ? (policy as CachePolicyLike) : undefined;
}

/** A subgraph's Cache-Control as a cache hint, exactly as Apollo Gateway reads it (its
 * parseCacheControlHeader): no max-age is 0, `public` wins over `private`. */
export function cacheHintOf(header: string | null | undefined): { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } {
  const parsed: Record<string, string | true> = Object.create(null) as Record<string, string | true>;
  if (header) {
    for (const part of header.trim().split(/\s*,\s*/)) {
      const [k, v] = part.split(/\s*=\s*/, 2);
      parsed[k!] = v === undefined ? true : v.replace(/^"|"$/g, '');
    }
  }
  const hint: { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } = { maxAge: 0 };
  const maxAge = parsed['max-age'];
  if (typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge)) hint.maxAge = Number(maxAge);
  if (parsed.private === true) hint.scope = 'PRIVATE';
  if (parsed.public === true) hint.scope = 'PUBLIC';
  return hint;
}
