// Every upstream failure becomes one HubError with an UPSTREAM_* code and the extensions
// { system, operation, status? }. The message is a fixed sentence per code: never the upstream
// body, an internal URL or a library's error text. The original error rides along as a
// non-enumerable `cause` for server logs only (GraphQL serialisation never includes it).
//
// Whose failure it was decides what the resilience policy does with it (classifyFailure):
// - the upstream's or the network's (a refused/reset connection, a timeout, a 5xx, an HTML
//   error page): retried for reads, counted by the circuit breaker;
// - the upstream's answer (malformed, wrong shape, a fault, a 429, refused credentials): an
//   answer, so never counted as an outage; only a 429 is retried;
// - the hub's own code ('internal': a TypeError in a mapping step, a ReferenceError, a request we
//   could not even build): neither retried nor counted — the breaker is shared by every client,
//   and one client's input that trips a bug must not open it for the others. The client sees
//   INTERNAL_SERVER_ERROR, masked and logged like any other internal error.
// What cannot be positively identified as the hub's own stays UPSTREAM_UNAVAILABLE.
import { BrokenCircuitError, IsolatedCircuitError, TaskCancelledError } from 'cockatiel';
import { z } from 'zod';
import { HubError, type ErrorCode } from '../../schema/errors.ts';
import { UrlRefusedError } from './url-guard.ts';

export type UpstreamFailureKind = 'timeout' | 'unavailable' | 'invalid' | 'rate-limited' | 'fault' | 'auth' | 'internal';

const CODES: Record<UpstreamFailureKind, ErrorCode> = {
  timeout: 'UPSTREAM_TIMEOUT',
  unavailable: 'UPSTREAM_UNAVAILABLE',
  invalid: 'UPSTREAM_INVALID_RESPONSE',
  'rate-limited': 'UPSTREAM_RATE_LIMITED',
  fault: 'UPSTREAM_FAULT',
  auth: 'UPSTREAM_AUTH',
  internal: 'INTERNAL_SERVER_ERROR',
};

const MESSAGES: Record<UpstreamFailureKind, string> = {
  timeout: 'An external system did not answer in time.',
  unavailable: 'An external system is unavailable.',
  invalid: 'An external system answered with an invalid response.',
  'rate-limited': 'An external system asked us to slow down.',
  fault: 'An external system reported an error for this request.',
  auth: 'An external system refused the hub’s credentials.',
  // The text every masked internal error gets (gateway/errors.ts, subgraphs/kit/server.ts).
  internal: 'Internal server error',
};

/** A failure inside the adapter layer ('internal': the hub's own); `detail` is for logs, never for clients. */
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
/** Bytes that are not the text they claim to be (TextDecoder with `fatal`): a malformed body. */
const MALFORMED_CODES = new Set(['ERR_ENCODING_INVALID_ENCODED_DATA']);
/**
 * Codes that only ever say the hub called something wrongly, before any byte left: Node's
 * argument checks (ERR_INVALID_ARG_TYPE …, a TypeError or RangeError) and undici's
 * (InvalidArgumentError, e.g. a header with a newline; thrown before connecting). Every other
 * code — system errors (ECONNREFUSED, ECONNRESET, EPIPE, ENOTFOUND, EAI_AGAIN, EHOSTUNREACH …),
 * undici's UND_ERR_* (socket, closed, aborted …), llhttp's HPE_*, TLS codes — is the network's.
 */
const OWN_CODES = new Set([
  'ERR_INVALID_ARG_TYPE',
  'ERR_INVALID_ARG_VALUE',
  'ERR_INVALID_RETURN_VALUE',
  'ERR_MISSING_ARGS',
  'ERR_OUT_OF_RANGE',
  'ERR_INVALID_THIS',
  'ERR_INVALID_URL',
  'ERR_BUFFER_OUT_OF_BOUNDS',
  'ERR_METHOD_NOT_IMPLEMENTED',
  'ERR_ILLEGAL_CONSTRUCTOR',
  'UND_ERR_INVALID_ARG',
  'UND_ERR_INVALID_RETURN_VALUE',
]);
/** What the language throws at a bug: a wrong type, an undefined name, a bad length or regexp. */
const LANGUAGE_ERRORS: ReadonlySet<unknown> = new Set([TypeError, ReferenceError, RangeError, SyntaxError, URIError, EvalError]);

/** The error and its `cause`s, outermost first (at most 6). */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e: unknown = error; e && chain.length < 6; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

/** The string `code` of an error-like value (DOMException's numeric `code` is not one). */
const codeOf = (e: unknown): string | undefined => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** A parse error of a body: JSON.parse's SyntaxError (V8 names JSON in every message), a zod verdict. */
const isMalformedAnswer = (e: unknown): boolean =>
  (e instanceof SyntaxError && /\bJSON\b/.test(e.message)) || e instanceof z.core.$ZodError || MALFORMED_CODES.has(codeOf(e) ?? '');

