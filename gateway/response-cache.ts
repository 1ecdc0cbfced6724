// The response cache for public content (issue 13): whole answers to anonymous queries, kept
// for as long as the subgraphs' cache hints allow (subgraphs/kit/cache-hints.ts) and filed
// under the content version (schema/cache/content-version.ts), so a publication, withdrawal or
// sync makes the very next request miss. Apollo Server's response-cache plugin does the work;
// this module decides what may be cached, where, and what HTTP caches are told.
//
// Never cached: anything asked with a token (staff, partners), with an Idempotency-Key, any
// mutation, any answer with errors, any answer a subgraph hinted private or did not hint at all
// (no-store), and nothing at all while the content version cannot be read (Redis down).
//
// What HTTP caches are told (RFC 9111), on a fresh answer and on a hit alike:
// `Cache-Control: public, max-age=R` with R the answer's REMAINING lifetime — its policy max-age
// less the time it has spent in this cache, capped by HTTP_CACHE_MAX_AGE_S — and no `Age`.
// Apollo's plugin would repeat the full max-age on a hit and add `Age` (time in its store): with
// a 300 s policy and the 10 s cap, `max-age=10` with `Age: 40`, which a downstream cache computes
// as current_age > freshness_lifetime (§4.2): stale on arrival. Why the remaining lifetime
// rather than the full max-age with a true Age (Varnish's way when it is the cache, TTL =
// max-age − Age):
//   - this cache is the origin's, not an HTTP cache in the path: every hit is checked against the
//     content version of this very request (the key holds it), so it is an answer the origin
//     validated for this request, and §5.1 reads an Age as the opposite ("not generated or
//     validated by the origin server for this request");
//   - a remaining lifetime without Age reads the same in every downstream cache: Varnish and
//     RFC caches (TTL = max-age − 0) and nginx's proxy cache, which takes its validity from
//     Cache-Control alone and ignores an upstream's Age, so `max-age=N, Age: A` would let it
//     keep an answer A seconds longer than the cap allows;
//   - the cap keeps its meaning: no downstream cache keeps an answer more than
//     HTTP_CACHE_MAX_AGE_S past the moment the hub last vouched for it, and none past its policy.
// An entry is served while at least a whole second of its policy is left (max-age counts whole
// seconds); then it is a miss, and the answer is computed (and stored) again. The store entries
// are dated on the gateway's clock (`agedStore`), injectable for tests.
import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import ApolloServerPluginResponseCache from '@apollo/server-plugin-response-cache';
import { Redis } from 'ioredis';
import { contentVersion } from '../schema/cache/content-version.ts';
import type { GatewayContext } from './context.ts';
import { isAnonymous } from './dedup.ts';
import { answerSink } from './observability/graphql-metrics.ts';

export interface ResponseCacheSettings {
  enabled: boolean;
  /** In-memory store size (bytes of cached JSON) when there is no Redis. */
  maxBytes: number;
  /** Longest max-age told to HTTP caches (a CDN cannot hear our invalidation events). */
  httpMaxAgeSeconds: number;
  keyPrefix: string;
}

/** What Apollo's plugin needs of a store (@apollo/utils.keyvaluecache's KeyValueCache). */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

/** A byte-capped LRU with per-entry TTL; `now` injectable for tests. */
export function memoryStore(maxBytes: number, now = () => Date.now()): KeyValueStore & { size(): number } {
  const entries = new Map<string, { value: string; until: number }>();
  let bytes = 0;
  const drop = (key: string) => {
    const e = entries.get(key);
    if (!e) return false;
    bytes -= e.value.length + key.length;
    entries.delete(key);
    return true;
  };
  return {
    async get(key) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.until <= now()) {
        drop(key);
        return undefined;
      }
      // Most recently used last.
      entries.delete(key);
      entries.set(key, e);
      return e.value;
    },
    async set(key, value, options) {
      const ttl = options?.ttl ?? 0;
      drop(key);
      if (ttl <= 0 || value.length + key.length > maxBytes) return;
      entries.set(key, { value, until: now() + ttl * 1000 });
      bytes += value.length + key.length;
      for (const k of entries.keys()) {
        if (bytes <= maxBytes) break;
        drop(k);
      }
    },
    async delete(key) {
      return drop(key);
    },
    size: () => entries.size,
  };
}

/** Shared by every gateway replica; a Redis error is a miss (or a skipped write), never a failure. */
export function redisStore(url: string, prefix: string): KeyValueStore & { close(): void; ready(timeoutMs?: number): Promise<void> } {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => {});
  redis.connect().catch(() => {});
  return {
    async get(key) {
      if (redis.status !== 'ready') return undefined;
      return (await redis.get(prefix + key).catch(() => null)) ?? undefined;
    },
    async set(key, value, options) {
      const ttl = Math.floor(options?.ttl ?? 0);
      if (ttl <= 0 || redis.status !== 'ready') return;
      await redis.set(prefix + key, value, 'EX', ttl).catch(() => {});
    },
    async delete(key) {
      if (redis.status !== 'ready') return false;
      return (await redis.del(prefix + key).catch(() => 0)) > 0;
    },
    close: () => redis.disconnect(),
    /** Bounded wait for the connection (the first answers are then cached already). */
    ready: (timeoutMs = 2_000) =>
      redis.status === 'ready'
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, timeoutMs);
            timer.unref();
            redis.once('ready', () => {
              clearTimeout(timer);
              resolve();
            });
          }),
  };
}

/** What Apollo's plugin files with each answer, at the end of its JSON:
 * `{"data":…,"cachePolicy":{"maxAge":…,"scope":…},"cacheTime":<epoch ms>}`. */
