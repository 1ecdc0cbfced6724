// Request collapsing (issue 13): identical anonymous public reads in flight at the same time are
// answered by ONE run of the GraphQL pipeline (parse, validate, cost, plan, execute, shape), the
// way Varnish (request coalescing), nginx (`proxy_cache_lock`) and CDNs (request collapsing)
// send one request to the origin for many identical ones. The subgraph-level de-duplication
// (dedup.ts) already sends one fetch per identical subgraph query; this saves the gateway's own
// work for the other N−1 requests as well.
//
// Safe by construction:
// - Which requests. Only GET/POST /graphql with no Authorization, no Cookie (Varnish's default:
//   nothing here reads a cookie, but a request carrying credentials is not treated as public),
//   no Idempotency-Key, an anonymous actor, no multipart (upload or incremental delivery), a body
//   (or query string) with nothing but query / operationName / variables / extensions, and an
//   operation that is a `query` — the document is parsed here (cached per text) to know, so a
//   mutation or subscription is never collapsed, by GET or POST. A persisted-query hash without
//   its text is collapsed only once its text is known (seen with the hash, SHA-256 checked).
// - The key is everything the answer can depend on. Every request header and value the gateway
//   or the subgraphs read, and what this module does with each (grep for `req.headers`,
//   `req.get(`, `res.locals` in gateway/ and the subgraph kit):
//     authorization        → not collapsed (auth.ts: the actor; partners and staff are tokens)
//     cookie               → not collapsed (read by nothing; credentials all the same)
//     idempotency-key      → not collapsed (server.ts context; mutations only)
//     accept               → key (Apollo Server's content negotiation: the content type)
//     accept-language      → key, as the locale the context derives from it (server.ts)
//     if-none-match        → not in the key: each participant's own 304/200 is decided by
//                            Express's `req.fresh` on its own header when its answer is sent,
//                            with the ETag of the shared body (http-cache.ts)
//     content-type         → checked per request before (requireJson); JSON only
//     apollo-require-preflight, x-apollo-operation-name → checked per request before
//                            (requirePreflight, CSRF); they change no answer
//     x-forwarded-for / the socket address → req.ip: the rate limit (per request, before) and
//                            the client key. The client key reaches only the subgraphs that
//                            limit per client (DedupSettings.clientKeyed, e.g. legal): when a
//                            run called one of those, its answer goes only to participants with
//                            the leader's client key; the others run on their own
//     origin               → CORS headers, set per request before (cors)
//     x-request-id (incoming) → ignored: each response carries its own id (request-id.ts)
//     the subgraph internal headers → stripped at the edge (stripInternalHeaders)
//   and beyond headers: the method, the query text, operationName, the variables (canonical
//   JSON), the extensions (canonical JSON, all of them), and the content version
//   (schema/cache/content-version.ts), so a request that starts after a publication never gets
//   an answer computed before it. The public base URL and the limits are per process.
// - Per-client protections run per request before this point (rate limit, body limits, CSRF,
//   authentication, request id, trace span). Cost, depth and validation limits depend only on
//   the key: a follower gets the leader's refusal, which is exactly its own.
// - What is shared: status, body bytes and Apollo's headers (content type, cache-control, vary,
//   none per request); every response keeps its own x-request-id and x-trace-id, and an
//   error body's `requestId` is the participant's own (the leader's id is replaced in the
//   bytes). Only answers that are the same for anyone asking are shared: 200 without errors, or
//   a 400 whose errors all come from the document and variables (parse, validation, limits,
//   input). Anything else (a subgraph timeout, partial data, a 5xx, a thrown error, an answer
//   above `maxBodyBytes`) and every follower runs the pipeline on its own.
// - The run belongs to no client: it is not tied to the leader's socket, so a leader that
//   disconnects harms no follower. At most `maxFollowers` wait on one run; the next runs alone.
//
// In front of the response cache (`front`, only with RESPONSE_CACHE on; front-cache.ts): a run's
// answer that is shared AND cacheable — 200, no errors, its own `Cache-Control: public,
// max-age=N` with N > 0 (response-cache.ts sets it exactly on what the response cache stores,
// capped by HTTP_CACHE_MAX_AGE_S) — is kept under the same key for as long as the response cache
// itself keeps it (its remaining policy lifetime, see `freshness`), and the next identical
// request is answered from it without entering Apollo Server: same bytes and shared headers, its
// own request id, its own 304/200 (ETag), and, as the response cache tells HTTP caches, its
// remaining lifetime `public, max-age=min(N, seconds left)` and no `Age` (why: response-cache.ts,
// at the top); counted as a request (hub_graphql_requests_total),
// a response-cache hit (hub_cache_lookups_total{cache="responses"}) and role `cached`. The key
// holds the content version, read per request (Redis when REDIS_URL is set, this process's
// counter otherwise), so a publication makes the very next request miss: no invalidation of
// its own. Everything that runs before this middleware (rate limit, CSRF, authentication …)
// runs before a hit; nothing this layer does not collapse (tokens, cookies, mutations,
// idempotency keys) is ever looked up.
import { EventEmitter } from 'node:events';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import type { Fetcher } from '@apollo/utils.fetcher';
import { trace } from '@opentelemetry/api';
import { Counter } from 'prom-client';
import { cacheLookup, registry } from '../schema/observability/metrics.ts';
import type { GatewayContext } from './context.ts';
import { collapseKey } from './collapse-key.ts';
import { createFrontCache, type FrontCacheSettings } from './front-cache.ts';
import { weakEtag } from './http-cache.ts';
import { answerSink, countAnswer, type Answered, type AnswerSink } from './observability/graphql-metrics.ts';

