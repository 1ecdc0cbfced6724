// The subgraph circuit breaker (C1, A30) on an injected clock: what opens it, what does not,
// and the half-open probe — no sleeping.
import { describe, expect, it } from 'vitest';
import { BreakerOpenError, CircuitBreaker } from '../../gateway/breaker.ts';
import { BREAKER_THRESHOLD, isUnhealthy, SubgraphAnswerError } from '../../gateway/data-source.ts';
import { SubgraphFetchError } from '../../gateway/fetcher.ts';

function setup() {
  const clock = { at: 1_000_000 };
  const breaker = new CircuitBreaker({ threshold: BREAKER_THRESHOLD, halfOpenMs: 5_000, now: () => clock.at });
  let calls = 0;
  const run = (outcome: unknown) =>
    breaker
      .execute(async () => {
        calls += 1;
        if (outcome !== 'ok') throw outcome;
        return 'ok';
      }, isUnhealthy)
      .catch((err: unknown) => err);
  return { clock, breaker, run, calls: () => calls };
}

const down = new SubgraphFetchError('UNAVAILABLE', 'subgraph unreachable');
const badInput = new SubgraphAnswerError(400, [{ message: 'Expected LocalDate', extensions: { code: 'BAD_USER_INPUT' } }]);

describe('what counts as the subgraph being unwell', () => {
  it.each([
    ['a refused connection', down, true],
    ['a timeout', new SubgraphFetchError('TIMEOUT', 't'), true],
    ['a 502 that is not GraphQL', new SubgraphAnswerError(502, undefined), true],
    ['a non-GraphQL body', new Error('Expected JSON response body'), true],
    ['a 400 BAD_USER_INPUT answer', badInput, false],
    ['a 500 GraphQL error answer', new SubgraphAnswerError(500, [{ message: 'x' }]), false],
    ['a 413 without a GraphQL body', new SubgraphAnswerError(413, undefined), false],
    ['an oversized answer', new SubgraphFetchError('TOO_LARGE', 'big'), false],
  ])('%s → %s', (_name, err, unhealthy) => expect(isUnhealthy(err)).toBe(unhealthy));
});

describe('CircuitBreaker', () => {
  it('never opens on client input errors, however many', async () => {
    const { breaker, run, calls } = setup();
    for (let i = 0; i < 100; i += 1) expect(await run(badInput)).toBe(badInput);
    expect(breaker.isOpen).toBe(false);
    expect(calls()).toBe(100);
    expect(await run('ok')).toBe('ok');
  });

  it('opens after the threshold of consecutive failures, fails fast, then probes once after the delay', async () => {
    const { clock, breaker, run, calls } = setup();
    for (let i = 0; i < BREAKER_THRESHOLD; i += 1) await run(down);
    expect(breaker.isOpen).toBe(true);
    expect(await run('ok')).toBeInstanceOf(BreakerOpenError);
    expect(calls()).toBe(BREAKER_THRESHOLD);

    clock.at += 4_999;
    expect(await run('ok')).toBeInstanceOf(BreakerOpenError);
    clock.at += 1;
    expect(await run(down)).toBe(down); // the probe fails: open again for a full delay
    expect(await run('ok')).toBeInstanceOf(BreakerOpenError);
    clock.at += 5_000;
    expect(await run('ok')).toBe('ok');
    expect(breaker.isOpen).toBe(false);
  });

  it('counts only consecutive failures: any answer in between (a success or a client error) resets the count', async () => {
    const { breaker, run } = setup();
    for (let round = 0; round < 4; round += 1) {
      for (let i = 0; i < BREAKER_THRESHOLD - 1; i += 1) await run(down);
      await run(round % 2 ? 'ok' : badInput);
    }
    expect(breaker.isOpen).toBe(false);
    await run(down);
    expect(breaker.isOpen).toBe(false);
  });
});
