// The upstream HTTP client and resilience policy against a real server on 127.0.0.1
// (SECURITY-MATRIX B1, B11, B13, C5): deadline, byte cap, retries for idempotent reads only,
// Retry-After, and the circuit breaker opening and recovering through a half-open probe.
import { describe, expect, it } from 'vitest';
import { HubError } from '../../schema/errors.ts';
import { assertUpstreamResponse, createHttpClient } from '../../adapters/kit/http.ts';
import { createUrlGuard } from '../../adapters/kit/url-guard.ts';
import { createUpstreamPolicy } from '../../adapters/kit/resilience.ts';
import { client, codeOf, fake, MB, policyOptions, read, useJsonUpstream } from './json-upstream.ts';

useJsonUpstream();

describe('deadline and byte cap', () => {
  it('times out a slow upstream at the deadline', async () => {
    fake.setMode({ kind: 'slow', delayMs: 3_000 });
    const started = Date.now();
    await expect(client.request({ method: 'GET', url: `${fake.origin}/slow` })).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('ends a trickling body at the deadline although bytes keep coming (B11)', async () => {
    fake.setMode({ kind: 'trickle', intervalMs: 50 });
    const started = Date.now();
    await expect(client.request({ method: 'GET', url: `${fake.origin}/trickle` })).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(fake.lastStreamedBytes).toBeLessThan(30);
  });

  it('aborts a 200 MB body at the byte cap with memory bounded (B11)', async () => {
    fake.setMode({ kind: 'oversized', bytes: 200 * MB });
    const before = process.memoryUsage();
    const big = createHttpClient({ guard: createUrlGuard({ allowHosts: ['127.0.0.1'] }), timeoutMs: 10_000, maxBytes: MB });
    await expect(big.request({ method: 'GET', url: `${fake.origin}/big` })).rejects.toMatchObject({ kind: 'invalid' });
    const after = process.memoryUsage();
    expect(fake.lastStreamedBytes).toBeLessThan(40 * MB);
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(48 * MB);
    expect(after.rss - before.rss).toBeLessThan(96 * MB);
    await big.close();
  });

  it('refuses a declared Content-Length over the cap without reading the body', async () => {
    fake.setMode({ kind: 'oversized', bytes: 50 * MB, declareLength: true });
    await expect(client.request({ method: 'GET', url: `${fake.origin}/declared` })).rejects.toMatchObject({ kind: 'invalid' });
    expect(fake.lastStreamedBytes).toBeLessThan(20 * MB);
  });

  it('does not follow redirects; a followed one is re-checked by the guard (B1)', async () => {
    fake.setMode({ kind: 'redirect', location: 'http://169.254.169.254/latest/meta-data/' });
    const res = await client.request({ method: 'GET', url: `${fake.origin}/r` });
    expect(() => assertUpstreamResponse(res, ['application/json'])).toThrow(expect.objectContaining({ kind: 'invalid' }));
    const following = createHttpClient({ guard: createUrlGuard({ allowHosts: ['127.0.0.1'] }), timeoutMs: 500, maxBytes: MB, maxRedirects: 3 });
    await expect(following.request({ method: 'GET', url: `${fake.origin}/r` })).rejects.toMatchObject({ kind: 'invalid' });
    fake.setMode({ kind: 'redirect', location: `${fake.origin}/elsewhere` });
    const hops = fake.received.length;
    await expect(following.request({ method: 'GET', url: `${fake.origin}/r` })).resolves.toMatchObject({ status: 302 });
    expect(fake.received.length - hops).toBe(4); // the first request and three re-checked hops
    await following.close();
  });

  it('maps an HTML 502 page to UPSTREAM_UNAVAILABLE with the status (B13)', async () => {
    fake.setMode({ kind: 'html-502' });
    const policy = createUpstreamPolicy('test', policyOptions({ retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 } }));
    const error = await read(policy).catch((e: HubError) => e);
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).code).toBe('UPSTREAM_UNAVAILABLE');
    expect((error as HubError).extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', system: 'test', operation: 'test.read', status: 502 });
    // Nothing of the upstream body, its URL or the library reaches the client.
    expect(JSON.stringify(error)).not.toMatch(/nginx|127\.0\.0\.1|Bad Gateway|undici/);
  });
});

