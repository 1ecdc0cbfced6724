// Per-client request limit. Shared through Redis when REDIS_URL is set (several gateway
// processes behind a load balancer); falls back to memory when Redis is down (C9).
import type { NextFunction, Request, Response } from 'express';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { sendError } from './http-guards.ts';

export interface RateLimit {
  middleware(req: Request, res: Response, next: NextFunction): void;
  close(): Promise<void>;
}

/** How long boot waits for Redis before serving with the memory fallback. */
const REDIS_CONNECT_WAIT_MS = 2_000;

export async function createRateLimit(opts: { perMinute: number; redisUrl?: string; keyPrefix?: string }): Promise<RateLimit> {
  const window = { points: opts.perMinute, duration: 60, keyPrefix: opts.keyPrefix ?? 'gw' };
  const memory = new RateLimiterMemory(window);
  let redis: Redis | undefined;
  let limiter: RateLimiterAbstract = memory;
  if (opts.redisUrl) {
    redis = new Redis(opts.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    redis.on('error', () => {}); // the insurance limiter takes over; errors are expected while down
    limiter = new RateLimiterRedis({ ...window, storeClient: redis, insuranceLimiter: memory });
    // Without the offline queue, a request before the connection is up counts in memory only:
    // wait briefly for Redis so a fresh process does not start with a private count.
    await waitReady(redis, REDIS_CONNECT_WAIT_MS);
  }
  return {
    middleware(req, res, next) {
      limiter.consume(req.ip ?? 'unknown').then(
        () => next(),
        (rej: unknown) => {
          if (rej instanceof RateLimiterRes) {
            res.setHeader('Retry-After', String(Math.ceil(rej.msBeforeNext / 1000)));
            return sendError(res, 429, 'RATE_LIMITED', 'Too many requests: wait and retry.');
          }
          next(); // the limiter itself failed: do not turn that into an outage
        },
      );
    },
    async close() {
      redis?.disconnect();
    },
  };
}

function waitReady(redis: Redis, ms: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    redis.once('ready', done);
  });
}
