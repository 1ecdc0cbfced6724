// Whose failure an error inside the resilience policy is (adapters/kit/errors.ts
// classifyFailure, mapAnswer): the network's and the upstream's count towards the breaker, an
// answer the hub cannot read is the upstream's invalid answer, and a fault of the hub's own code
// is neither retried nor counted — one client's input never opens the breaker for the others.
import net from 'node:net';
import { errors } from 'undici';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HubError } from '../../schema/errors.ts';
import { classifyFailure, mapAnswer, UpstreamFailure } from '../../adapters/kit/errors.ts';
import { createUpstreamPolicy } from '../../adapters/kit/resilience.ts';
import { client, codeOf, fake, policyOptions, read, useJsonUpstream } from './json-upstream.ts';

useJsonUpstream();

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
