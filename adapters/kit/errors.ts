// Every upstream failure becomes one HubError with an UPSTREAM_* code and the extensions
// { system, operation, status? }. The message is a fixed sentence per code: never the upstream
// body, an internal URL or a library's error text. The original error rides along as a
// non-enumerable `cause` for server logs only (GraphQL serialisation never includes it).
import { BrokenCircuitError, IsolatedCircuitError, TaskCancelledError } from 'cockatiel';
import { HubError, type ErrorCode } from '../../schema/errors.ts';
import { UrlRefusedError } from './url-guard.ts';

export type UpstreamFailureKind = 'timeout' | 'unavailable' | 'invalid' | 'rate-limited' | 'fault' | 'auth';

const CODES: Record<UpstreamFailureKind, ErrorCode> = {
  timeout: 'UPSTREAM_TIMEOUT',
  unavailable: 'UPSTREAM_UNAVAILABLE',
  invalid: 'UPSTREAM_INVALID_RESPONSE',
  'rate-limited': 'UPSTREAM_RATE_LIMITED',
  fault: 'UPSTREAM_FAULT',
  auth: 'UPSTREAM_AUTH',
};

const MESSAGES: Record<UpstreamFailureKind, string> = {
  timeout: 'An external system did not answer in time.',
  unavailable: 'An external system is unavailable.',
  invalid: 'An external system answered with an invalid response.',
  'rate-limited': 'An external system asked us to slow down.',
  fault: 'An external system reported an error for this request.',
  auth: 'An external system refused the hub’s credentials.',
};

/** A failure inside the adapter layer; `detail` is for logs, never for clients. */
export class UpstreamFailure extends Error {
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  constructor(
    readonly kind: UpstreamFailureKind,
    readonly detail: string,
    options: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(`${kind}: ${detail}`, { cause: options.cause });
    this.name = 'UpstreamFailure';
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export interface UpstreamContext {
  system: string;
  operation: string;
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'ECONNABORTED']);
const OVERSIZE_CODES = new Set(['UND_ERR_RES_EXCEEDED_MAX_SIZE', 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED']);

/** Decide what kind of failure an arbitrary error is, looking through its `cause` chain. */
export function classifyFailure(error: unknown): UpstreamFailure {
  for (let e: unknown = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof UpstreamFailure) return e;
    if (e instanceof UrlRefusedError) return new UpstreamFailure('invalid', e.message, { cause: error });
    if (e instanceof TaskCancelledError) return new UpstreamFailure('timeout', 'attempt timed out', { cause: error });
    if (e instanceof BrokenCircuitError || e instanceof IsolatedCircuitError) {
      return new UpstreamFailure('unavailable', 'circuit open', { cause: error });
    }
    const { code, name } = e as { code?: string; name?: string };
    if ((code && TIMEOUT_CODES.has(code)) || name === 'TimeoutError') return new UpstreamFailure('timeout', String(code ?? name), { cause: error });
    if (code && OVERSIZE_CODES.has(code)) return new UpstreamFailure('invalid', 'response too large', { cause: error });
  }
  return new UpstreamFailure('unavailable', 'request failed', { cause: error });
}

/**
 * Wire → domain of an answer the shape check let through (an unknown code, an impossible value
 * the zod schema cannot see). Whatever the mapping throws is the upstream's invalid answer,
 * UPSTREAM_INVALID_RESPONSE, never an internal error. Call it inside `policy.run`, so the answer
 * is treated as the kit treats any malformed body: not retried, in the upstream's metrics, and
 * seen by the breaker as what it is (an answer, not an outage: it neither opens nor closes it).
 */
export function mapAnswer<T>(map: () => T): T {
  try {
    return map();
  } catch (error) {
    if (error instanceof UpstreamFailure || error instanceof HubError) throw error;
    throw new UpstreamFailure('invalid', 'the answer could not be mapped', { cause: error });
  }
}

/** The client-facing error for any upstream failure. */
export function toHubError(error: unknown, context: UpstreamContext): HubError {
  if (error instanceof HubError) return error;
  const failure = classifyFailure(error);
  const extensions: Record<string, unknown> = { system: context.system, operation: context.operation };
  if (failure.status !== undefined) extensions.status = failure.status;
  const hubError = new HubError(CODES[failure.kind], MESSAGES[failure.kind], extensions);
  Object.defineProperty(hubError, 'cause', { value: failure, enumerable: false });
  return hubError;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent/invalid. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The failure an HTTP status stands for, or null for 2xx. */
export function failureFromStatus(status: number, headers: Record<string, string | undefined> = {}): UpstreamFailure | null {
  if (status >= 200 && status < 300) return null;
  const retryAfterMs = parseRetryAfter(headers['retry-after']);
  if (status === 429) return new UpstreamFailure('rate-limited', 'HTTP 429', { status, retryAfterMs });
  if (status >= 500) return new UpstreamFailure('unavailable', `HTTP ${status}`, { status, retryAfterMs });
  // Redirects are not followed (B1): an upstream that redirects answered something unexpected.
  if (status >= 300 && status < 400) return new UpstreamFailure('invalid', `unexpected redirect ${status}`, { status });
  return new UpstreamFailure('fault', `HTTP ${status}`, { status });
}

/** Failures that say the upstream is unhealthy: they count towards opening the breaker. */
export const isUnhealthy = (error: unknown): boolean => {
  const failure = classifyFailure(error);
  return failure.kind === 'timeout' || (failure.kind === 'unavailable' && !isBreakerOpen(error));
};

export const isBreakerOpen = (error: unknown): boolean => error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError;