export interface CollapseSettings {
  enabled: boolean;
  /** Followers that may wait on one run; the next identical request runs on its own. */
  maxFollowers: number;
  /** Largest answer held for followers; above it they run on their own. */
  maxBodyBytes: number;
  /** Fresh cacheable answers kept in front of Apollo Server; null: off (RESPONSE_CACHE off). */
  front?: FrontCacheSettings | null;
}

export interface CollapseDeps {
  apollo: ApolloServer<GatewayContext>;
  /** The same context function Apollo Server's middleware uses (server.ts). */
  context: (args: { req: Request; res: Response }) => Promise<GatewayContext>;
  /** The client key of a request (a keyed hash of its address). */
  clientKey: (req: Request) => string;
  /** MAX_TOKENS, for parsing the document here. */
  maxTokens: number;
  /** A follower's log line links its request id to the run's (the leader's) at debug level. */
  logger?: Logger;
  /** The clock (epoch ms) of the front cache's expiry and `Age`. */
  clock?: () => number;
}

/** 'cached' (key) when a request is answered from the front cache, 'lead' (key) when a request starts a run others may join, 'join' (key) when one joins,
 * 'alone' (key) when a follower runs on its own after all, 'gone' (key) when a leader's client
 * left before its answer. For tests and the bench. */
export const collapseEvents = new EventEmitter();
collapseEvents.setMaxListeners(0);
export const collapseStats = { leaders: 0, followers: 0, alone: 0, cached: 0 };

const collapsed = new Counter({
  name: 'hub_request_collapsing_total',
  help: 'Anonymous public queries by their part in request collapsing: leader (ran the pipeline), follower (answered by a run in flight), alone (joined one whose answer could not be shared, then ran on its own), cached (answered from the front of the response cache, before Apollo Server).',
  labelNames: ['role'] as const,
  registers: [registry],
});

/** Error codes that depend only on the document, the variables and the configured limits. */
const DETERMINISTIC_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'QUERY_TOO_COMPLEX',
  'OPERATION_RESOLUTION_FAILURE',
]);

interface Shared {
  status: number;
  headers: [string, string][];
  text: string;
  bytes: Buffer;
  /** The id whose occurrences are replaced by each participant's own. */
  leaderId: string;
  mentionsLeader: boolean;
  /** ETag of the bytes (GET 2xx), computed once. */
  etag?: string;
  /** Set when a client-keyed subgraph was called: only this client key may share it. */
  clientKey?: string;
  answered?: Answered;
  /** The response cache's own max-age of the answer (AnswerSink.cacheMaxAge). */
  storeMaxAge?: number;
}

/** A kept answer: until when (epoch ms) and the most max-age its headers may tell (N). */
interface Kept {
  shared: Shared;
  expiresAt: number;
  maxAge: number;
}

interface Run {
  followers: number;
  result: Promise<Shared | null>;
}

/** What a run records while it executes (through AsyncLocalStorage, see observeFetches). */
interface RunScope {
  clientKeyedCalled: boolean;
}
const runScope = new AsyncLocalStorage<RunScope>();

// --- running and answering ---------------------------------------------------------------------

/** The request Apollo Server sees: only what it reads, from the leader (all of it in the key). */
function requestFor(req: Request): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const name of ['accept', 'accept-language', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name']) {
    const v = req.headers[name];
    if (v !== undefined) headers.set(name, Array.isArray(v) ? v.join(', ') : v);
  }
  const q = req.url.indexOf('?');
  return { method: req.method, headers, search: q >= 0 ? req.url.slice(q) : '', body: req.body };
}

