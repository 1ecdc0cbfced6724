// What the gateway-signature unit tests sign and verify with: the test gateway's key, the
// portal's shared key, and a call to the portal (gateway-signature.test.ts, shared-keys.test.ts).
import type { SignInput } from '../../../schema/security/gateway-signature.ts';
import { parsePrivateKey, sharedKeyFor, sharedKeysFor, verifyingKeysOf } from '../../../schema/security/keys.ts';
import { encodeContext } from '../../../schema/security/signed-context.ts';
import { TEST_SIGNING_KEY } from '../../harness/signing.ts';

export const gatewayKey = parsePrivateKey(TEST_SIGNING_KEY);
export const keys = verifyingKeysOf([gatewayKey]);
/** The portal's shared key, and the set the portal verifies with. */
export const portalShared = sharedKeyFor(gatewayKey, 'portal');
export const sharedKeys = sharedKeysFor([gatewayKey], 'portal');
export const body = '{"query":"{ agencies { totalCount } }"}';
export const context = encodeContext({ requestId: 'r1', actor: { roles: [] } });
export const call = (over: Partial<SignInput> = {}): SignInput => ({
  method: 'POST',
  url: 'http://10.0.0.7:4101/graphql',
  audience: 'portal',
  context,
  body,
  ...over,
});
