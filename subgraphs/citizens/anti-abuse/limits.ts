// Anti-abuse limits that need no third party (A25, A4). Submissions are counted in the
// database itself (rows of the same client key or contact key within the window), so every
// replica sees the same count and nothing else has to be kept. Lookups by tracking code are
// counted in memory per process: a replica's budget is its own, which errs on the lenient side.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { HubError } from '../../../schema/errors.ts';
import type { Actor } from '../../../schema/security/signed-context.ts';

export interface LookupLimiter {
  /** Throws RATE_LIMITED once the caller has used up its lookups for the minute. */
  take(caller: { actor: Actor; clientKey?: string }): Promise<void>;
}

export function createLookupLimiter(perMinute: number): LookupLimiter {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60, keyPrefix: 'citizens-lookup' });
  return {
    async take({ actor, clientKey }) {
      const key = actor.id ? `actor:${actor.id}` : clientKey ? `client:${clientKey}` : 'unnamed';
      try {
        await limiter.consume(key);
      } catch (error) {
        if (error instanceof RateLimiterRes) throw new HubError('RATE_LIMITED', 'Too many lookups: wait a minute and try again.');
        throw error;
      }
    },
  };
}

export interface RecentCounts {
  /** Submissions from this client key in the last hour. */
  byClient: number;
  /** Submissions with this contact key in the last day. */
  byContact: number;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export function checkSubmissionLimits(counts: RecentCounts, limits: { perClientHour: number; perContactDay: number }): void {
  if (counts.byClient >= limits.perClientHour || counts.byContact >= limits.perContactDay) {
    throw new HubError('RATE_LIMITED', 'Too many submissions: please try again later.');
  }
}