function shareable(status: number, answered: Answered | undefined): boolean {
  if (!answered) return false;
  if (status === 200) return answered.outcome === 'ok';
  return status === 400 && answered.codes.length > 0 && answered.codes.every((c) => DETERMINISTIC_CODES.has(c));
}

/**
 * How long a shareable answer the response cache would store may be kept in front of it, in
 * seconds, and the max-age N its header told (≤ HTTP_CACHE_MAX_AGE_S); null for any other answer.
 * Kept for as long as the response cache keeps it from now, `storeMaxAge` (its remaining policy
 * lifetime: response-cache.ts), or N without it. An answer with an `Age` is not kept: the hub
 * never sends one (response-cache.ts), so it is an answer that cannot be dated here.
 */
export function freshness(
  status: number,
  headers: [string, string][],
  answered: Answered | undefined,
  storeMaxAge?: number,
): { seconds: number; maxAge: number } | null {
  if (status !== 200 || answered?.outcome !== 'ok') return null;
  const header = (name: string) => headers.find(([k]) => k.toLowerCase() === name)?.[1];
  const cc = header('cache-control');
  const m = cc === undefined ? null : /^\s*public\s*,\s*max-age=(\d+)\s*$/i.exec(cc);
  if (!m || header('age') !== undefined) return null;
  const maxAge = Number(m[1]);
  const seconds = Math.floor(storeMaxAge ?? maxAge);
  return seconds >= 1 && maxAge >= 1 ? { seconds, maxAge: Math.min(maxAge, seconds) } : null;
}

function send(req: Request, res: Response, out: Shared, cacheControl?: string): void {
  if (res.destroyed || res.writableEnded) return;
  for (const [k, v] of out.headers) res.setHeader(k, v);
  if (cacheControl !== undefined) res.setHeader('cache-control', cacheControl);
  res.statusCode = out.status;
  const own = res.locals.requestId as string;
  if (out.mentionsLeader && own !== out.leaderId) {
    // etagOnGet hashes this participant's own bytes.
    res.send(Buffer.from(out.text.split(out.leaderId).join(own)));
    return;
  }
  if (out.etag && req.method === 'GET') res.setHeader('ETag', out.etag);
  res.send(out.bytes);
}

/**
 * Wraps the fetcher of a subgraph that may answer differently per client (it limits per client:
 * DedupSettings.clientKeyed): a run that calls it shares its answer only within one client key.
 */
export function observeClientKeyed(clientKeyed: ReadonlySet<string>, subgraph: string, fetcher: Fetcher): Fetcher {
  if (!clientKeyed.has(subgraph)) return fetcher;
  return (url, init) => {
    const scope = runScope.getStore();
    if (scope) scope.clientKeyedCalled = true;
    return fetcher(url, init);
  };
}

export interface RequestCollapser {
  /** Express middleware, right before Apollo Server's. */
  middleware(req: Request, res: Response, next: NextFunction): void;
  /** Runs in flight (tests). */
  inFlight(): number;
  /** What the front cache holds (tests). */
  frontSize(): { entries: number; bytes: number };
}

