// The upstream HTTP client and resilience policy against a real server on 127.0.0.1
// (SECURITY-MATRIX B1, B11, B13, C5): deadline, byte cap, retries for idempotent reads only,
// Retry-After, and the circuit breaker opening and recovering through a half-open probe.
import net from 'node:net';
import { errors } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HubError } from '../../schema/errors.ts';
import { startFakeUpstream, type FakeServer } from '../../adapters/kit/fake-upstream.ts';
import { assertUpstreamResponse, createHttpClient, responseText, type HttpClient } from '../../adapters/kit/http.ts';
import { createUrlGuard } from '../../adapters/kit/url-guard.ts';
import { createUpstreamPolicy, type ResilienceOptions } from '../../adapters/kit/resilience.ts';
import { classifyFailure, mapAnswer, UpstreamFailure } from '../../adapters/kit/errors.ts';

const MB = 1024 * 1024;
let fake: FakeServer;
let client: HttpClient;

const json = (body: unknown) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
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

const policyOptions = (overrides: Partial<ResilienceOptions> = {}): ResilienceOptions => ({
  attemptTimeoutMs: 1_000,
  retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 },
  breaker: { consecutiveFailures: 3, halfOpenAfterMs: 100 },
  ...overrides,
});

/** One upstream read through the policy, as adapters do it. */
const read = (policy: ReturnType<typeof createUpstreamPolicy>, method: 'GET' | 'POST' = 'GET', idempotent = method === 'GET') =>
  policy.run(
    'test.read',
    async (signal) => {
      const res = await client.request({ method, url: `${fake.origin}/doc`, signal, body: method === 'POST' ? '{}' : undefined });
      assertUpstreamResponse(res, ['application/json']);
      return JSON.parse(responseText(res)) as { success: boolean };
    },
    { idempotent },
  );

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (e: unknown) => {
      expect(e).toBeInstanceOf(HubError);
      return (e as HubError).code;
    },
  );

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

describe('mapAnswer: an answer our mapping cannot read is the upstream’s invalid answer', () => {
  const unreadable = () => (JSON.parse('{"items":null}') as { items: string[] }).items.map((x) => x.trim());
  it('turns what a mapping throws, or its promise rejects with, into UpstreamFailure invalid', async () => {
    const sync = (() => {
      try {
        return mapAnswer(unreadable);
      } catch (e) {
        return e;
      }
    })();
    expect(sync).toBeInstanceOf(UpstreamFailure);
    expect(sync).toMatchObject({ kind: 'invalid', cause: expect.any(TypeError) });
    const rejected = await mapAnswer(async () => unreadable()).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(UpstreamFailure);
    expect(rejected).toMatchObject({ kind: 'invalid', cause: expect.any(TypeError) });
    expect(classifyFailure(rejected).kind).toBe('invalid');
  });

  it('passes values, and the kit’s and the hub’s own errors, through unchanged', async () => {
    expect(mapAnswer(() => 7)).toBe(7);
    expect(await mapAnswer(async () => 'ok')).toBe('ok');
    const down = new UpstreamFailure('unavailable', 'HTTP 503');
    await expect(mapAnswer(() => Promise.reject(down))).rejects.toBe(down);
    const hub = new HubError('NOT_FOUND', 'no such issue');
    expect(() =>
      mapAnswer(() => {
        throw hub;
      }),
    ).toThrow(hub);
  });
});

