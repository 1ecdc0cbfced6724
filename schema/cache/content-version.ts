// The version of the hub's public content, for the gateway's response cache (gateway/
// response-cache.ts): every cached answer is filed under the version current when it was asked
// for, and anything that changes content — a mutation committed by a subgraph (publish,
// unpublish, withdrawal, approval …), a sync or scheduled publication run by a job — bumps the
// version *after* it committed and before its caller is answered. The very next request then
// reads the new version and misses the cache: invalidation by event, not by TTL.
//
// Where: a counter in this process (the whole hub in one process shares it: gateway and
// subgraphs), and a Redis counter when REDIS_URL is set, so gateways and subgraphs in separate
// processes or machines agree. Without Redis, separate processes only have the TTL: the gateway
// cannot hear a subgraph elsewhere. While Redis is unreachable the version is unknown and the
// gateway neither reads nor writes the cache (never a stale answer for want of an event).
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';

export const CONTENT_VERSION_KEY = 'cong-hub:content-version';

let local = 0;
/** 'changed' (reason) after every bump: for tests and metrics. */
export const contentEvents = new EventEmitter();
contentEvents.setMaxListeners(0);

interface Shared {
  redis: Redis;
  refs: number;
}
const connections = new Map<string, Shared>();
/** The Redis URLs this process was told about (gateway and subgraphs may each bring one). */
const active = new Set<string>();

export interface ContentVersionHandle {
  close(): Promise<void>;
}

/** Share the version through Redis at `url` (idempotent per URL; close what you opened). */
export function useRedisContentVersion(url: string | undefined): ContentVersionHandle {
  if (!url) return { close: async () => {} };
  let shared = connections.get(url);
  if (!shared) {
    const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    redis.on('error', () => {}); // unknown version meanwhile: no caching (see contentVersion)
    redis.connect().catch(() => {});
    shared = { redis, refs: 0 };
    connections.set(url, shared);
  }
  shared.refs += 1;
  active.add(url);
  let closed = false;
  return {
    async close() {
      if (closed) return;
      closed = true;
      shared.refs -= 1;
      if (shared.refs === 0) {
        connections.delete(url);
        active.delete(url);
        shared.redis.disconnect();
      }
    },
  };
}

/** Wait (bounded) until the shared connections are up, so the first requests already cache. */
export async function contentVersionReady(timeoutMs = 2_000): Promise<void> {
  await Promise.all(
    [...connections.values()].map(
      (s) =>
        s.redis.status === 'ready' ||
        new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(done, timeoutMs);
          timer.unref();
          s.redis.once('ready', done);
        }),
    ),
  );
}

/** The current version, or null when a shared counter cannot be read (then: no caching). */
export async function contentVersion(): Promise<string | null> {
  if (active.size === 0) return String(local);
  const parts = [String(local)];
  for (const url of active) {
    const s = connections.get(url);
    if (!s || s.redis.status !== 'ready') return null;
    try {
      parts.push((await s.redis.get(CONTENT_VERSION_KEY)) ?? '0');
    } catch {
      return null;
    }
  }
  return parts.join('.');
}

/** Content changed (call after the commit, before answering): every cached answer is stale. */
export async function contentChanged(reason: string): Promise<void> {
  local += 1;
  await Promise.all(
    [...active].map(async (url) => {
      const s = connections.get(url);
      if (!s) return;
      try {
        await s.redis.incr(CONTENT_VERSION_KEY);
      } catch {
        // Redis down: gateways cannot read the version either, so they do not cache meanwhile.
      }
    }),
  );
  contentEvents.emit('changed', reason);
}
