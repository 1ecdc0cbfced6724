// Prints a new gateway signing key (base64 PKCS#8, for GATEWAY_SIGNING_KEYS), the key set
// subgraphs verify with (for GATEWAY_PUBLIC_KEYS, or fetched from the gateway's
// /.well-known/jwks.json) and the shared key of each of the hub's own subgraphs (for its
// SUBGRAPH_SHARED_KEYS: the gateway signs calls to it with that key, RFC 9421 hmac-sha256).
// With the current keys given, prints the sets for a rotation:
//   npm run keys:generate                      a first key
//   npm run keys:generate -- "$GATEWAY_SIGNING_KEYS"   the current keys plus a new one, second
import { generateKeyPairSync } from 'node:crypto';
import { readRegistry } from '../gateway/subgraph-registry.ts';
import { formatSharedKey, jwksOf, parseSigningKeys, sharedKeyFor } from '../schema/security/keys.ts';

const fresh = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
const current = process.argv[2]?.trim();
const signingKeys = current ? `${current},${fresh}` : fresh;
const keys = parseSigningKeys(signingKeys);
console.log('# The gateway:');
console.log(`GATEWAY_SIGNING_KEYS=${signingKeys}`);
console.log('# Every subgraph (partners fetch it from /.well-known/jwks.json instead):');
console.log(`GATEWAY_PUBLIC_KEYS='${JSON.stringify(jwksOf(keys))}'`);
for (const entry of readRegistry(process.env.SUBGRAPH_REGISTRY).values()) {
  if (entry.trust !== 'core') continue;
  console.log(`# Subgraph ${entry.name} only:`);
  console.log(`SUBGRAPH_SHARED_KEYS=${keys.map((k) => formatSharedKey(sharedKeyFor(k, entry.name))).join(',')}`);
}
