// The one HTTP client every adapter uses (undici). What it guarantees, for any upstream:
// - one deadline for the whole call (connect, headers AND body): a 1 byte/s trickle ends there;
// - a byte cap enforced while streaming: the socket is destroyed as soon as the cap is passed
//   (or at once when Content-Length says so), so a 200 MB body never sits in memory;
// - the URL guard before connecting, and a guarded DNS lookup in the agent (B1);
// - redirects off by default; when enabled, each Location is re-checked by the guard;
// - keep-alive connections per client.
// Non-2xx answers are returned, not thrown: the adapter decides (`failureFromStatus`).
import { Agent, request as undiciRequest } from 'undici';
import iconv from 'iconv-lite';
import { UpstreamFailure, classifyFailure, failureFromStatus } from './errors.ts';
import { type UrlGuard } from './url-guard.ts';
import { injectTraceHeaders } from '../../schema/observability/tracing.ts';

export interface HttpClientOptions {
  guard: UrlGuard;
  /** Deadline of a whole call, body included. */
  timeoutMs: number;
  /** Largest response body accepted, in bytes. */
  maxBytes: number;
  /** Redirects followed for GET/HEAD (default 0: none). */
  maxRedirects?: number;
  userAgent?: string;
  keepAliveTimeoutMs?: number;
  connections?: number;
}

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Aborts the call (e.g. the resilience policy's per-attempt timeout). */
  signal?: AbortSignal;
  timeoutMs?: number;
  maxBytes?: number;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  /** The URL finally answered (after allowed redirects). */
  url: string;
}

export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const agent = new Agent({
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 10_000,
    connections: options.connections ?? 16,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: { lookup: options.guard.lookup, timeout: options.timeoutMs },
  });

  async function request(req: HttpRequest): Promise<HttpResponse> {
    const maxRedirects = req.method === 'POST' ? 0 : (options.maxRedirects ?? 0);
    let url = guarded(req.url);
    for (let hop = 0; ; hop++) {
      const response = await once({ ...req, url });
      const location = response.headers.location;
      if (!REDIRECTS.has(response.status) || !location || hop >= maxRedirects) return response;
      url = guarded(location, url);
    }
  }

  /**
   * The guard's verdict as an upstream failure (a refused redirect is an unsafe answer). A
   * Location that is not even a URL is the upstream's invalid answer too, not a TypeError of ours.
   */
  function guarded(url: string, base?: string): string {
    let absolute: string;
    try {
      absolute = base === undefined ? url : new URL(url, base).toString();
    } catch (error) {
      throw new UpstreamFailure('invalid', 'redirect to an invalid URL', { cause: error });
    }
    try {
      return options.guard.check(absolute).toString();
    } catch (error) {
      throw classifyFailure(error);
    }
  }

  async function once(req: HttpRequest): Promise<HttpResponse> {
    const timeoutMs = req.timeoutMs ?? options.timeoutMs;
    const maxBytes = req.maxBytes ?? options.maxBytes;
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = req.signal ? AbortSignal.any([deadline, req.signal]) : deadline;
    try {
      const res = await undiciRequest(req.url, {
        dispatcher: agent,
        method: req.method,
        // The trace goes with the call (W3C traceparent) when tracing is on.
        headers: injectTraceHeaders({ 'user-agent': options.userAgent ?? 'cong-hub', ...req.headers }),
        body: req.body,
        signal,
      });
      const headers = flattenHeaders(res.headers);
      const declared = Number(headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        res.body.destroy();
        throw new UpstreamFailure('invalid', 'declared body over the byte cap', { status: res.statusCode });
      }
      const body = await readCapped(res.body, maxBytes, res.statusCode);
      return { status: res.statusCode, headers, body, url: req.url };
    } catch (error) {
      if (deadline.aborted || req.signal?.aborted) throw new UpstreamFailure('timeout', 'deadline passed', { cause: error });
      throw classifyFailure(error);
    }
  }

  return { request, close: () => agent.close() };
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }, maxBytes: number, status: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new UpstreamFailure('invalid', 'body over the byte cap', { status });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** The media type of a response, lower-case, without parameters ("text/xml"). */
export const mediaType = (res: HttpResponse): string => (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * The body as text. UTF-8 unless the response names a single-byte charset; bytes that are not
 * valid UTF-8 are read as Windows-1252 so legacy Vietnamese text can still be repaired later
 * (`schema/text/legacy.ts`) instead of being lost to U+FFFD.
 */
export function responseText(res: HttpResponse): string {
  const charset = /charset="?([\w-]+)/i.exec(res.headers['content-type'] ?? '')?.[1]?.toLowerCase() ?? 'utf-8';
  if (charset !== 'utf-8' && charset !== 'utf8' && iconv.encodingExists(charset)) return iconv.decode(res.body, charset);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(res.body);
  } catch {
    return iconv.decode(res.body, 'windows1252');
  }
}

const HTML_START = /^\s*(?:\uFEFF)?\s*<(?:!doctype\s+html|html[\s>])/i;

/**
 * The checks every adapter makes before reading a body: the status (`failureFromStatus`), an
 * HTML page where data was expected (a proxy's error page: UPSTREAM_UNAVAILABLE, B13), and the
 * media type (`accept` lists types; "+xml"/"+json" suffixes match "xml"/"json").
 */
export function assertUpstreamResponse(res: HttpResponse, accept: readonly string[]): void {
  const type = mediaType(res);
  const looksHtml = type === 'text/html' || type === 'application/xhtml+xml' || HTML_START.test(res.body.subarray(0, 64).toString('latin1'));
  const statusFailure = failureFromStatus(res.status, res.headers);
  if (statusFailure) throw statusFailure;
  if (looksHtml) throw new UpstreamFailure('unavailable', 'HTML page instead of data', { status: res.status });
  const suffix = type.slice(type.lastIndexOf('+') + 1);
  const ok = accept.some((a) => a === type || (type.includes('+') && a === suffix));
  if (!ok) throw new UpstreamFailure('invalid', 'unexpected media type', { status: res.status });
}
