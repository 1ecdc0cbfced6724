// The upstream every kit test of http.test.ts and failure-classification.test.ts calls: a real
// fake JSON upstream on 127.0.0.1 and the kit's HTTP client to it (live bindings, set by
// useJsonUpstream's hooks), the policy settings those tests start from, and one read as
// adapters make it.
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { HubError } from '../../schema/errors.ts';
import { startFakeUpstream, type FakeServer } from '../../adapters/kit/fake-upstream.ts';
import { assertUpstreamResponse, createHttpClient, responseText, type HttpClient } from '../../adapters/kit/http.ts';
import { createUrlGuard } from '../../adapters/kit/url-guard.ts';
import type { createUpstreamPolicy, ResilienceOptions } from '../../adapters/kit/resilience.ts';

export const MB = 1024 * 1024;
export let fake: FakeServer;
export let client: HttpClient;

const json = (body: unknown) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
/** Starts the upstream and the client before the file's tests, resets the upstream before each. */
export function useJsonUpstream(): void {
  beforeAll(async () => {
    fake = await startFakeUpstream({
      contentType: 'application/json',
      ok: (req) => json({ success: true, echo: req.url }),
      fault: () => json({ success: false }),
      malformed: () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"success":' }),
      hostile: () => json({}),
    });
    client = createHttpClient({ guard: createUrlGuard({ allowHosts: ['127.0.0.1'] }), timeoutMs: 500, maxBytes: MB });
  });
  afterAll(async () => {
    await client.close();
    await fake.close();
  });
  beforeEach(() => {
    fake.setMode({ kind: 'ok' });
    fake.received.length = 0;
  });
}

export const policyOptions = (overrides: Partial<ResilienceOptions> = {}): ResilienceOptions => ({
  attemptTimeoutMs: 1_000,
  retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 },
  breaker: { consecutiveFailures: 3, halfOpenAfterMs: 100 },
  ...overrides,
});

/** One upstream read through the policy, as adapters do it. */
export const read = (policy: ReturnType<typeof createUpstreamPolicy>, method: 'GET' | 'POST' = 'GET', idempotent = method === 'GET') =>
  policy.run(
    'test.read',
    async (signal) => {
      const res = await client.request({ method, url: `${fake.origin}/doc`, signal, body: method === 'POST' ? '{}' : undefined });
      assertUpstreamResponse(res, ['application/json']);
      return JSON.parse(responseText(res)) as { success: boolean };
    },
    { idempotent },
  );

export const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (e: unknown) => {
      expect(e).toBeInstanceOf(HubError);
      return (e as HubError).code;
    },
  );