/**
 * A sign of the network or the upstream anywhere in the chain: any code but our own (system
 * errors, undici's, TLS', axios' ERR_NETWORK …), an abort, an HTTP response attached (axios and
 * node-soap errors carry one), or fetch's network error — `TypeError('fetch failed')` whose
 * `cause` may be a plain Error without a code ("bad port", "other side closed").
 */
const isNetworkSign = (e: unknown): boolean => {
  if (e instanceof HubError) return false; // its `code` is a client-facing one, not a library's
  const code = codeOf(e);
  if (code !== undefined && !OWN_CODES.has(code)) return true;
  const { name, message, response, isAxiosError } = (e ?? {}) as { name?: unknown; message?: unknown; response?: unknown; isAxiosError?: unknown };
  return (
    name === 'AbortError' || isAxiosError === true || (response !== undefined && response !== null) || (e instanceof TypeError && message === 'fetch failed')
  );
};

/**
 * A fault of the hub's own code, positively: the language's own error (exactly TypeError,
 * ReferenceError, RangeError, SyntaxError, URIError or EvalError — not a library's subclass of
 * one) or an error with one of OWN_CODES, or a HubError (a decision our code made about the
 * request) — and no sign of the network anywhere in its cause chain.
 */
function isOwnFaultChain(error: unknown, chain: unknown[]): boolean {
  if (chain.some(isNetworkSign)) return false;
  if (error instanceof HubError) return true;
  if (!(error instanceof Error)) return false;
  const code = codeOf(error);
  return code !== undefined ? OWN_CODES.has(code) : LANGUAGE_ERRORS.has(error.constructor);
}

/**
 * Decide what kind of failure an arbitrary error is, looking through its `cause` chain: what
 * the kit already decided, timeouts, an open breaker, an oversized or malformed answer; then
 * the hub's own fault ('internal'); anything else is the upstream being unavailable.
 */
export function classifyFailure(error: unknown): UpstreamFailure {
  const chain = causeChain(error);
  for (const e of chain) {
    if (e instanceof UpstreamFailure) return e;
    if (e instanceof UrlRefusedError) return new UpstreamFailure('invalid', e.message, { cause: error });
    if (e instanceof TaskCancelledError) return new UpstreamFailure('timeout', 'attempt timed out', { cause: error });
    if (e instanceof BrokenCircuitError || e instanceof IsolatedCircuitError) {
      return new UpstreamFailure('unavailable', 'circuit open', { cause: error });
    }
    const code = codeOf(e);
    const { name } = e as { name?: string };
    if ((code && TIMEOUT_CODES.has(code)) || name === 'TimeoutError') return new UpstreamFailure('timeout', String(code ?? name), { cause: error });
    if (code && OVERSIZE_CODES.has(code)) return new UpstreamFailure('invalid', 'response too large', { cause: error });
  }
  if (chain.some(isMalformedAnswer)) return new UpstreamFailure('invalid', 'malformed answer', { cause: error });
  if (isOwnFaultChain(error, chain)) return new UpstreamFailure('internal', 'a fault in the hub’s own code', { cause: error });
  return new UpstreamFailure('unavailable', 'request failed', { cause: error });
}

/**
 * Wire → domain of an answer the shape check let through (an unknown code, an impossible value
 * the zod schema cannot see). Whatever the mapping throws is the upstream's invalid answer,
 * UPSTREAM_INVALID_RESPONSE, not an internal error: call it inside `policy.run`, so the answer
 * is treated as the kit treats any malformed body: not retried, in the upstream's metrics, and
 * seen by the breaker as what it is (an answer, not an outage: it never opens it). Outside
 * mapAnswer, a TypeError or ReferenceError in our code inside `policy.run` is 'internal'
 * (classifyFailure): not retried and not counted either, but INTERNAL_SERVER_ERROR.
 */
export function mapAnswer<T>(map: () => T): T {
  const unmappable = (error: unknown) =>
    error instanceof UpstreamFailure || error instanceof HubError ? error : new UpstreamFailure('invalid', 'the answer could not be mapped', { cause: error });
  try {
    const mapped = map();
    // An asynchronous mapping (a promise): the same for what it rejects with.
    if (mapped instanceof Promise)
      return mapped.catch((error: unknown) => {
        throw unmappable(error);
      }) as T;
    return mapped;
  } catch (error) {
    throw unmappable(error);
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

/** A fault of the hub's own code ('internal'): neither retried nor counted by the breaker. */
export const isOwnFault = (error: unknown): boolean => classifyFailure(error).kind === 'internal';

export const isBreakerOpen = (error: unknown): boolean => error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError;
