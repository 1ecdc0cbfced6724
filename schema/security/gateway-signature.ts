// How the gateway signs each call to a subgraph, and how a subgraph checks it: HTTP Message
// Signatures (RFC 9421) over the method, path, query, the body's Content-Digest (RFC 9530), the
// audience (the one subgraph the call is for) and the caller's context, with created/expires and
// a nonce. Any language with an RFC 9421 library can verify it. Two algorithms: `ed25519` with
// the gateway's key (every subgraph can verify it with the published key set; the only one
// partners get), and `hmac-sha256` with the shared key of one core subgraph (keys.ts), which the
// gateway uses for the hub's own subgraphs because it costs a subgraph a twentieth of the CPU.
//
// Replays are useless three ways: the audience binds a call to one subgraph (a partner cannot
// send what it received to portal, legal or another partner); the window is short (30 s, 5 s of
// clock skew ahead); and each nonce is accepted once per subgraph within the window (Redis when
// configured, memory otherwise). Headers are checked before the body is read (A18).
import { createHash, createHmac, randomBytes, sign, timingSafeEqual, verify as verifySignature } from 'node:crypto';
import { httpbis, createVerifier } from 'http-message-signatures';
import { parseDictionary, type Dictionary } from 'structured-headers';
import { CONTEXT_HEADER, type SignedContext } from './signed-context.ts';
import { isSharedKey, type GatewayKey, type SharedKeys, type VerifyingKeys } from './keys.ts';
import type { ReplayGuard } from './replay-guard.ts';

export const AUDIENCE_HEADER = 'x-hub-audience';
export const SIGNATURE_LABEL = 'hub';
/** RFC 9421 `tag`: says which profile a signature follows, so it is never taken for another's. */
export const SIGNATURE_TAG = 'cong-hub-gateway';
export const COVERED_COMPONENTS = ['@method', '@path', '@query', 'content-digest', AUDIENCE_HEADER, CONTEXT_HEADER] as const;
/** How long a signature is valid after it was created. */
export const WINDOW_SECONDS = 30;
/** How far ahead of the subgraph's clock a `created` may be. */
export const SKEW_SECONDS = 5;

/** RFC 9421 §6.2 algorithm names, by the kind of key that signs. */
export type SignatureAlgorithm = 'ed25519' | 'hmac-sha256';

export type VerifyFailure = 'MISSING' | 'MALFORMED' | 'WRONG_AUDIENCE' | 'UNKNOWN_KEY' | 'EXPIRED' | 'NOT_YET_VALID' | 'BAD_SIGNATURE' | 'REPLAYED';
export type VerifyResult = { ok: true; context: SignedContext; contentDigest: string } | { ok: false; reason: VerifyFailure };

