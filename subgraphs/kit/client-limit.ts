// Per-client limits on lookups: a live legal-document lookup and a dossier status (they cost an
// upstream call, and the upstream's operators throttle the province as a whole), a citizen's
// tracking-code lookup (A4: codes must not be tried in a loop). One implementation for every
// subgraph: keyed by the signed-in actor, else the gateway's clientKey (a keyed hash of the
// address), else one shared bucket for callers the gateway could not name.
//
// Shared through Redis when REDIS_URL is set, so replicas of a subgraph count together (the
// gateway's request limit does the same, gateway/rate-limit.ts); in memory otherwise, and as the
// insurance while Redis is down (a replica then counts alone, erring on the lenient side). Redis
// keys are namespaced by the database's name: the replicas of one hub share a database, and two
// hubs (or two test runs) on one Redis never share counts.
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { PrismaClient } from '../../schema/db/prisma.ts';
import type { Actor } from '../../schema/security/signed-context.ts';

export interface ClientLimiter {
  /** True when the caller may make one more lookup now (and counts it). */
  take(caller: { actor: Actor; clientKey?: string }): Promise<boolean>;
}

/** Kept for the legal subgraph's name of it. */
export type LiveLookupLimiter = ClientLimiter;

/** Where a subgraph's limiters count: one per subgraph process (SubgraphHost.limits). */
export interface LimitStore {
  /** A limiter of `perMinute` lookups per caller, its counts under `keyPrefix`. */
  limiter(perMinute: number, keyPrefix: string): ClientLimiter;
  /** True once counts go to Redis (false: memory only, or Redis not reachable yet). */
  shared(): boolean;
  close(): Promise<void>;
}

const callerKey = ({ actor, clientKey }: { actor: Actor; clientKey?: string }) =>
  actor.id ? `actor:${actor.id}` : clientKey ? `client:${clientKey}` : 'unnamed';

async function consume(limiter: RateLimiterAbstract, key: string): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (error) {
    if (error instanceof RateLimiterRes) return false;
    throw error;
  }
}

/** A limiter counted in this process only. */
export function createClientLimiter(perMinute: number, keyPrefix: string): ClientLimiter {
  const memory = new RateLimiterMemory({ points: perMinute, duration: 60, keyPrefix });
  return { take: (caller) => consume(memory, callerKey(caller)) };
}

export const createLiveLookupLimiter = (perMinute: number): ClientLimiter => createClientLimiter(perMinute, 'legal-live');

/** The limit store of a subgraph: Redis when `redisUrl` is given, memory otherwise. */
export function createLimitStore(redisUrl: string | undefined, prisma: PrismaClient): LimitStore {
  if (!redisUrl) return { limiter: createClientLimiter, shared: () => false, close: async () => {} };
  const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => {}); // the insurance limiter counts while Redis is down
  redis.connect().catch(() => {});
  // The namespace: the database's name, read once (the database answers before any lookup does).
  let namespace: Promise<string> | null = null;
  const namespaceOf = () =>
    (namespace ??= prisma.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`.then(
      (rows) => rows[0]!.name,
      (err: unknown) => {
        namespace = null; // asked again on the next lookup
        throw err;
      },
    ));
  return {
    limiter(perMinute, keyPrefix) {
      const memory = new RateLimiterMemory({ points: perMinute, duration: 60, keyPrefix });
      let shared: RateLimiterRedis | null = null;
      return {
        async take(caller) {
          if (!shared) {
            const name = await namespaceOf().catch(() => null);
            if (name === null) return consume(memory, callerKey(caller));
            shared = new RateLimiterRedis({
              points: perMinute,
              duration: 60,
              keyPrefix: `cong-hub:limit:${name}:${keyPrefix}`,
              storeClient: redis,
              insuranceLimiter: memory,
            });
          }
          return consume(shared, callerKey(caller));
        },
      };
    },
    shared: () => redis.status === 'ready',
    async close() {
      redis.disconnect();
    },
  };
}