interface Stamp {
  cachePolicy: { maxAge: number; scope?: string };
  cacheTime: number;
}
const STAMP_AT = ',"cachePolicy":';

/** The entry's data (as JSON text, untouched) and its stamp; null when it is not one of the
 * plugin's entries. The last `,"cachePolicy":` is the stamp's: only it and cacheTime follow the
 * data, and inside the data a string's quotes are escaped. */
function splitEntry(value: string): { head: string; stamp: Stamp } | null {
  const at = value.lastIndexOf(STAMP_AT);
  if (at < 0) return null;
  try {
    const stamp = JSON.parse(`{${value.slice(at + 1)}`) as Stamp;
    if (typeof stamp.cacheTime !== 'number' || typeof stamp.cachePolicy?.maxAge !== 'number') return null;
    return { head: value.slice(0, at), stamp };
  } catch {
    return null;
  }
}
const joinEntry = (head: string, stamp: Stamp) => `${head},${JSON.stringify(stamp).slice(1)}`;

/**
 * The store as Apollo's plugin sees it, dated on `now`: an entry is written stamped with `now()`
 * and read back with its policy max-age turned into the whole seconds it has LEFT (and stamped
 * `now()` again), so the policy the plugin restores on a hit — and the headers and the front
 * cache's lifetime derived from it — is the remaining lifetime. Under a second left, or an entry
 * that cannot be dated: a miss.
 */
export function agedStore(store: KeyValueStore, now: () => number = Date.now): KeyValueStore {
  return {
    async get(key) {
      const value = await store.get(key);
      const entry = value === undefined ? null : splitEntry(value);
      if (!entry) return undefined;
      const at = now();
      const left = Math.floor(entry.stamp.cachePolicy.maxAge - (at - entry.stamp.cacheTime) / 1000);
      if (left < 1) return undefined;
      return joinEntry(entry.head, { cachePolicy: { ...entry.stamp.cachePolicy, maxAge: left }, cacheTime: at });
    },
    async set(key, value, options) {
      const entry = splitEntry(value);
      if (!entry) return;
      await store.set(key, joinEntry(entry.head, { ...entry.stamp, cacheTime: now() }), options);
    },
    delete: (key) => store.delete(key),
  };
}

type Ctx = GatewayContext;

/** May this request's answer come from, or go to, the shared cache? */
const publicRequest = (ctx: Ctx | undefined) => ctx !== undefined && isAnonymous(ctx.actor) && !ctx.idempotencyKey;

/** Cache-Control (and Vary) of an answer; never an Age (see the top of this file). */
function setHttpHeaders(settings: ResponseCacheSettings, rc: GraphQLRequestContextWillSendResponse<GatewayContext>): void {
  const headers = rc.response.http.headers;
  headers.delete('age');
  const policy = rc.overallCachePolicy.policyIfCacheable();
  const single = rc.response.body.kind === 'single' ? rc.response.body.singleResult : undefined;
  const cacheable = policy && policy.scope === 'PUBLIC' && publicRequest(rc.contextValue) && single && !single.errors && rc.operation?.operation === 'query';
  // The policy's max-age is the answer's remaining lifetime (a hit's, through agedStore).
  const left = cacheable ? Math.floor(policy.maxAge) : 0;
  const maxAge = Math.min(left, settings.httpMaxAgeSeconds);
  if (maxAge > 0) {
    headers.set('cache-control', `public, max-age=${maxAge}`);
    // For the front cache (request-collapse.ts): never kept longer than the store keeps it.
    const sink = answerSink.getStore();
    if (sink) sink.cacheMaxAge = left;
    headers.set('vary', 'accept-language, authorization');
  } else {
    headers.set('cache-control', 'no-store');
  }
}

/** The plugins: cache policy from the subgraphs, the response cache, and the HTTP headers. */
export function responseCachePlugins(
  settings: ResponseCacheSettings,
  store: KeyValueStore,
  now: () => number = Date.now,
): ApolloServerPlugin<GatewayContext>[] {
  // Public answers only: a private hint (or a token) means no caching, never a per-session entry.
  const responseCache = settings.enabled
    ? ApolloServerPluginResponseCache<GatewayContext>({
        cache: agedStore(store, now),
        sessionId: async () => null,
        // Called before shouldReadFromCache: the version is read once per request, here.
        extraCacheKeyData: async (rc) => {
          const ctx = rc.contextValue as Ctx;
          ctx.contentVersion = publicRequest(ctx) ? await contentVersion() : null;
          return { v: ctx.contentVersion, locale: ctx.locale, base: ctx.publicBaseUrl };
        },
        shouldReadFromCache: async (rc) => publicRequest(rc.contextValue) && (rc.contextValue as Ctx).contentVersion != null,
        shouldWriteToCache: async (rc) => publicRequest(rc.contextValue) && (rc.contextValue as Ctx).contentVersion != null,
      })
    : undefined;
  return [
    // Headers are ours (below): Apollo's would tell a CDN the full TTL it cannot see invalidated.
    ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
    {
      // The response cache's listener, wrapped: its hit sets `Age` in its willSendResponse, and the
      // headers are decided once it has run (Apollo calls plugins' hooks concurrently).
      async requestDidStart(rc) {
        const inner = (await responseCache?.requestDidStart?.(rc)) ?? {};
        return {
          ...inner,
          async willSendResponse(rc) {
            await inner.willSendResponse?.(rc);
            setHttpHeaders(settings, rc);
          },
        };
      },
    },
  ];
}
