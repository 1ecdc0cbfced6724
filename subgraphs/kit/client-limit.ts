// Per-client limit on lookups that cost an upstream call (a live legal-document lookup, a
// dossier status): the upstream's operators throttle the province as a whole, so one client
// asking in a loop must not spend everyone's share. Keyed by the signed-in actor, else the
// gateway's clientKey (a keyed hash of the address), else one shared bucket for callers the
// gateway could not name. In memory per subgraph process: a replica's budget is its own, which
// only errs on the lenient side.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Actor } from '../../schema/security/signed-context.ts';

export interface ClientLimiter {
  /** True when the caller may make one more lookup now (and counts it). */
  take(caller: { actor: Actor; clientKey?: string }): Promise<boolean>;
}

/** Kept for the legal subgraph's name of it. */
export type LiveLookupLimiter = ClientLimiter;

export function createClientLimiter(perMinute: number, keyPrefix: string): ClientLimiter {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60, keyPrefix });
  return {
    async take({ actor, clientKey }) {
      const key = actor.id ? `actor:${actor.id}` : clientKey ? `client:${clientKey}` : 'unnamed';
      try {
        await limiter.consume(key);
        return true;
      } catch (error) {
        if (error instanceof RateLimiterRes) return false;
        throw error;
      }
    },
  };
}

export const createLiveLookupLimiter = (perMinute: number): ClientLimiter => createClientLimiter(perMinute, 'legal-live');
