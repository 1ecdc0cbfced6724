// One policy per upstream, from cockatiel: retry (idempotent reads only) → circuit breaker →
// per-attempt timeout → the call. Retries use exponential backoff with full jitter, or the
// upstream's Retry-After on 429/503 when it is within `maxRetryAfterMs` (a longer wait fails
// fast as UPSTREAM_RATE_LIMITED / UNAVAILABLE instead of holding a request). Only timeouts and
// unavailability count towards the breaker: a fault or a malformed body is an answer.
import {
  ConsecutiveBreaker,
  DelegateBackoff,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  CircuitState,
  type IBackoff,
  type IBackoffFactory,
  type IHalfOpenAfterBackoffContext,
  type IPolicy,
  type IRetryBackoffContext,
} from 'cockatiel';
import { classifyFailure, isBreakerOpen, isUnhealthy, toHubError } from './errors.ts';
import { metrics, watchBreaker } from '../../schema/observability/metrics.ts';
import { SpanKind, withSpan } from '../../schema/observability/tracing.ts';
import type { BreakerState } from '../../schema/domain/sources.ts';

export interface ResilienceOptions {
  /** Deadline of one attempt, enforced even if the call ignores its abort signal. */
  attemptTimeoutMs: number;
  retry: {
    /** Attempts in total, the first included. */
    maxAttempts: number;
    initialDelayMs: number;
    maxDelayMs: number;
    /** Longest Retry-After honoured by waiting; longer ones fail fast. */
    maxRetryAfterMs: number;
  };
  breaker: {
    consecutiveFailures: number;
    halfOpenAfterMs: number;
  };
  /** Injectable randomness for the jitter (tests). */
  random?: () => number;
  /** Injectable clock (epoch ms) timing the breaker's half-open delay (tests move it instead of waiting). */
  clock?: () => number;
}

export const DEFAULT_RESILIENCE: ResilienceOptions = {
  attemptTimeoutMs: 10_000,
  retry: { maxAttempts: 3, initialDelayMs: 200, maxDelayMs: 5_000, maxRetryAfterMs: 30_000 },
  breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
};

export type { BreakerState };

export interface CallOptions {
  /** A read that can be repeated without effect. Writes are never retried. */
  idempotent: boolean;
}

export interface UpstreamPolicy {
  /** Run one upstream operation; failures come out as HubError (UPSTREAM_*). */
  run<T>(operation: string, call: (signal: AbortSignal) => Promise<T>, options: CallOptions): Promise<T>;
  readonly breakerState: BreakerState;
  /** Listen to retries (metrics, tests). Returns an unsubscribe function. */
  onRetry(listener: (event: { attempt: number; delayMs: number }) => void): () => void;
}

const STATES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/** Full jitter: a random delay up to the exponential ceiling (AWS architecture blog). */
export function backoffDelay(attempt: number, opts: ResilienceOptions['retry'], random: () => number = Math.random): number {
  const ceiling = Math.min(opts.maxDelayMs, opts.initialDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}

function isRetryable(error: unknown, maxRetryAfterMs: number): boolean {
  if (isBreakerOpen(error)) return false;
  const failure = classifyFailure(error);
  if (failure.retryAfterMs !== undefined && failure.retryAfterMs > maxRetryAfterMs) return false;
  return failure.kind === 'timeout' || failure.kind === 'unavailable' || failure.kind === 'rate-limited';
}

/**
 * cockatiel times the half-open delay with Date.now() (`Date.now() - openedAt < duration`); this
 * backoff makes that comparison hold exactly while `clock() - openedOnClock < delayMs`, so the
 * delay runs on the injected clock. With the real clock the duration is `delayMs` itself.
 */
export function halfOpenOn(clock: () => number, delayMs: number): IBackoffFactory<IHalfOpenAfterBackoffContext> {
  const backoff = (): IBackoff<IHalfOpenAfterBackoffContext> => {
    const openedOnClock = clock();
    const openedReal = Date.now();
    return {
      get duration() {
        return delayMs - (clock() - openedOnClock) + (Date.now() - openedReal);
      },
      next: () => backoff(),
    };
  };
  return { next: () => backoff() };
}

export function createUpstreamPolicy(system: string, options: ResilienceOptions = DEFAULT_RESILIENCE): UpstreamPolicy {
  const random = options.random ?? Math.random;
  const breaker = circuitBreaker(handleWhen(isUnhealthy), {
    halfOpenAfter: options.clock ? halfOpenOn(options.clock, options.breaker.halfOpenAfterMs) : options.breaker.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.breaker.consecutiveFailures),
  });
  const attemptTimeout = timeout(options.attemptTimeoutMs, TimeoutStrategy.Aggressive);
  const backoff = new DelegateBackoff((context: IRetryBackoffContext<unknown>) => {
    const failure = 'error' in context.result ? classifyFailure(context.result.error) : undefined;
    return failure?.retryAfterMs ?? backoffDelay(context.attempt, options.retry, random);
  });
  const retryPolicy = retry(
    handleWhen((e) => isRetryable(e, options.retry.maxRetryAfterMs)),
    { maxAttempts: Math.max(0, options.retry.maxAttempts - 1), backoff },
  );
  const reads: IPolicy = wrap(retryPolicy, breaker, attemptTimeout);
  const writes: IPolicy = wrap(breaker, attemptTimeout);
  const listeners = new Set<(event: { attempt: number; delayMs: number }) => void>();
  retryPolicy.onRetry(({ attempt, delay }) => {
    for (const listener of listeners) listener({ attempt, delayMs: delay });
  });

  // Operators see each upstream's breaker (metrics, console) and every call's span and latency.
  watchBreaker('upstream', system, () => STATES[breaker.state]);

  return {
    run(operation, call, { idempotent }) {
      const attributes = { 'hub.upstream.system': system, 'hub.upstream.operation': operation };
      return withSpan(`upstream ${system} ${operation}`, { kind: SpanKind.CLIENT, attributes }, async () => {
        const started = performance.now();
        let outcome = 'ok';
        try {
          return await (idempotent ? reads : writes).execute(({ signal }) => call(signal));
        } catch (error) {
          const hubError = toHubError(error, { system, operation });
          outcome = hubError.code;
          throw hubError;
        } finally {
          metrics.upstreamDuration.observe({ system, operation, outcome }, (performance.now() - started) / 1000);
        }
      });
    },
    get breakerState() {
      return STATES[breaker.state];
    },
    onRetry(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
