// One policy per upstream, from cockatiel: retry (idempotent reads only) → circuit breaker →
// per-attempt timeout → the call. Retries use exponential backoff with full jitter, or the
// upstream's Retry-After on 429/503 when it is within `maxRetryAfterMs` (a longer wait fails
// fast as UPSTREAM_RATE_LIMITED / UNAVAILABLE instead of holding a request). Only timeouts and
// unavailability count towards the breaker: a fault or a malformed body is an answer. A fault of
// the hub's own code ('internal', errors.ts) is neither retried nor seen by the breaker at all:
// not a failure that opens it, and not — as cockatiel would take an error it does not handle
// during the half-open probe — a success that closes it (`ownFaultsInProbes` below).
import {
  ConsecutiveBreaker,
  ConstantBackoff,
  DelegateBackoff,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  CircuitState,
  type IBackoff,
  type IBackoffFactory,
  type IHalfOpenAfterBackoffContext,
  type IRetryBackoffContext,
} from 'cockatiel';
import { classifyFailure, isBreakerOpen, isOwnFault, isUnhealthy, toHubError } from './errors.ts';
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
 * delay runs on the injected clock: its duration is +∞ while the delay lasts, −∞ once it has
 * passed. (An offset from Date.now() taken here could differ from cockatiel's `openedAt` by the
 * millisecond that ticked in between, and the breaker then stayed open 1 ms of clock too long.)
 */
export function halfOpenOn(clock: () => number, delayMs: number): IBackoffFactory<IHalfOpenAfterBackoffContext> {
  const backoff = (): IBackoff<IHalfOpenAfterBackoffContext> => {
    const openedOnClock = clock();
    return {
      get duration() {
        return clock() - openedOnClock < delayMs ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
      },
      next: () => backoff(),
    };
  };
  return { next: () => backoff() };
}

/**
 * The half-open delays of `factory`, except after a probe that failed in the hub's own code
 * (`isOwn`): then the delay is 0 — the next call probes again, as if that probe had not run —
 * and the delay after it continues `factory`'s sequence where it was.
 */
export function skippingOwnFaults(
  factory: IBackoffFactory<IHalfOpenAfterBackoffContext>,
  isOwn: (context: IHalfOpenAfterBackoffContext) => boolean,
): IBackoffFactory<IHalfOpenAfterBackoffContext> {
  const from = (current: IBackoffFactory<IHalfOpenAfterBackoffContext>): IBackoffFactory<IHalfOpenAfterBackoffContext> => ({
    next(context) {
      if (isOwn(context)) return { duration: 0, next: (c) => from(current).next(c) };
      const backoff = current.next(context);
      return {
        get duration() {
          return backoff.duration;
        },
        next: (c) => from(backoff).next(c),
      };
    },
  });
  return from(factory);
}

export function createUpstreamPolicy(system: string, options: ResilienceOptions = DEFAULT_RESILIENCE): UpstreamPolicy {
  const random = options.random ?? Math.random;
  // cockatiel's breaker ignores an error its filter does not handle while closed (neither a
  // failure nor a success), but during the half-open probe it takes one as a success and closes.
  // So an own fault in the probe is handled — it re-opens the breaker — with a half-open delay
  // of 0 (skippingOwnFaults): the next call is the probe, as if this one had not happened.
  const ownFaultsInProbes = new WeakSet<object>();
  const halfOpenAfter = options.clock ? halfOpenOn(options.clock, options.breaker.halfOpenAfterMs) : new ConstantBackoff(options.breaker.halfOpenAfterMs);
  const breaker = circuitBreaker(
    handleWhen((e) => isUnhealthy(e) || ownFaultsInProbes.has(e as object)),
    {
      halfOpenAfter: skippingOwnFaults(halfOpenAfter, ({ result }) => 'error' in result && ownFaultsInProbes.has(result.error as object)),
      breaker: new ConsecutiveBreaker(options.breaker.consecutiveFailures),
    },
  );
  const attemptTimeout = timeout(options.attemptTimeoutMs, TimeoutStrategy.Aggressive);
  const backoff = new DelegateBackoff((context: IRetryBackoffContext<unknown>) => {
    const failure = 'error' in context.result ? classifyFailure(context.result.error) : undefined;
    return failure?.retryAfterMs ?? backoffDelay(context.attempt, options.retry, random);
  });
  const retryPolicy = retry(
    handleWhen((e) => isRetryable(e, options.retry.maxRetryAfterMs)),
    { maxAttempts: Math.max(0, options.retry.maxAttempts - 1), backoff },
  );
  /** One attempt: breaker → per-attempt timeout → the call. */
  const attemptOnce = <T>(call: (signal: AbortSignal) => Promise<T>, outer: AbortSignal | undefined): Promise<T> =>
    breaker.execute(({ signal }) => {
      // The probe is the call cockatiel runs in the half-open state (it sets it before calling).
      const probe = breaker.state === CircuitState.HalfOpen;
      return attemptTimeout
        .execute(({ signal: attemptSignal }) => call(attemptSignal), signal)
        .catch((error: unknown) => {
          if (probe && typeof error === 'object' && error !== null && isOwnFault(error)) ownFaultsInProbes.add(error);
          throw error;
        });
    }, outer);
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
          return await (idempotent ? retryPolicy.execute(({ signal }) => attemptOnce(call, signal)) : attemptOnce(call, undefined));
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