describe('whose failure it is: only the upstream’s count (one client’s input never opens the breaker for others)', () => {
  const noRetry = { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 };
  const systemError = (code: string) => Object.assign(new Error(`connect ${code}`), { code, errno: -1, syscall: 'connect' });
  /** A port on 127.0.0.1 nobody listens on (bound, then closed). */
  const closedPort = async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  };
  /** A server that answers every connection with a TCP reset. */
  const resettingServer = async () => {
    const server = net.createServer((socket) => socket.resetAndDestroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { origin: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, close: () => new Promise((r) => server.close(r)) };
  };
  const ownBug = () => {
    const wire = JSON.parse('{"items":null}') as { items: { id: string }[] };
    return wire.items.map((item) => item.id); // TypeError: Cannot read properties of null
  };

  it.each<[string, unknown, string]>([
    [
      'a TypeError of our code',
      (() => {
        try {
          ownBug();
        } catch (e) {
          return e;
        }
      })(),
      'internal',
    ],
    ['a ReferenceError', new ReferenceError('mapRow is not defined'), 'internal'],
    ['a RangeError', new RangeError('Invalid time value'), 'internal'],
    [
      'a bad regexp (SyntaxError, not JSON)',
      (() => {
        try {
          return new RegExp(['(', ''].join('')); // a pattern built at run time
        } catch (e) {
          return e;
        }
      })(),
      'internal',
    ],
    [
      'Node’s argument check (ERR_INVALID_ARG_TYPE)',
      (() => {
        try {
          return Buffer.from(undefined as unknown as string);
        } catch (e) {
          return e;
        }
      })(),
      'internal',
    ],
    ['undici’s argument check (a header with a newline)', new errors.InvalidArgumentError('invalid x header'), 'internal'],
    ['a HubError of ours (BAD_USER_INPUT)', new HubError('BAD_USER_INPUT', 'bad page'), 'internal'],
    ['ECONNREFUSED', systemError('ECONNREFUSED'), 'unavailable'],
    ['ECONNRESET', systemError('ECONNRESET'), 'unavailable'],
    ['EPIPE', systemError('EPIPE'), 'unavailable'],
    ['ENOTFOUND', systemError('ENOTFOUND'), 'unavailable'],
    ['EAI_AGAIN', systemError('EAI_AGAIN'), 'unavailable'],
    ['EHOSTUNREACH', systemError('EHOSTUNREACH'), 'unavailable'],
    ['undici’s socket error', new errors.SocketError('other side closed'), 'unavailable'],
    [
      'an HTTP parser error',
      new (errors.HTTPParserError as unknown as new (message: string, code: string) => Error)('Invalid status code', 'INVALID_STATUS'),
      'unavailable',
    ],
    ['fetch failed, cause ECONNREFUSED', new TypeError('fetch failed', { cause: systemError('ECONNREFUSED') }), 'unavailable'],
    ['fetch failed, cause without a code', new TypeError('fetch failed', { cause: new Error('bad port') }), 'unavailable'],
    ['a TypeError wrapping a reset', new TypeError('terminated', { cause: systemError('ECONNRESET') }), 'unavailable'],
    ['an abort', new DOMException('This operation was aborted', 'AbortError'), 'unavailable'],
    ['an axios error with a response', Object.assign(new Error('Request failed'), { isAxiosError: true, response: { status: 502 } }), 'unavailable'],
    ['a library’s subclass of TypeError', new (class WireError extends TypeError {})('socket hang up'), 'unavailable'],
    ['an unknown Error (not positively ours)', new Error('something happened'), 'unavailable'],
    ['a thrown string', 'oops', 'unavailable'],
    ['undici’s headers timeout', new errors.HeadersTimeoutError(), 'timeout'],
    ['AbortSignal.timeout', new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 'timeout'],
    [
      'JSON.parse of a body',
      (() => {
        try {
          return JSON.parse('{"success":');
        } catch (e) {
          return e;
        }
      })(),
      'invalid',
    ],
    ['a zod verdict', z.object({ id: z.string() }).safeParse({}).error, 'invalid'],
    [
      'bytes that are not UTF-8',
      (() => {
        try {
          return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from([0xff]));
        } catch (e) {
          return e;
        }
      })(),
      'invalid',
    ],
  ])('%s → %s', (_name, error, kind) => {
    expect(classifyFailure(error).kind).toBe(kind);
  });

  /** A read through `policy` that reaches the upstream, then fails in our own mapping. */
  const readWithOwnBug = (policy: ReturnType<typeof createUpstreamPolicy>) =>
    policy.run(
      'test.read',
      async (signal) => {
        await client.request({ method: 'GET', url: `${fake.origin}/doc`, signal });
        return ownBug();
      },
      { idempotent: true },
    );

  it('a TypeError of our code inside policy.run: INTERNAL_SERVER_ERROR, not retried, never opens the breaker', async () => {
    const policy = createUpstreamPolicy('test', policyOptions({ breaker: { consecutiveFailures: 3, halfOpenAfterMs: 60_000 } }));
    const retries: number[] = [];
    policy.onRetry(({ attempt }) => retries.push(attempt));
    const buggy = () => readWithOwnBug(policy);
    for (let i = 0; i < 6; i++) {
      const error = (await buggy().catch((e: unknown) => e)) as HubError;
      expect(error).toBeInstanceOf(HubError);
      expect(error.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error.message).toBe('Internal server error');
      expect(JSON.stringify(error)).not.toMatch(/Cannot read|null|127\.0\.0\.1/);
    }
    expect(fake.received).toHaveLength(6); // one attempt each
    expect(retries).toEqual([]);
    expect(policy.breakerState).toBe('closed');
    await expect(read(policy)).resolves.toMatchObject({ success: true });
  });

  it('own faults are not successes either: they do not reset the count of the upstream’s failures', async () => {
    const port = await closedPort();
    const policy = createUpstreamPolicy('test', policyOptions({ retry: noRetry, breaker: { consecutiveFailures: 3, halfOpenAfterMs: 60_000 } }));
    const down = () =>
      policy.run('test.read', (signal) => client.request({ method: 'GET', url: `http://127.0.0.1:${port}/doc`, signal }), { idempotent: true });
    const bug = () => policy.run('test.read', async () => ownBug(), { idempotent: true });
    expect(await codeOf(down())).toBe('UPSTREAM_UNAVAILABLE');
    expect(await codeOf(down())).toBe('UPSTREAM_UNAVAILABLE');
    expect(await codeOf(bug())).toBe('INTERNAL_SERVER_ERROR');
    expect(policy.breakerState).toBe('closed');
    expect(await codeOf(down())).toBe('UPSTREAM_UNAVAILABLE');
    expect(policy.breakerState).toBe('open');
  });

  it('a real undici request to a closed port on 127.0.0.1 is unavailable, and refused connections open the breaker', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/doc`;
    const failure = await client.request({ method: 'GET', url }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: 'unavailable' });
    expect((failure as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
    const policy = createUpstreamPolicy('test', policyOptions({ retry: noRetry }));
    for (let i = 0; i < 3; i++) {
      expect(await codeOf(policy.run('test.read', (signal) => client.request({ method: 'GET', url, signal }), { idempotent: true }))).toBe(
        'UPSTREAM_UNAVAILABLE',
      );
    }
    expect(policy.breakerState).toBe('open');
  });

  it('connection resets still count and open the breaker', async () => {
    const resetting = await resettingServer();
    try {
      const failure = await client.request({ method: 'GET', url: `${resetting.origin}/doc` }).catch((e: unknown) => e);
      expect(failure).toMatchObject({ kind: 'unavailable' });
      const policy = createUpstreamPolicy('test', policyOptions({ retry: noRetry }));
      const call = () => policy.run('test.read', (signal) => client.request({ method: 'GET', url: `${resetting.origin}/doc`, signal }), { idempotent: true });
      for (let i = 0; i < 3; i++) expect(await codeOf(call())).toBe('UPSTREAM_UNAVAILABLE');
      expect(policy.breakerState).toBe('open');
    } finally {
      await resetting.close();
    }
  });

  it('a malformed body is UPSTREAM_INVALID_RESPONSE: not retried, not counted', async () => {
    fake.setMode({ kind: 'malformed' });
    const policy = createUpstreamPolicy('test', policyOptions());
    for (let i = 0; i < 4; i++) expect(await codeOf(read(policy))).toBe('UPSTREAM_INVALID_RESPONSE');
    expect(fake.received).toHaveLength(4);
    expect(policy.breakerState).toBe('closed');
  });

  it('an own fault in the half-open probe neither closes the breaker nor keeps it open: the next call probes', async () => {
    fake.setMode({ kind: 'fail-then-ok', failures: 1_000 });
    let now = 1_000_000;
    const policy = createUpstreamPolicy(
      'test',
      policyOptions({ retry: noRetry, breaker: { consecutiveFailures: 3, halfOpenAfterMs: 60_000 }, clock: () => now }),
    );
    const buggyRead = () => readWithOwnBug(policy);
    for (let i = 0; i < 3; i++) expect(await codeOf(read(policy))).toBe('UPSTREAM_UNAVAILABLE');
    expect(policy.breakerState).toBe('open');

    // The delay passes; the probe is a request whose mapping throws: no verdict on the upstream.
    now += 60_000;
    fake.setMode({ kind: 'ok' });
    expect(await codeOf(buggyRead())).toBe('INTERNAL_SERVER_ERROR');
    expect(fake.received).toHaveLength(4);
    expect(policy.breakerState).not.toBe('closed');
    // No new delay: the very next call is the probe, and the upstream's answer decides.
    fake.setMode({ kind: 'fail-then-ok', failures: 1_000 });
    expect(await codeOf(read(policy))).toBe('UPSTREAM_UNAVAILABLE');
    expect(fake.received).toHaveLength(5);
    expect(policy.breakerState).toBe('open');
    // That failure re-opened it for the full delay.
    now += 59_999;
    expect(await codeOf(read(policy))).toBe('UPSTREAM_UNAVAILABLE');
    expect(fake.received).toHaveLength(5);
    now += 1;
    expect(await codeOf(buggyRead())).toBe('INTERNAL_SERVER_ERROR');
    fake.setMode({ kind: 'ok' });
    await expect(read(policy)).resolves.toMatchObject({ success: true });
    expect(policy.breakerState).toBe('closed');
  });
});
