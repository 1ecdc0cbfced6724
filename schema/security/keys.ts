// The gateway's Ed25519 signing keys and the public key set subgraphs verify with. Only the
// gateway holds a private key: subgraphs (the hub's and partners') get the public set, as a
// JWKS document (RFC 7517) served by the gateway or given in configuration, so no subgraph can
// sign a call to another. Key ids are RFC 7638 thumbprints: the same key has the same id
// everywhere, and nobody has to keep an id and a key in step.
//
// The hub's own (core) subgraphs also hold a shared key each: a secret derived from the
// gateway's signing key for that one subgraph, with which the gateway signs its calls to it by
// RFC 9421 `hmac-sha256` (an HMAC costs a twentieth of an Ed25519 verification, issue 13). A
// subgraph's shared key verifies calls to that subgraph only: the portal's cannot sign for legal,
// and partners never get one (they verify Ed25519 with the public set).
import { createHash, createHmac, createPrivateKey, createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'Ed25519';
  use: 'sig';
}

/** The key set subgraphs verify with: every key the gateway may sign with (two during a rotation). */
export type VerifyingKeys = ReadonlyMap<string, KeyObject>;

/** A secret the gateway shares with one core subgraph (RFC 9421 `hmac-sha256`). */
export interface SharedKey {
  kid: string;
  secret: KeyObject;
}

/** What the gateway signs a call with: its Ed25519 key, or the audience's shared key. */
export type GatewayKey = SigningKey | SharedKey;

export const isSharedKey = (key: GatewayKey): key is SharedKey => 'secret' in key;

/** A subgraph's shared keys by key id (two during a rotation). */
export type SharedKeys = ReadonlyMap<string, KeyObject>;

/**
 * Development-only key pair (PKCS#8, base64) used by every process when no key is configured;
 * refused in production on both sides (its private half is in this repository).
 */
export const DEV_SIGNING_KEY = 'MC4CAQAwBQYDK2VwBCIEIPvsg3ibRZO7naNovtmSxl3JSOgZb5X30IK2alKLX3/i';

/** RFC 7638 thumbprint of an Ed25519 public key: its key id. */
export function keyIdOf(publicKey: KeyObject): string {
  const { x } = publicKey.export({ format: 'jwk' });
  return createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
}

/** One private key from base64 PKCS#8 DER (what `npm run keys:generate` prints) or PEM. */
export function parsePrivateKey(text: string): SigningKey {
  const trimmed = text.trim();
  const privateKey = trimmed.startsWith('-----')
    ? createPrivateKey(trimmed)
    : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('gateway signing keys must be Ed25519');
  return { kid: keyIdOf(createPublicKey(privateKey)), privateKey };
}

/**
 * GATEWAY_SIGNING_KEYS: comma-separated private keys. The first signs; every one is published,
 * so a rotation is: add the new key second, let subgraphs pick up the set, move it first,
 * then remove the old one.
 */
export function parseSigningKeys(value: string): SigningKey[] {
  const keys = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(parsePrivateKey);
  if (!keys.length) throw new Error('GATEWAY_SIGNING_KEYS holds no key');
  return keys;
}

export function publicJwk(key: KeyObject): PublicJwk {
  const { x } = key.export({ format: 'jwk' });
  return { kty: 'OKP', crv: 'Ed25519', x: x!, kid: keyIdOf(key), alg: 'Ed25519', use: 'sig' };
}

/** The JWKS document the gateway publishes (public halves only). */
export function jwksOf(keys: SigningKey[]): { keys: PublicJwk[] } {
  return { keys: keys.map((k) => publicJwk(createPublicKey(k.privateKey))) };
}

/** Verifying keys from a JWKS document (JSON text or parsed); anything but Ed25519 is refused. */
export function parseJwks(doc: string | { keys?: unknown }): VerifyingKeys {
  const parsed = (typeof doc === 'string' ? JSON.parse(doc) : doc) as { keys?: unknown };
  if (!Array.isArray(parsed.keys) || parsed.keys.length === 0) throw new Error('the gateway key set holds no key');
  const out = new Map<string, KeyObject>();
  for (const jwk of parsed.keys as Record<string, unknown>[]) {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || 'd' in jwk) {
      throw new Error('the gateway key set may only hold Ed25519 public keys');
    }
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
    out.set(keyIdOf(key), key);
  }
  return out;
}

