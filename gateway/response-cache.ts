// The response cache for public content (issue 13): whole answers to anonymous queries, kept
// for as long as the subgraphs' cache hints allow (subgraphs/kit/cache-hints.ts) and filed
// under the content version (schema/cache/content-version.ts), so a publication, withdrawal or
// sync makes the very next request miss. Apollo Server's response-cache plugin does the work;
// this module decides what may be cached, where, and what HTTP caches are told.
//
// Never cached: anything asked with a token (staff, partners), with an Idempotency-Key, any
// mutation, any answer with errors, any answer a subgraph hinted private or did not hint at all
// (no-store), and nothing at all while the content version cannot be read (Redis down).
import type { ApolloServerPlugin } from '@apollo/server';
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

type Ctx = GatewayContext;

/** May this request's answer come from, or go to, the shared cache? */
const publicRequest = (ctx: Ctx | undefined) => ctx !== undefined && isAnonymous(ctx.actor) && !ctx.idempotencyKey;

/** The plugins: cache policy from the subgraphs, the response cache, and the HTTP headers. */
export function responseCachePlugins(settings: ResponseCacheSettings, store: KeyValueStore): ApolloServerPlugin<GatewayContext>[] {
  const plugins: ApolloServerPlugin<GatewayContext>[] = [
    // Headers are ours (below): Apollo's would tell a CDN the full TTL it cannot see invalidated.
    ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
    {
      async requestDidStart() {
        return {
          async willSendResponse(rc) {
            const policy = rc.overallCachePolicy.policyIfCacheable();
            const single = rc.response.body.kind === 'single' ? rc.response.body.singleResult : undefined;
            const cacheable =
              policy && policy.scope === 'PUBLIC' && publicRequest(rc.contextValue) && single && !single.errors && rc.operation?.operation === 'query';
            if (cacheable && settings.httpMaxAgeSeconds > 0) {
              rc.response.http.headers.set('cache-control', `public, max-age=${Math.min(policy.maxAge, settings.httpMaxAgeSeconds)}`);
              // For the front cache (request-collapse.ts): never kept longer than the store keeps it.
              const sink = answerSink.getStore();
              if (sink) sink.cacheMaxAge = policy.maxAge;
              rc.response.http.headers.set('vary', 'accept-language, authorization');
            } else {
              rc.response.http.headers.set('cache-control', 'no-store');
            }
          },
        };
      },
    },
  ];
  if (!settings.enabled) return plugins;
  plugins.push(
    ApolloServerPluginResponseCache<GatewayContext>({
      cache: store,
      // Public answers only: a private hint (or a token) means no caching, never a per-session entry.
      sessionId: async () => null,
      // Called before shouldReadFromCache: the version is read once per request, here.
      extraCacheKeyData: async (rc) => {
        const ctx = rc.contextValue as Ctx;
        ctx.contentVersion = publicRequest(ctx) ? await contentVersion() : null;
        return { v: ctx.contentVersion, locale: ctx.locale, base: ctx.publicBaseUrl };
      },
      shouldReadFromCache: async (rc) => publicRequest(rc.contextValue) && (rc.contextValue as Ctx).contentVersion != null,
      shouldWriteToCache: async (rc) => publicRequest(rc.contextValue) && (rc.contextValue as Ctx).contentVersion != null,
    }),
  );
  return plugins;
}
