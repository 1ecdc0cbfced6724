// Anti-abuse limits that need no third party (A25, A4). Submissions are counted in the
// database itself (rows of the same client key or contact key within the window), so every
// replica sees the same count and nothing else has to be kept. Lookups by tracking code use the
// kit's per-client lookup limiter (subgraphs/kit/client-limit.ts), shared through Redis when
// REDIS_URL is set, like the dossier and live legal lookups.
import { HubError } from '../../../schema/errors.ts';
import type { Actor } from '../../../schema/security/signed-context.ts';
import { createClientLimiter, type ClientLimiter } from '../../kit/client-limit.ts';

export interface LookupLimiter {
  /** Throws RATE_LIMITED once the caller has used up its lookups for the minute. */
  take(caller: { actor: Actor; clientKey?: string }): Promise<void>;
}

/** Tracking lookups over a kit limiter (memory-only when none is given). */
export function createLookupLimiter(perMinute: number, limiter: ClientLimiter = createClientLimiter(perMinute, 'citizens-lookup')): LookupLimiter {
  return {
    async take(caller) {
      if (!(await limiter.take(caller))) throw new HubError('RATE_LIMITED', 'Too many lookups: wait a minute and try again.');
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
