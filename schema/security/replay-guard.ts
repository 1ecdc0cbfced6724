// Remembers the nonces of gateway signatures for their validity window, so a signed call is
// accepted once. Shared through Redis when REDIS_URL is set (several replicas of a subgraph);
// memory otherwise, and as the fallback while Redis is down (a replica then only knows its own).
import { Redis } from 'ioredis';

export interface ReplayGuard {
  /** True the first time `key` is seen within `ttlSeconds`. */
  firstUse(key: string, ttlSeconds: number): Promise<boolean>;
  close(): Promise<void>;
}

/** The in-memory guard, with how many nonces it holds now (expired ones not yet dropped included). */
export interface MemoryReplayGuard extends ReplayGuard {
  size(): number;
}

/**
 * A key held apart from the strings it was cut from. A key built from parts of a header (the
 * nonce and key id are cut out of Signature-Input) is a rope of slices that keeps the whole
 * header alive for the nonce’s window: 482 bytes of heap per remembered call instead of 182, all
 * of it promoted out of the young generation. Concatenating forces one flat copy; the slice of it
 * keeps nothing else.
 */
const ownCopy = (key: string): string => `${key} `.slice(0, -1);

/**
 * Nonces in two generations: the current one takes new nonces; every `period` (the longest TTL
 * asked for) it becomes the previous one and the previous one is dropped whole. A nonce is thus
 * kept at least its TTL and at most two periods, and each call costs the same however many nonces
 * are held (a sweep over every nonce on each call grew with the call rate: at 600 calls a second
 * each call walked 20,000 entries).
 */
export function memoryReplayGuard(now = () => Date.now()): MemoryReplayGuard {
  let current = new Map<string, number>();
  let previous = new Map<string, number>();
  let period = 0;
  let rotatedAt = now();
  return {
    async firstUse(key, ttlSeconds) {
      const t = now();
      const ttl = ttlSeconds * 1000;
      if (ttl > period) period = ttl;
      const since = t - rotatedAt;
      if (since >= period) {
        previous = since >= 2 * period ? new Map() : current;
        current = new Map();
        rotatedAt = t;
      }
      const until = current.get(key) ?? previous.get(key);
      if (until !== undefined && until > t) return false;
      current.set(ownCopy(key), t + ttl);
      return true;
    },
    size: () => current.size + previous.size,
    async close() {
      current.clear();
      previous.clear();
    },
  };
}

/** The Redis guard, with when it first reaches Redis (until then it answers from memory). */
export interface RedisReplayGuard extends ReplayGuard {
  /** Resolves once connected to Redis (at once if it already is). */
  connected(): Promise<void>;
}

export function redisReplayGuard(url: string, prefix = 'cong-hub:nonce:'): RedisReplayGuard {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', () => {}); // the memory guard takes over while Redis is down
  const fallback = memoryReplayGuard();
  return {
    connected: () => (redis.status === 'ready' ? Promise.resolve() : new Promise((resolve) => redis.once('ready', () => resolve()))),
    async firstUse(key, ttlSeconds) {
      if (redis.status !== 'ready') return fallback.firstUse(key, ttlSeconds);
      try {
        return (await redis.set(prefix + key, '1', 'EX', ttlSeconds, 'NX')) === 'OK';
      } catch {
        return fallback.firstUse(key, ttlSeconds);
      }
    },
    async close() {
      redis.disconnect();
      await fallback.close();
    },
  };
}

export const createReplayGuard = (redisUrl?: string): ReplayGuard => (redisUrl ? redisReplayGuard(redisUrl) : memoryReplayGuard());
