// Remembers the nonces of gateway signatures for their validity window, so a signed call is
// accepted once. Shared through Redis when REDIS_URL is set (several replicas of a subgraph);
// memory otherwise, and as the fallback while Redis is down (a replica then only knows its own).
import { Redis } from 'ioredis';

export interface ReplayGuard {
  /** True the first time `key` is seen within `ttlSeconds`. */
  firstUse(key: string, ttlSeconds: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Above this many remembered nonces, expired ones are swept on the next call. */
const SWEEP_ABOVE = 10_000;

export function memoryReplayGuard(now = () => Date.now()): ReplayGuard {
  const seen = new Map<string, number>();
  return {
    async firstUse(key, ttlSeconds) {
      const t = now();
      if (seen.size > SWEEP_ABOVE) for (const [k, until] of seen) if (until <= t) seen.delete(k);
      const until = seen.get(key);
      if (until !== undefined && until > t) return false;
      seen.set(key, t + ttlSeconds * 1000);
      return true;
    },
    async close() {
      seen.clear();
    },
  };
}

export function redisReplayGuard(url: string, prefix = 'cong-hub:nonce:'): ReplayGuard {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', () => {}); // the memory guard takes over while Redis is down
  const fallback = memoryReplayGuard();
  return {
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