describe('retries', () => {
  it('retries an idempotent read through 5xx and succeeds', async () => {
    fake.setMode({ kind: 'fail-then-ok', failures: 2 });
    const policy = createUpstreamPolicy('test', policyOptions());
    const retries: number[] = [];
    policy.onRetry(({ attempt }) => retries.push(attempt));
    await expect(read(policy)).resolves.toMatchObject({ success: true });
    expect(fake.received).toHaveLength(3);
    expect(retries).toEqual([1, 2]);
  });

  it('never retries a write (a POST not declared idempotent)', async () => {
    fake.setMode({ kind: 'fail-then-ok', failures: 2 });
    const policy = createUpstreamPolicy('test', policyOptions());
    expect(await codeOf(read(policy, 'POST'))).toBe('UPSTREAM_UNAVAILABLE');
    expect(fake.received).toHaveLength(1);
    expect(fake.received[0]!.method).toBe('POST');
  });

  it('does not retry an invalid response (it is an answer, not an outage)', async () => {
    fake.setMode({ kind: 'html-502' });
    fake.setMode({ kind: 'redirect', location: '/x' });
    const policy = createUpstreamPolicy('test', policyOptions());
    expect(await codeOf(read(policy))).toBe('UPSTREAM_INVALID_RESPONSE');
    expect(fake.received).toHaveLength(1);
  });

  it('honours Retry-After on 429', async () => {
    fake.setMode({ kind: 'rate-limited', retryAfter: '1', times: 1 });
    const policy = createUpstreamPolicy('test', policyOptions());
    await expect(read(policy)).resolves.toMatchObject({ success: true });
    expect(fake.received).toHaveLength(2);
    const waited = fake.received[1]!.at - fake.received[0]!.at;
    expect(waited).toBeGreaterThanOrEqual(950);
  });

  it('fails fast with UPSTREAM_RATE_LIMITED when Retry-After is longer than worth waiting', async () => {
    fake.setMode({ kind: 'rate-limited', retryAfter: '3600' });
    const policy = createUpstreamPolicy('test', policyOptions());
    const started = Date.now();
    expect(await codeOf(read(policy))).toBe('UPSTREAM_RATE_LIMITED');
    expect(fake.received).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('gives up after maxAttempts with the last failure', async () => {
    fake.setMode({ kind: 'fail-then-ok', failures: 100, status: 500 });
    const policy = createUpstreamPolicy('test', policyOptions({ breaker: { consecutiveFailures: 100, halfOpenAfterMs: 100 } }));
    const error = (await read(policy).catch((e: unknown) => e)) as HubError;
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.extensions.status).toBe(500);
    expect(fake.received).toHaveLength(3);
  });
});

describe('circuit breaker', () => {
  it('opens after consecutive failures, fails fast, and recovers through a half-open probe (C5)', async () => {
    fake.setMode({ kind: 'fail-then-ok', failures: 1_000 });
    const noRetry = { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 };
    // The half-open delay runs on an injected clock: the test moves it, nothing waits.
    let now = 1_000_000;
    const policy = createUpstreamPolicy(
      'test',
      policyOptions({ retry: noRetry, breaker: { consecutiveFailures: 3, halfOpenAfterMs: 60_000 }, clock: () => now }),
    );
    for (let i = 0; i < 3; i++) expect(await codeOf(read(policy))).toBe('UPSTREAM_UNAVAILABLE');
    expect(policy.breakerState).toBe('open');
    expect(fake.received).toHaveLength(3);

    // Open: fails without reaching the upstream, until the clock passes the delay.
    expect(await codeOf(read(policy))).toBe('UPSTREAM_UNAVAILABLE');
    now += 59_999;
    expect(await codeOf(read(policy))).toBe('UPSTREAM_UNAVAILABLE');
    expect(fake.received).toHaveLength(3);

    // A failed half-open probe opens it again.
    now += 1;
    expect(await codeOf(read(policy))).toBe('UPSTREAM_UNAVAILABLE');
    expect(fake.received).toHaveLength(4);
    expect(policy.breakerState).toBe('open');
    expect(await codeOf(read(policy))).toBe('UPSTREAM_UNAVAILABLE');
    expect(fake.received).toHaveLength(4);

    // The upstream recovers: the next probe closes the breaker.
    fake.setMode({ kind: 'ok' });
    now += 60_000;
    await expect(read(policy)).resolves.toMatchObject({ success: true });
    expect(policy.breakerState).toBe('closed');
  });

  it('counts timeouts, not faults, towards opening', async () => {
    const noRetry = { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 };
    const policy = createUpstreamPolicy('test', policyOptions({ retry: noRetry, attemptTimeoutMs: 100 }));
    fake.setMode({ kind: 'redirect', location: '/x' });
    for (let i = 0; i < 4; i++) expect(await codeOf(read(policy))).toBe('UPSTREAM_INVALID_RESPONSE');
    expect(policy.breakerState).toBe('closed');
    fake.setMode({ kind: 'slow', delayMs: 1_000 });
    for (let i = 0; i < 3; i++) expect(await codeOf(read(policy))).toBe('UPSTREAM_TIMEOUT');
    expect(policy.breakerState).toBe('open');
  });
});
