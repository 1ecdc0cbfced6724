// The gateway signs every request it sends to a subgraph: an HMAC over the timestamp, the
// caller's verified context and the body's digest. Subgraphs verify before parsing anything
// (SECURITY-MATRIX A18), so `_entities` and `_service` cannot be reached around the gateway.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-hub-signature';
export const TIMESTAMP_HEADER = 'x-hub-timestamp';
export const CONTEXT_HEADER = 'x-hub-context';
/** Headers a client must never be able to set: the gateway strips them from inbound requests. */
export const INTERNAL_HEADERS = [SIGNATURE_HEADER, TIMESTAMP_HEADER, CONTEXT_HEADER, 'x-hub-actor', 'x-hub-roles', 'x-user-id'];

/** Who is calling, as verified by the gateway. Anonymous public callers have no `id`. */
export interface Actor {
  id?: string;
  name?: string;
  roles: string[];
  /** Agencies an editor may act for (R-6: scoped to their agency). */
  agencyIds?: string[];
}

export interface SignedContext {
  requestId: string;
  actor: Actor;
  /** Locale the client asked for (Accept-Language), when any. */
  locale?: string;
  /**
   * The hub's public address (PUBLIC_URL, else the gateway's own): links a subgraph puts in a
   * response (print, PDF, files) point at `${publicBaseUrl}/<subgraph>/…`, served through the gateway.
   */
  publicBaseUrl?: string;
  /**
   * Who is calling when `actor` cannot say (anonymous citizens): a keyed hash of the client's
   * address, never the address itself, for per-client limits in subgraphs.
   */
  clientKey?: string;
  /** The client's Idempotency-Key header, as sent (validated by the subgraph kit, idempotency.ts). */
  idempotencyKey?: string;
}

/** The keyed hash of a client address (HMAC with the signing secret: an IPv4 hash alone is reversible by trying them all). */
export function clientKeyOf(secret: string, address: string): string {
  return createHmac('sha256', secret).update(`client-key.${address}`).digest('base64url').slice(0, 22);
}

export const ANONYMOUS: Actor = { roles: [] };

const digest = (body: string | Buffer) => createHash('sha256').update(body).digest('hex');

function mac(secret: string, timestamp: string, context: string, body: string | Buffer): string {
  return createHmac('sha256', secret)
    .update(`${timestamp}.${context}.${digest(body)}`)
    .digest('hex');
}

/** The context as it travels in CONTEXT_HEADER: base64url JSON, header-safe whatever the script of its names. */
export const encodeContext = (ctx: SignedContext): string => Buffer.from(JSON.stringify(ctx)).toString('base64url');

export function signRequest(secret: string, ctx: SignedContext, body: string | Buffer, nowMs = Date.now()): Record<string, string> {
  return signEncodedRequest(secret, encodeContext(ctx), body, nowMs);
}

/** signRequest for a context already encoded (encodeContext), e.g. by the gateway's data source. */
export function signEncodedRequest(secret: string, context: string, body: string | Buffer, nowMs = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    [TIMESTAMP_HEADER]: timestamp,
    [CONTEXT_HEADER]: context,
    [SIGNATURE_HEADER]: `v1=${mac(secret, timestamp, context, body)}`,
  };
}

export type VerifyResult = { ok: true; context: SignedContext } | { ok: false; reason: 'MISSING' | 'EXPIRED' | 'MISMATCH' | 'MALFORMED' };

export function verifyRequest(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
  opts: { maxAgeSeconds?: number; nowMs?: number } = {},
): VerifyResult {
  const timestamp = headers[TIMESTAMP_HEADER];
  const context = headers[CONTEXT_HEADER];
  const signature = headers[SIGNATURE_HEADER];
  if (typeof timestamp !== 'string' || typeof context !== 'string' || typeof signature !== 'string') return { ok: false, reason: 'MISSING' };
  const ts = Number(timestamp);
  const now = Math.floor((opts.nowMs ?? Date.now()) / 1000);
  if (!Number.isInteger(ts) || Math.abs(now - ts) > (opts.maxAgeSeconds ?? 60)) return { ok: false, reason: 'EXPIRED' };
  const expected = Buffer.from(`v1=${mac(secret, timestamp, context, body)}`);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'MISMATCH' };
  try {
    const parsed = JSON.parse(Buffer.from(context, 'base64url').toString('utf8')) as SignedContext;
    if (typeof parsed.requestId !== 'string' || !Array.isArray(parsed.actor?.roles)) return { ok: false, reason: 'MALFORMED' };
    return { ok: true, context: parsed };
  } catch {
    return { ok: false, reason: 'MALFORMED' };
  }
}

/** Development-only secret shared by every process when HUB_SIGNING_SECRET is unset (refused in production). */
export const DEV_SIGNING_SECRET = 'dev-only-signing-secret-change-me-0123456789';
