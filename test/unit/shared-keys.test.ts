// Shared keys (RFC 9421 hmac-sha256, the hub's own subgraphs): what verifies, what is refused,
// rotation, derivation and the gateway's choice of key per subgraph (schema/security/keys.ts).
import { describe, expect, it } from 'vitest';
import { signGatewayRequest, verifyGatewayRequest } from '../../schema/security/gateway-signature.ts';
import {
  formatSharedKey,
  gatewaySigner,
  isSharedKey,
  parsePrivateKey,
  parseSharedKeys,
  parseSigningKeys,
  sharedKeyFor,
  sharedKeyOf,
  sharedKeysFor,
} from '../../schema/security/keys.ts';
import { memoryReplayGuard } from '../../schema/security/replay-guard.ts';
import { STRANGER_KEY, TEST_SIGNING_KEY } from '../harness/signing.ts';
import { call, gatewayKey, keys, portalShared, sharedKeys } from './support/signature-fixtures.ts';

describe('shared keys (hmac-sha256, the hub’s own subgraphs)', () => {
  const verifyShared = (headers: Record<string, string>, opts: { audience?: string; shared?: typeof sharedKeys } = {}) =>
    verifyGatewayRequest(
      { audience: opts.audience ?? 'portal', keys, sharedKeys: 'shared' in opts ? opts.shared : sharedKeys, replay: memoryReplayGuard() },
      'POST',
      '/graphql',
      headers,
    );

  it('verifies a call signed with the subgraph’s own shared key, as hmac-sha256', async () => {
    const headers = signGatewayRequest(portalShared, call());
    expect(headers['signature-input']).toContain(';alg="hmac-sha256";');
    expect(headers['signature-input']).toContain(`;keyid="${portalShared.kid}";`);
    expect(headers.signature).toMatch(/^hub=:[A-Za-z0-9+/]{43}=:$/);
    expect(await verifyShared(headers)).toEqual({ ok: true, context: { requestId: 'r1', actor: { roles: [] } }, contentDigest: headers['content-digest'] });
    // Ed25519 from the gateway is still accepted beside it (partners' form, tools, a rolling upgrade).
    expect((await verifyShared(signGatewayRequest(gatewayKey, call()))).ok).toBe(true);
  });

  it('refuses it where the subgraph has no shared key, and another subgraph’s key', async () => {
    expect(await verifyShared(signGatewayRequest(portalShared, call()), { shared: undefined })).toEqual({ ok: false, reason: 'UNKNOWN_KEY' });
    // Legal's key signing a call for the portal: not a key the portal holds.
    expect(await verifyShared(signGatewayRequest(sharedKeyFor(gatewayKey, 'legal'), call()))).toEqual({ ok: false, reason: 'UNKNOWN_KEY' });
    // The portal's call taken to legal: addressed to the portal, and legal has no such key either.
    const toLegal = { audience: 'legal', shared: sharedKeysFor([gatewayKey], 'legal') };
    expect(await verifyShared(signGatewayRequest(portalShared, call()), toLegal)).toEqual({ ok: false, reason: 'WRONG_AUDIENCE' });
    expect(await verifyShared(signGatewayRequest(portalShared, call({ audience: 'legal' })), toLegal)).toEqual({ ok: false, reason: 'UNKNOWN_KEY' });
  });

  it('never lets one kind of key verify the other’s algorithm', async () => {
    // The classic confusion: HMAC keyed with the published public key, under its key id.
    const spki = keys.get(gatewayKey.kid)!.export({ format: 'der', type: 'spki' });
    const raw = Buffer.from(keys.get(gatewayKey.kid)!.export({ format: 'jwk' }).x!, 'base64url');
    for (const secret of [spki, Buffer.concat([raw, raw])]) {
      const confused = signGatewayRequest({ kid: gatewayKey.kid, secret: sharedKeyOf(secret).secret }, call());
      expect(await verifyShared(confused)).toEqual({ ok: false, reason: 'UNKNOWN_KEY' });
    }
    // An ed25519 claim under the shared key's id.
    const stranger = parsePrivateKey(STRANGER_KEY);
    expect(await verifyShared(signGatewayRequest({ ...stranger, kid: portalShared.kid }, call()))).toEqual({ ok: false, reason: 'UNKNOWN_KEY' });
  });

  it('rotates with the signing keys: the shared keys of both verify, by key id', async () => {
    const [next, current] = parseSigningKeys(`${STRANGER_KEY},${TEST_SIGNING_KEY}`);
    const both = sharedKeysFor([next!, current!], 'portal');
    expect(both.size).toBe(2);
    for (const key of [next!, current!]) expect((await verifyShared(signGatewayRequest(sharedKeyFor(key, 'portal'), call()), { shared: both })).ok).toBe(true);
    // As configured on a subgraph (SUBGRAPH_SHARED_KEYS): the same ids and secrets.
    const configured = parseSharedKeys([next!, current!].map((k) => formatSharedKey(sharedKeyFor(k, 'portal'))).join(', '));
    expect([...configured.keys()]).toEqual([...both.keys()]);
    expect((await verifyShared(signGatewayRequest(sharedKeyFor(next!, 'portal'), call()), { shared: configured })).ok).toBe(true);
  });

  it('derives one key per subgraph and signing key, with an id that does not give the secret away', () => {
    const a = sharedKeyFor(gatewayKey, 'portal');
    expect(formatSharedKey(a)).toBe(formatSharedKey(sharedKeyFor(gatewayKey, 'portal')));
    expect(formatSharedKey(a)).not.toBe(formatSharedKey(sharedKeyFor(gatewayKey, 'legal')));
    expect(formatSharedKey(a)).not.toBe(formatSharedKey(sharedKeyFor(parsePrivateKey(STRANGER_KEY), 'portal')));
    expect(Buffer.from(formatSharedKey(a), 'base64url')).toHaveLength(32);
    expect(a.kid).toMatch(/^hs-[A-Za-z0-9_-]{43}$/);
    expect(a.kid).not.toContain(formatSharedKey(a));
  });

  it('refuses shared keys that are short or not base64url', () => {
    expect(() => parseSharedKeys('')).toThrow(/no key/);
    expect(() => parseSharedKeys(Buffer.alloc(16, 1).toString('base64url'))).toThrow(/32 bytes/);
    expect(() => parseSharedKeys('not base64url!')).toThrow(/base64url/);
    expect(() => sharedKeyOf(Buffer.alloc(31))).toThrow(/32 bytes/);
  });

  it('the gateway’s signer: shared keys for the subgraphs it names, Ed25519 for the rest', () => {
    const core = new Set(['portal', 'legal']);
    const signer = gatewaySigner(gatewayKey, (name) => core.has(name));
    expect(signer('notaries')).toBe(gatewayKey);
    const portal = signer('portal');
    expect(isSharedKey(portal) && formatSharedKey(portal)).toBe(formatSharedKey(portalShared));
    expect(signer('portal')).toBe(portal); // derived once
    core.delete('portal'); // decided per call (the registry as reloaded)
    expect(signer('portal')).toBe(gatewayKey);
  });
});
