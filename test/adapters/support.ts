// What the adapter tests share: resilience settings that keep a test fast (short attempts, tiny
// backoff, a breaker that stays closed unless a test opens it on purpose) and the check every
// failure must pass — a HubError naming its system, with nothing of the upstream in it.
import { expect } from 'vitest';
import { HubError } from '../../schema/errors.ts';

export const TEST_RESILIENCE = {
  attemptTimeoutMs: 400,
  retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 },
  breaker: { consecutiveFailures: 50, halfOpenAfterMs: 100 },
};

/** The call fails with a HubError of `system` whose message and extensions hold none of `leaks`. */
export async function expectUpstreamFailure(call: Promise<unknown>, system: string, leaks: string[]): Promise<HubError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HubError);
  const hub = error as HubError;
  const shown = JSON.stringify({ message: hub.message, extensions: hub.extensions });
  for (const leak of leaks) expect(shown).not.toContain(leak);
  expect(hub.extensions).toMatchObject({ system });
  return hub;
}