/** RFC 9530 Content-Digest of a body (SHA-256). */
export function contentDigestOf(body: string | Buffer): string {
  return `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
}

export interface SignInput {
  method: string;
  /** The full URL the request goes to (its path and query are signed). */
  url: string;
  audience: string;
  /** The context as it travels in CONTEXT_HEADER (encodeContext). */
  context: string;
  body: string | Buffer;
  nowMs?: number;
  nonce?: string;
}

/** The covered components as the signature's inner list: `("@method" "@path" … "x-hub-context")`. */
const COVERED_LIST = `(${COVERED_COMPONENTS.map((c) => `"${c}"`).join(' ')})`;

/** An RFC 8941 sf-string (printable ASCII; `"` and `\\` escaped). */
function sfString(value: string): string {
  if (!/^[\x20-\x7e]*$/.test(value)) throw new Error('a signature parameter must be printable ASCII');
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/** A header field's value in the signature base (RFC 9421 §2.1): trimmed, obsolete line folding undone. */
const fieldValue = (value: string) => value.trim().replace(/\n\s*/gm, ' ');

/** `@path` and `@query` of each subgraph URL, parsed once (a gateway calls a handful of URLs). */
const targets = new Map<string, { path: string; query: string }>();
function targetOf(url: string): { path: string; query: string } {
  let target = targets.get(url);
  if (!target) {
    const { pathname, search } = new URL(url);
    // RFC 9421 §2.2.6–2.2.7: an empty path is `/`, an absent query is `?`.
    target = { path: pathname || '/', query: search || '?' };
    if (targets.size >= 256) targets.clear();
    targets.set(url, target);
  }
  return target;
}

/** Nonces: 16 random bytes each, cut from a pool the CSPRNG fills 256 at a time (each used once). */
const NONCE_BYTES = 16;
let noncePool = Buffer.alloc(0);
let nonceOffset = 0;
function nextNonce(): string {
  if (nonceOffset + NONCE_BYTES > noncePool.length) {
    noncePool = randomBytes(NONCE_BYTES * 256);
    nonceOffset = 0;
  }
  const nonce = noncePool.toString('base64url', nonceOffset, nonceOffset + NONCE_BYTES);
  nonceOffset += NONCE_BYTES;
  return nonce;
}

/**
 * The headers to add to a request the gateway sends to `audience`, signed with `key`: the
 * gateway's Ed25519 key (`ed25519`) or the audience's shared key (`hmac-sha256`). Synchronous,
 * and built by hand: the signature base and Signature-Input of this one profile (fixed
 * components, fixed parameters) as `http-message-signatures` builds them — the same bytes
 * (test/unit/gateway-signature.test.ts compares them with the library's for many inputs) —
 * without parsing and re-serialising structured fields on every subgraph call (measured: the
 * library's steps cost as much as the Ed25519 signature itself, issue 13).
 */
export function signGatewayRequest(key: GatewayKey, input: SignInput): Record<string, string> {
  const shared = isSharedKey(key);
  const created = Math.floor((input.nowMs ?? Date.now()) / 1000);
  const digest = contentDigestOf(input.body);
  const { path, query } = targetOf(input.url);
  const signatureParams =
    `${COVERED_LIST};created=${created};expires=${created + WINDOW_SECONDS};nonce=${sfString(input.nonce ?? nextNonce())}` +
    `;keyid=${sfString(key.kid)};alg="${shared ? 'hmac-sha256' : 'ed25519'}";tag=${sfString(SIGNATURE_TAG)}`;
  const base =
    `"@method": ${input.method.toUpperCase()}\n"@path": ${path}\n"@query": ${query}\n"content-digest": ${digest}\n` +
    `"${AUDIENCE_HEADER}": ${fieldValue(input.audience)}\n"${CONTEXT_HEADER}": ${fieldValue(input.context)}\n"@signature-params": ${signatureParams}`;
  const signature = shared ? createHmac('sha256', key.secret).update(base).digest() : sign(null, Buffer.from(base), key.privateKey);
  // Lower case, as HTTP/2 sends them and as Node hands them to the subgraph.
  return {
    'content-digest': digest,
    [AUDIENCE_HEADER]: input.audience,
    [CONTEXT_HEADER]: input.context,
    signature: `${SIGNATURE_LABEL}=:${signature.toString('base64')}:`,
    'signature-input': `${SIGNATURE_LABEL}=${signatureParams}`,
  };
}

export interface VerifyOptions {
  /** This subgraph's name: a call signed for any other is refused. */
  audience: string;
  keys: VerifyingKeys;
  /** This subgraph's shared keys (`hmac-sha256`); none: only `ed25519` is accepted. */
  sharedKeys?: SharedKeys;
  replay: ReplayGuard;
}

type Headers = Record<string, string | string[] | undefined>;

/**
 * Checks a request's signature from its headers alone (call before reading the body); then
 * check the body against the returned `contentDigest` with `bodyMatchesDigest`.
 * `target` is the request's path and query as received (e.g. req.originalUrl).
 *
 * A call in the exact form signGatewayRequest sends (canonical Signature-Input and Signature,
 * a plain path, lower-case header names) is verified over a signature base rebuilt by hand, the
 * bytes `http-message-signatures` would build; anything else goes through the library
 * (`verifyGatewayRequestByLibrary`). Same checks in the same order, same refusals: the unit test
 * compares both decisions over many signed, tampered, expired, misaddressed and replayed calls.
 * The library's structured-field parsing and re-serialising cost about as much as the Ed25519
 * verification itself (issue 13).
 */
export function verifyGatewayRequest(opts: VerifyOptions, method: string, target: string, headers: Headers): Promise<VerifyResult> {
  return verifyCall(opts, method, target, headers, true);
}

/** verifyGatewayRequest with every call through `http-message-signatures` (the reference). */
export function verifyGatewayRequestByLibrary(opts: VerifyOptions, method: string, target: string, headers: Headers): Promise<VerifyResult> {
  return verifyCall(opts, method, target, headers, false);
}

async function verifyCall(opts: VerifyOptions, method: string, target: string, headers: Headers, byHand: boolean): Promise<VerifyResult> {
  const signature = typeof headers.signature === 'string' ? headers.signature : undefined;
  const input = typeof headers['signature-input'] === 'string' ? headers['signature-input'] : undefined;
  const digest = typeof headers['content-digest'] === 'string' ? headers['content-digest'] : undefined;
  const audience = typeof headers[AUDIENCE_HEADER] === 'string' ? headers[AUDIENCE_HEADER] : undefined;
  const context = typeof headers[CONTEXT_HEADER] === 'string' ? headers[CONTEXT_HEADER] : undefined;
  if (!signature || !input || !digest || !audience || !context) return { ok: false, reason: 'MISSING' };
  if (audience !== opts.audience) return { ok: false, reason: 'WRONG_AUDIENCE' };
  const canonical = byHand ? canonicalCall(input, signature, target, headers) : undefined;
  let created: unknown, expires: unknown, nonce: unknown, keyid: unknown, alg: unknown;
  if (canonical) {
    ({ created, expires, nonce, keyid, alg } = canonical);
  } else {
    let params: Map<string, unknown>;
    try {
      params = signatureParams(parseDictionary(input));
    } catch {
      return { ok: false, reason: 'MALFORMED' };
    }
    created = params.get('created');
    expires = params.get('expires');
    nonce = params.get('nonce');
    keyid = params.get('keyid');
    alg = params.get('alg');
    if (typeof created !== 'number' || typeof expires !== 'number' || typeof nonce !== 'string' || nonce.length > 64 || typeof keyid !== 'string') {
      return { ok: false, reason: 'MALFORMED' };
    }
    if ((alg !== 'ed25519' && alg !== 'hmac-sha256') || params.get('tag') !== SIGNATURE_TAG) return { ok: false, reason: 'MALFORMED' };
  }
  const [c, e, id] = [created as number, expires as number, keyid as string];
  const now = Math.floor(Date.now() / 1000);
  if (c > now + SKEW_SECONDS) return { ok: false, reason: 'NOT_YET_VALID' };
  if (now - c > WINDOW_SECONDS || now > e || e - c > WINDOW_SECONDS) return { ok: false, reason: 'EXPIRED' };
  // The algorithm picks the key set: a shared key never verifies an `ed25519` claim, nor a public
  // key an `hmac-sha256` one (no algorithm confusion), and a subgraph without shared keys takes
  // Ed25519 only.
  const hmac = alg === 'hmac-sha256';
  const key = hmac ? opts.sharedKeys?.get(id) : opts.keys.get(id);
  if (!key) return { ok: false, reason: 'UNKNOWN_KEY' };
  let valid: boolean | null;
  if (canonical) {
    // The base as http-message-signatures builds it for these components (RFC 9421 §2.5): the
    // method upper-cased, the plain path, `?` for no query, each field trimmed and unfolded,
    // then the Signature-Input member as received (canonical: what serializeList gives back).
    const base =
      `"@method": ${method.toUpperCase()}\n"@path": ${target}\n"@query": ?\n"content-digest": ${fieldValue(digest)}\n` +
      `"${AUDIENCE_HEADER}": ${fieldValue(audience)}\n"${CONTEXT_HEADER}": ${fieldValue(context)}\n"@signature-params": ${canonical.signatureParams}`;
    try {
      if (hmac) {
        const expected = createHmac('sha256', key).update(base).digest();
        valid = canonical.signature.length === expected.length && timingSafeEqual(canonical.signature, expected);
      } else valid = verifySignature(null, Buffer.from(base), key, canonical.signature);
    } catch {
      valid = false;
    }
  } else {
    try {
      valid = await httpbis.verifyMessage(
        {
          keyLookup: async (p) => (p.keyid === id ? { id, algs: [alg as SignatureAlgorithm], verify: createVerifier(key, alg as SignatureAlgorithm) } : null),
          requiredFields: [...COVERED_COMPONENTS],
          requiredParams: ['created', 'expires', 'nonce', 'keyid', 'alg', 'tag'],
          tolerance: SKEW_SECONDS,
        },
        { method, url: new URL(target, 'http://subgraph.invalid'), headers: headers as Record<string, string | string[]> },
      );
    } catch {
      valid = false;
    }
  }
  if (valid !== true) return { ok: false, reason: 'BAD_SIGNATURE' };
  let parsed: SignedContext;
  try {
    parsed = JSON.parse(Buffer.from(context, 'base64url').toString('utf8')) as SignedContext;
  } catch {
    return { ok: false, reason: 'MALFORMED' };
  }
  if (typeof parsed?.requestId !== 'string' || !Array.isArray(parsed.actor?.roles)) return { ok: false, reason: 'MALFORMED' };
  // Last, once the signature holds: only the gateway can spend a nonce.
  if (!(await opts.replay.firstUse(`${opts.audience}:${id}:${nonce as string}`, WINDOW_SECONDS + SKEW_SECONDS))) return { ok: false, reason: 'REPLAYED' };
  return { ok: true, context: parsed, contentDigest: digest };
}

/** An sf-integer as serializeItem writes it (no sign, no leading zero; RFC 8941: ≤ 15 digits). */
const SF_INT = '(0|[1-9][0-9]{0,14})';
/** An sf-string without escapes (a `"` or `\\` inside sends the call to the library). */
const sfPlain = (max: string) => `"([\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]${max})"`;
/** Signature-Input exactly as signGatewayRequest writes it: one member, our components, our parameters in our order. */
const CANONICAL_INPUT = new RegExp(
  `^${SIGNATURE_LABEL}=(${COVERED_LIST.replace(/[()]/g, '\\$&')};created=${SF_INT};expires=${SF_INT};nonce=${sfPlain('{0,64}')};keyid=${sfPlain('*')}` +
    `;alg="(ed25519|hmac-sha256)";tag="${SIGNATURE_TAG}")$`,
);
/** One Ed25519 signature (64 bytes) or HMAC-SHA256 (32 bytes) as an sf-binary member labelled `hub`. */
const CANONICAL_SIGNATURE = new RegExp(`^${SIGNATURE_LABEL}=:([A-Za-z0-9+/]{86}==|[A-Za-z0-9+/]{43}=):$`);
/** A plain absolute path without a query: `new URL` leaves it as it is. */
const PLAIN_PATH = /^(\/[A-Za-z0-9_-]+)+\/?$/;

interface CanonicalCall {
  created: number;
  expires: number;
  nonce: string;
  keyid: string;
  alg: SignatureAlgorithm;
  /** The Signature-Input member's value, as it goes into the signature base. */
  signatureParams: string;
  signature: Buffer;
}

/** The call's parameters when it is in the canonical form, undefined otherwise (→ the library). */
function canonicalCall(input: string, signature: string, target: string, headers: Headers): CanonicalCall | undefined {
  if (!PLAIN_PATH.test(target)) return undefined;
  const m = CANONICAL_INPUT.exec(input);
  const s = m && CANONICAL_SIGNATURE.exec(signature);
  if (!m || !s) return undefined;
  // The library finds each field by a case-insensitive scan of the header names: with names in
  // lower case only (as Node hands them over) it finds exactly the values read above.
  for (const name in headers) if (/[A-Z]/.test(name)) return undefined;
  return {
    signatureParams: m[1]!,
    created: Number(m[2]),
    expires: Number(m[3]),
    nonce: m[4]!,
    keyid: m[5]!,
    alg: m[6] as SignatureAlgorithm,
    signature: Buffer.from(s[1]!, 'base64'),
  };
}

/** Exactly one signature, labelled `hub`, covering every component the profile requires. */
function signatureParams(inputs: Dictionary): Map<string, unknown> {
  if (inputs.size !== 1 || !inputs.has(SIGNATURE_LABEL)) throw new Error('one hub signature expected');
  const [items, params] = inputs.get(SIGNATURE_LABEL)! as [unknown, Map<string, unknown>];
  if (!Array.isArray(items)) throw new Error('signature input is not an inner list');
  const covered = new Set(items.map(([name, itemParams]: [unknown, Map<string, unknown>]) => (itemParams.size === 0 ? String(name) : '')));
  if (!COVERED_COMPONENTS.every((c) => covered.has(c))) throw new Error('a required component is not covered');
  return new Map([...params].map(([k, v]) => [k, typeof v === 'object' && v !== null ? String(v) : v]));
}

/** The body is what the signed Content-Digest says (SHA-256 required). */
export function bodyMatchesDigest(contentDigest: string, body: Buffer): boolean {
  const expected = createHash('sha256').update(body).digest();
  // The form the gateway sends (`sha-256=:<base64>:`, as contentDigestOf writes it): equal
  // strings mean equal digests, no structured-field parsing needed. Any other form is parsed.
  if (contentDigest === `sha-256=:${expected.toString('base64')}:`) return true;
  try {
    const member = parseDictionary(contentDigest).get('sha-256');
    const value = member?.[0];
    if (!(value instanceof ArrayBuffer)) return false;
    const given = Buffer.from(value);
    return given.length === expected.length && timingSafeEqual(given, expected);
  } catch {
    return false;
  }
}