export const verifyingKeysOf = (keys: SigningKey[]): VerifyingKeys => parseJwks(jwksOf(keys));

/** True when the key set holds the public half of the committed development key. */
export function includesDevKey(keys: VerifyingKeys): boolean {
  return keys.has(parsePrivateKey(DEV_SIGNING_KEY).kid);
}

/**
 * A secret derived from the active signing key for the gateway's own keyed hashes (client keys):
 * no second secret to configure. It changes with the key, which only resets per-client counters.
 */
export function derivedSecret(key: SigningKey, label: string): Buffer {
  const raw = key.privateKey.export({ format: 'der', type: 'pkcs8' });
  return createHmac('sha256', raw).update(label).digest();
}

/** Shared keys are 32 random-looking bytes (the HMAC-SHA256 block's worth of entropy). */
const SHARED_KEY_BYTES = 32;

/** A shared key from its secret. Its id is a hash of the secret: the same secret has the same id
 * on both sides, and the id tells nothing about the secret. */
export function sharedKeyOf(secret: Buffer): SharedKey {
  if (secret.length < SHARED_KEY_BYTES) throw new Error(`a shared key must hold at least ${SHARED_KEY_BYTES} bytes`);
  const kid = `hs-${createHash('sha256').update('cong-hub shared key id\0').update(secret).digest('base64url')}`;
  return { kid, secret: createSecretKey(secret) };
}

/** The shared key of `audience` derived from a gateway signing key: the gateway needs no second
 * secret, and a rotation of the signing key rotates every shared key with it. */
export const sharedKeyFor = (key: SigningKey, audience: string): SharedKey => sharedKeyOf(derivedSecret(key, `subgraph-shared-key:${audience}`));

/** A shared key as configured (SUBGRAPH_SHARED_KEYS): its secret in base64url. */
export const formatSharedKey = (key: SharedKey): string => key.secret.export().toString('base64url');

/** SUBGRAPH_SHARED_KEYS: comma-separated base64url secrets (`npm run keys:generate` prints them). */
export function parseSharedKeys(value: string): SharedKeys {
  const out = new Map<string, KeyObject>();
  for (const text of value.split(',').map((s) => s.trim())) {
    if (!text) continue;
    if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new Error('a shared key is base64url text');
    const key = sharedKeyOf(Buffer.from(text, 'base64url'));
    out.set(key.kid, key.secret);
  }
  if (!out.size) throw new Error('SUBGRAPH_SHARED_KEYS holds no key');
  return out;
}

/** Every shared key of `audience` derived from these signing keys (a subgraph in the gateway's process). */
export function sharedKeysFor(keys: SigningKey[], audience: string): SharedKeys {
  return new Map(keys.map((k) => sharedKeyFor(k, audience)).map((k) => [k.kid, k.secret]));
}

/** `derive` for each subgraph name, run once per name (a derivation exports a private key). */
function perSubgraph<T>(derive: (subgraph: string) => T): (subgraph: string) => T {
  const derived = new Map<string, T>();
  return (subgraph) => {
    let value = derived.get(subgraph);
    if (value === undefined) derived.set(subgraph, (value = derive(subgraph)));
    return value;
  };
}

/** The shared keys of every subgraph, derived on first use (subgraphs in the gateway's process, tests). */
export const sharedKeysBySubgraph = (keys: SigningKey[]): ((subgraph: string) => SharedKeys) => perSubgraph((subgraph) => sharedKeysFor(keys, subgraph));

/** Which key signs a call to a subgraph, by the subgraph's name. */
export type Signer = (audience: string) => GatewayKey;

/**
 * The gateway's signer: a subgraph for which `shared(name)` holds (the hub's own subgraphs) gets
 * calls signed with its shared key, derived from `key` once; every other subgraph (partners)
 * gets Ed25519 with `key` itself.
 */
export function gatewaySigner(key: SigningKey, shared: (audience: string) => boolean): Signer {
  const sharedKeyOfAudience = perSubgraph((audience) => sharedKeyFor(key, audience));
  return (audience) => (shared(audience) ? sharedKeyOfAudience(audience) : key);
}