export function createRequestCollapser(settings: CollapseSettings, deps: CollapseDeps): RequestCollapser {
  const runs = new Map<string, Run>();
  const now = deps.clock ?? Date.now;
  const front = settings.front ? createFrontCache<Kept>(settings.front, now) : null;

  /** Keep a shared answer the response cache would store, as long as the store keeps it. */
  function keep(key: string, out: Shared): void {
    if (!front || out.mentionsLeader) return;
    const fresh = freshness(out.status, out.headers, out.answered, out.storeMaxAge);
    if (!fresh) return;
    const expiresAt = now() + fresh.seconds * 1000;
    // Its own Cache-Control is set on each hit; the text is not needed (no leader id to replace).
    const shared: Shared = { ...out, text: '', headers: out.headers.filter(([k]) => k.toLowerCase() !== 'cache-control') };
    const size = out.bytes.length + key.length * 2 + 256;
    front.set(key, { shared, expiresAt, maxAge: fresh.maxAge }, size, expiresAt);
  }

  /** Answer from the front cache; false on a miss (or an answer kept for another client key). */
  function fromFront(key: string, req: Request, res: Response): boolean {
    const kept = front?.get(key);
    if (!kept) return false;
    // Whole seconds left (max-age counts whole seconds); under one, a miss, as in the store.
    const left = Math.floor((kept.expiresAt - now()) / 1000);
    if (left < 1) return false;
    const out = kept.shared;
    if (out.clientKey !== undefined && out.clientKey !== deps.clientKey(req)) return false;
    const started = performance.now();
    collapseStats.cached += 1;
    collapsed.inc({ role: 'cached' });
    cacheLookup('responses', true);
    collapseEvents.emit('cached', key);
    if (out.answered) {
      trace.getActiveSpan()?.setAttribute('graphql.operation.name', out.answered.operation);
      countAnswer(out.answered, (performance.now() - started) / 1000);
    }
    // Its remaining lifetime, as the response cache tells it (response-cache.ts).
    send(req, res, out, `public, max-age=${Math.min(kept.maxAge, left)}`);
    return true;
  }

  async function lead(key: string, req: Request, res: Response, next: NextFunction): Promise<void> {
    let settle!: (s: Shared | null) => void;
    const run: Run = { followers: 0, result: new Promise((resolve) => (settle = resolve)) };
    runs.set(key, run);
    collapseStats.leaders += 1;
    collapsed.inc({ role: 'leader' });
    collapseEvents.emit('lead', key);
    const leaderId = res.locals.requestId as string;
    // The leader's client may leave: the run goes on for the followers.
    res.once('close', () => void (res.writableEnded || collapseEvents.emit('gone', key)));
    const scope: RunScope = { clientKeyedCalled: false };
    let shared: Shared;
    try {
      // Not tied to the leader's socket: nothing here listens to it, and the answer is
      // written to each participant once the run is over.
      const sink: AnswerSink = {};
      const response = await runScope.run(scope, () =>
        answerSink.run(sink, () => deps.apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: requestFor(req), context: () => deps.context({ req, res }) })),
      );
      if (response.body.kind !== 'complete') {
        // Incremental delivery is never asked for here (no multipart Accept); answer the leader.
        runs.delete(key);
        settle(null);
        for (const [k, v] of response.headers) res.setHeader(k, v);
        res.statusCode = response.status ?? 200;
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
        return;
      }
      const status = response.status ?? 200;
      const text = response.body.string;
      const bytes = Buffer.from(text);
      const answered = sink.answered;
      shared = {
        status,
        headers: [...response.headers],
        text,
        bytes,
        leaderId,
        mentionsLeader: text.includes(leaderId),
        etag: req.method === 'GET' && status >= 200 && status < 300 ? weakEtag(bytes) : undefined,
        clientKey: scope.clientKeyedCalled ? deps.clientKey(req) : undefined,
        answered,
        storeMaxAge: sink.cacheMaxAge,
      };
      const fanOut = shareable(status, answered) && bytes.length <= settings.maxBodyBytes;
      // Kept before the run is gone: no moment where an identical request finds neither.
      if (fanOut) keep(key, shared);
      runs.delete(key);
      settle(fanOut ? shared : null);
    } catch (err) {
      runs.delete(key);
      settle(null);
      return next(err);
    }
    send(req, res, shared);
  }

  async function follow(key: string, run: Run, req: Request, res: Response, next: NextFunction): Promise<void> {
    const started = performance.now();
    run.followers += 1;
    collapseEvents.emit('join', key);
    const out = await run.result;
    if (!out || (out.clientKey !== undefined && out.clientKey !== deps.clientKey(req))) {
      collapseStats.alone += 1;
      collapsed.inc({ role: 'alone' });
      collapseEvents.emit('alone', key);
      return next();
    }
    collapseStats.followers += 1;
    collapsed.inc({ role: 'follower' });
    deps.logger?.debug({ requestId: res.locals.requestId as string, collapsedInto: out.leaderId }, 'answered by a collapsed run');
    // Counted like every request Apollo Server answers (graphql-metrics.ts), with its own time.
    if (out.answered) {
      trace.getActiveSpan()?.setAttribute('graphql.operation.name', out.answered.operation);
      countAnswer(out.answered, (performance.now() - started) / 1000);
    }
    send(req, res, out);
  }

  return {
    middleware(req, res, next) {
      if (!settings.enabled) return next();
      collapseKey(req, res, deps.maxTokens)
        .then(
          (key) => {
            if (key === null) return next();
            if (fromFront(key, req, res)) return;
            const run = runs.get(key);
            if (!run) return lead(key, req, res, next);
            if (run.followers >= settings.maxFollowers) return next();
            return follow(key, run, req, res, next);
          },
          () => next(),
        )
        .catch((err: unknown) => (res.headersSent ? res.destroy() : next(err)));
    },
    inFlight: () => runs.size,
    frontSize: () => front?.size() ?? { entries: 0, bytes: 0 },
  };
}
