// The gateway's Ed25519 signing keys and the public key set subgraphs verify with. Only the
// gateway holds a private key: subgraphs (the hub's and partners') get the public set, as a
// JWKS document (RFC 7517) served by the gateway or given in configuration, so no subgraph can
// sign a call to another. Key ids are RFC 7638 thumbprints: the same key has the same id
// everywhere, and nobody has to keep an id and a key in step.
import { createHash, createHmac, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

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
