// The gateway's subgraph fetcher, on undici: keep-alive, a timeout per call (headers and
// body), a byte cap enforced while the body streams in, and the gateway signature over the
// exact bytes sent. Replaces the stock fetcher, which has no timeout and no cap.
import { Agent, request } from 'undici';
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { ANONYMOUS, CONTEXT_HEADER, encodeContext } from '../schema/security/signed-context.ts';
import { AUDIENCE_HEADER, signGatewayRequest } from '../schema/security/gateway-signature.ts';
import type { Signer } from '../schema/security/keys.ts';
import { PlainHeaders } from './plain-headers.ts';

export class SubgraphFetchError extends Error {
  constructor(
    readonly kind: 'TIMEOUT' | 'UNAVAILABLE' | 'TOO_LARGE',
    message: string,
  ) {
    super(message);
  }
}

export interface FetcherOptions {
  /** The key each call is signed with, by subgraph (config.ts `signer`). */
  signer: Signer;
  timeoutMs: number;
  /** Per-subgraph timeouts (the registry's), by subgraph name; `timeoutMs` for the rest. */
  timeouts?: Readonly<Record<string, number>>;
  maxBytes: number;
  /** Per-subgraph answer caps (the registry's), by subgraph name; `maxBytes` for the rest. */
  maxBytesBy?: Readonly<Record<string, number>>;
  connections?: number;
}

/** The context of a call that carries none (SignedDataSource always sets one). */
const INTERNAL_CONTEXT = encodeContext({ requestId: 'internal', actor: ANONYMOUS });

/** The request's headers with the gateway signature for the subgraph the data source named in
 * AUDIENCE_HEADER, over its body and the context it put in CONTEXT_HEADER (data-source.ts). */
export function signedHeaders(signer: Signer, url: string, init: FetcherRequestInit | undefined): Record<string, string> {
  const headers: Record<string, string> = { ...(init?.headers as Record<string, string>) };
  const audience = headers[AUDIENCE_HEADER];
  // Never send a call no subgraph should accept: a signature is always for one named subgraph.
  if (!audience) throw new SubgraphFetchError('UNAVAILABLE', 'no audience for the subgraph call');
  const body = typeof init?.body === 'string' ? init.body : '';
  const context = headers[CONTEXT_HEADER] ?? INTERNAL_CONTEXT;
  return Object.assign(headers, signGatewayRequest(signer(audience), { method: 'POST', url, audience, context, body }));
}

export function createSubgraphFetcher(opts: FetcherOptions): Fetcher & { close(): Promise<void> } {
  const longest = Math.max(opts.timeoutMs, ...Object.values(opts.timeouts ?? {}));
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: opts.connections ?? 64, connectTimeout: Math.min(longest, 3_000) });
  const fetcher = async (url: string, init?: FetcherRequestInit): Promise<FetcherResponse> => {
    const body = typeof init?.body === 'string' ? init.body : '';
    const headers = signedHeaders(opts.signer, url, init);
    const timeoutMs = opts.timeouts?.[headers[AUDIENCE_HEADER]!] ?? opts.timeoutMs;
    const signal = AbortSignal.timeout(timeoutMs);
    let res;
    try {
      res = await request(url, { method: 'POST', headers, body, dispatcher: agent, signal, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
    } catch (err) {
      throw toFetchError(err);
    }
    const text = await readCapped(res.body, opts.maxBytesBy?.[headers[AUDIENCE_HEADER]!] ?? opts.maxBytes);
    // Read-only from here on (data-source.ts, dedup.ts): a plain map, not a validated Headers.
    const responseHeaders = new PlainHeaders(res.headers);
    return {
      ok: res.statusCode >= 200 && res.statusCode < 300,
      status: res.statusCode,
      statusText: String(res.statusCode),
      url,
      headers: responseHeaders,
      text: async () => text,
      json: async () => JSON.parse(text),
      clone() {
        return this;
      },
      bodyUsed: false,
    } as unknown as FetcherResponse;
  };
  return Object.assign(fetcher as Fetcher, { close: () => agent.close() });
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(err?: Error): void }, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += chunk.length;
      if (size > maxBytes) {
        body.destroy();
        throw new SubgraphFetchError('TOO_LARGE', 'subgraph response exceeded the byte cap');
      }
      chunks.push(chunk);
    }
  } catch (err) {
    throw toFetchError(err);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** An undici call that failed by running out of time: its signal (the only abort there is)
 * or one of undici's own connect, headers and body timeouts. */
export function isTimeout(err: unknown): boolean {
  const e = err as { name?: string; code?: string } | undefined;
  return (
    e?.name === 'TimeoutError' ||
    e?.name === 'AbortError' ||
    e?.code === 'UND_ERR_HEADERS_TIMEOUT' ||
    e?.code === 'UND_ERR_BODY_TIMEOUT' ||
    e?.code === 'UND_ERR_CONNECT_TIMEOUT'
  );
}

function toFetchError(err: unknown): SubgraphFetchError {
  if (err instanceof SubgraphFetchError) return err;
  const timeout = isTimeout(err);
  return new SubgraphFetchError(timeout ? 'TIMEOUT' : 'UNAVAILABLE', timeout ? 'subgraph timed out' : 'subgraph unreachable');
}
