// Configuration parts every adapter's zod schema shares, and the health probe every source
// answers with: one definition, so a new adapter accepts the same settings and reports the
// same shape as the others.
import { z } from 'zod';
import type { ResilienceOptions, UpstreamPolicy } from './resilience.ts';
import type { HealthReport } from './types.ts';

/** `ResilienceOptions` as configuration (tests shrink the delays; deployments tune them). */
export const resilienceConfigSchema = z.object({
  attemptTimeoutMs: z.number().int().positive(),
  retry: z.object({
    maxAttempts: z.number().int().min(1).max(10),
    initialDelayMs: z.number().nonnegative(),
    maxDelayMs: z.number().nonnegative(),
    maxRetryAfterMs: z.number().nonnegative(),
  }),
  breaker: z.object({ consecutiveFailures: z.number().int().min(1), halfOpenAfterMs: z.number().int().positive() }),
  // Injected by code, never by settings: kept through parsing (a zod object strips unknown keys,
  // and a dropped clock silently put the breakers back on the wall clock).
  clock: z.custom<() => number>((v) => typeof v === 'function').optional(),
  random: z.custom<() => number>((v) => typeof v === 'function').optional(),
}) satisfies z.ZodType<ResilienceOptions>;

/**
 * Run `probe` (a cheap read through the source's policy) and report: up or down with the
 * UPSTREAM_* code, the breaker's state, the latency. Never throws: health is an answer.
 */
export async function probeHealth(system: string, policy: UpstreamPolicy, probe: () => Promise<unknown>): Promise<HealthReport> {
  const started = performance.now();
  const report = (ok: boolean, errorCode?: string): HealthReport => ({
    system,
    ok,
    breaker: policy.breakerState,
    latencyMs: Math.round(performance.now() - started),
    ...(errorCode ? { errorCode } : {}),
  });
  try {
    await probe();
    return report(true);
  } catch (error) {
    return report(false, (error as { extensions?: { code?: string } }).extensions?.code ?? 'UPSTREAM_UNAVAILABLE');
  }
}
