// Prints a new gateway signing key (base64 PKCS#8, for GATEWAY_SIGNING_KEYS) and the key set
// subgraphs verify with (for GATEWAY_PUBLIC_KEYS, or fetched from the gateway's
// /.well-known/jwks.json). With the current keys given, prints the set for a rotation:
//   npm run keys:generate                      a first key
//   npm run keys:generate -- "$GATEWAY_SIGNING_KEYS"   the current keys plus a new one, second
import { generateKeyPairSync } from 'node:crypto';
import { jwksOf, parseSigningKeys } from '../schema/security/keys.ts';

const fresh = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
const current = process.argv[2]?.trim();
const signingKeys = current ? `${current},${fresh}` : fresh;
console.log(`GATEWAY_SIGNING_KEYS=${signingKeys}`);
console.log(`GATEWAY_PUBLIC_KEYS='${JSON.stringify(jwksOf(parseSigningKeys(signingKeys)))}'`);
