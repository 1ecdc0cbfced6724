// The caller's context as the gateway forwards it to a subgraph, in CONTEXT_HEADER, covered by
// the gateway's signature (gateway-signature.ts). Subgraphs verify before parsing anything
// (SECURITY-MATRIX A18), so `_entities` and `_service` cannot be reached around the gateway.
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

export const CONTEXT_HEADER = 'x-hub-context';
/** Headers a client must never be able to set: the gateway strips them from inbound requests. */
export const INTERNAL_HEADERS = [
  'signature',
  'signature-input',
  'content-digest',
  'x-hub-audience',
  CONTEXT_HEADER,
  'x-hub-signature',
  'x-hub-timestamp',
  'x-hub-actor',
  'x-hub-roles',
  'x-user-id',
];

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

/** The keyed hash of a client address (HMAC with a gateway secret: an IPv4 hash alone is reversible by trying them all). */
export function clientKeyOf(secret: string | Buffer | KeyObject, address: string): string {
  return createHmac('sha256', secret).update(`client-key.${address}`).digest('base64url').slice(0, 22);
}

/**
 * clientKeyOf for one secret, as the gateway computes it on every request: the key imported
 * once, and the last `maxEntries` addresses remembered (a busy client sends many requests; the
 * oldest address is forgotten first, so the memory stays bounded whatever the traffic).
 */
export function clientKeyer(secret: string | Buffer, maxEntries = 1_024): (address: string) => string {
  const key = createSecretKey(typeof secret === 'string' ? Buffer.from(secret) : secret);
  const known = new Map<string, string>();
  return (address) => {
    let clientKey = known.get(address);
    if (clientKey === undefined) {
      clientKey = clientKeyOf(key, address);
      if (known.size >= maxEntries) known.delete(known.keys().next().value!);
      known.set(address, clientKey);
    }
    return clientKey;
  };
}

export const ANONYMOUS: Actor = { roles: [] };

/** The context as it travels in CONTEXT_HEADER: base64url JSON, header-safe whatever the script of its names. */
export const encodeContext = (ctx: SignedContext): string => Buffer.from(JSON.stringify(ctx)).toString('base64url');
