// Checks that a request really comes from the Cổng hub gateway, and for this subgraph, with
// the `http-message-signatures` library (RFC 9421): what any agency would write, in any language,
// from the hub's published profile ("Gateway signatures" in the hub's README):
//   - label `hub`, alg ed25519, tag "cong-hub-gateway", key id = a key of the gateway's JWKS;
//   - covered: @method @path @query content-digest x-hub-audience x-hub-context;
//   - created at most 30 s ago (5 s of clock skew), expires not passed, nonce used once;
//   - x-hub-audience is our own name, and the body matches content-digest (RFC 9530).
// The gateway's public keys come from its JWKS (GET <gateway>/.well-known/jwks.json): fetched at
// boot and again when a signature names a key we do not know yet (a rotation), at most once a minute.
import { createHash, createPublicKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { createVerifier, httpbis } from 'http-message-signatures';

export const REQUIRED_FIELDS = ['@method', '@path', '@query', 'content-digest', 'x-hub-audience', 'x-hub-context'];
const REQUIRED_PARAMS = ['created', 'expires', 'nonce', 'keyid', 'alg', 'tag'];
const MAX_AGE_S = 30;
const SKEW_S = 5;
const REFETCH_AFTER_MS = 60_000;

export interface GatewayContext {
  requestId: string;
  actor: { id?: string; name?: string; roles: string[]; agencyIds?: string[] };
  locale?: string;
}

export type Verdict = { ok: true; context: GatewayContext } | { ok: false; reason: string };

/** The gateway's keys by key id, from a JWKS document. Only Ed25519 public keys are taken. */
export function keysFromJwks(doc: { keys?: { kty?: string; crv?: string; x?: string; kid?: string; d?: string }[] }): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const jwk of doc.keys ?? []) {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x || !jwk.kid || jwk.d) continue;
    keys.set(jwk.kid, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' }));
  }
  return keys;
}

/** The key set, from a URL (refetched on an unknown key id) or given once (GATEWAY_JWKS). */
export function gatewayKeys(source: { url: string } | { jwks: string }, opts: { refetchAfterMs?: number } = {}) {
  const refetchAfterMs = opts.refetchAfterMs ?? REFETCH_AFTER_MS;
  let keys = 'jwks' in source ? keysFromJwks(JSON.parse(source.jwks)) : new Map<string, KeyObject>();
  let fetchedAt = 0;
  const refresh = async () => {
    if (!('url' in source) || (fetchedAt && Date.now() - fetchedAt < refetchAfterMs)) return;
    fetchedAt = Date.now();
    const res = await fetch(source.url, { signal: AbortSignal.timeout(5_000) });
    if (res.ok) keys = keysFromJwks((await res.json()) as Parameters<typeof keysFromJwks>[0]);
  };
  return {
    refresh,
    async get(kid: string): Promise<KeyObject | undefined> {
      if (!keys.has(kid)) await refresh().catch(() => undefined);
      return keys.get(kid);
    },
  };
}

/**
 * Nonces seen within the window (one process; several replicas would share them in Redis), in two
 * generations rotated every window: each nonce is kept at least the window and at most two, and a
 * call costs the same however many are held (no sweep over all of them on every call).
 */
export function nonceMemory(now: () => number = Date.now) {
  const keepMs = (MAX_AGE_S + SKEW_S) * 1000;
  let current = new Set<string>();
  let previous = new Set<string>();
  let rotatedAt = now();
  return (nonce: string): boolean => {
    const t = now();
    if (t - rotatedAt >= keepMs) {
      previous = t - rotatedAt >= 2 * keepMs ? new Set() : current;
      current = new Set();
      rotatedAt = t;
    }
    if (current.has(nonce) || previous.has(nonce)) return false;
    current.add(nonce);
    return true;
  };
}

export function gatewayVerifier(audience: string, keys: ReturnType<typeof gatewayKeys>) {
  const firstUse = nonceMemory();
  return async (req: { method: string; url: string; headers: Record<string, string | string[] | undefined> }, body: Buffer): Promise<Verdict> => {
    const h = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
    if (!h('signature') || !h('signature-input')) return { ok: false, reason: 'unsigned' };
    if (h('x-hub-audience') !== audience) return { ok: false, reason: 'not for us' };
    if (!/^\s*hub=/.test(h('signature-input')!) || h('signature-input')!.includes(',')) return { ok: false, reason: 'one hub signature expected' };
    let params: Record<string, unknown> = {};
    let verified: boolean | null;
    try {
      verified = await httpbis.verifyMessage(
        {
          requiredFields: REQUIRED_FIELDS,
          requiredParams: REQUIRED_PARAMS,
          maxAge: MAX_AGE_S,
          tolerance: SKEW_S,
          keyLookup: async (p) => {
            params = p as Record<string, unknown>;
            if (p.tag !== 'cong-hub-gateway' || p.alg !== 'ed25519' || typeof p.keyid !== 'string') return null;
            const key = await keys.get(p.keyid);
            return key ? { id: p.keyid, algs: ['ed25519'], verify: createVerifier(key, 'ed25519') } : null;
          },
        },
        { method: req.method, url: new URL(req.url, 'http://notaries.invalid'), headers: req.headers as Record<string, string> },
      );
    } catch (err) {
      return { ok: false, reason: (err as Error).message };
    }
    if (verified !== true) return { ok: false, reason: 'bad signature or unknown key' };
    if (!digestMatches(h('content-digest')!, body)) return { ok: false, reason: 'body does not match content-digest' };
    if (typeof params.nonce !== 'string' || !firstUse(params.nonce)) return { ok: false, reason: 'replayed' };
    try {
      const context = JSON.parse(Buffer.from(h('x-hub-context')!, 'base64url').toString('utf8')) as GatewayContext;
      if (typeof context.requestId !== 'string' || !Array.isArray(context.actor?.roles)) return { ok: false, reason: 'malformed context' };
      return { ok: true, context };
    } catch {
      return { ok: false, reason: 'malformed context' };
    }
  };
}

function digestMatches(header: string, body: Buffer): boolean {
  const m = /(?:^|,)\s*sha-256=:([A-Za-z0-9+/=]+):/.exec(header);
  if (!m) return false;
  const given = Buffer.from(m[1]!, 'base64');
  const expected = createHash('sha256').update(body).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
