// The gateway signature (RFC 9421, Ed25519) on its own: what verifies, and each way a call
// signed by anyone else, for anyone else, or at another time is refused (A18, A35).
import { sign } from 'node:crypto';
import { httpbis } from 'http-message-signatures';
import { parseItem, serializeList } from 'structured-headers';
import { describe, expect, it } from 'vitest';
import {
  AUDIENCE_HEADER,
  bodyMatchesDigest,
  contentDigestOf,
  COVERED_COMPONENTS,
  SIGNATURE_LABEL,
  SIGNATURE_TAG,
  signGatewayRequest,
  verifyGatewayRequest,
  WINDOW_SECONDS,
  type SignInput,
} from '../../schema/security/gateway-signature.ts';
import { jwksOf, parseJwks, parsePrivateKey, parseSigningKeys, verifyingKeysOf } from '../../schema/security/keys.ts';
import { memoryReplayGuard } from '../../schema/security/replay-guard.ts';
import { CONTEXT_HEADER, encodeContext } from '../../schema/security/signed-context.ts';
import { STRANGER_KEY, TEST_SIGNING_KEY } from '../harness/signing.ts';

const gatewayKey = parsePrivateKey(TEST_SIGNING_KEY);
const keys = verifyingKeysOf([gatewayKey]);
const body = '{"query":"{ agencies { totalCount } }"}';
const context = encodeContext({ requestId: 'r1', actor: { roles: [] } });
const call = (over: Partial<SignInput> = {}): SignInput => ({
  method: 'POST',
  url: 'http://10.0.0.7:4101/graphql',
  audience: 'portal',
  context,
  body,
  ...over,
});
const verify = (headers: Record<string, string>, opts: { audience?: string; replay?: ReturnType<typeof memoryReplayGuard>; target?: string } = {}) =>
  verifyGatewayRequest({ audience: opts.audience ?? 'portal', keys, replay: opts.replay ?? memoryReplayGuard() }, 'POST', opts.target ?? '/graphql', headers);

describe('gateway signature', () => {
  it('verifies a call signed for this subgraph and hands back its context and digest', async () => {
    const headers = signGatewayRequest(gatewayKey, call());
    const verdict = await verify(headers);
    expect(verdict).toEqual({ ok: true, context: { requestId: 'r1', actor: { roles: [] } }, contentDigest: headers['content-digest'] });
    expect(bodyMatchesDigest(headers['content-digest']!, Buffer.from(body))).toBe(true);
    expect(bodyMatchesDigest(headers['content-digest']!, Buffer.from(body.replace('agencies', 'officials')))).toBe(false);
  });

  it('refuses a call signed for another subgraph, even with the audience header rewritten', async () => {
    const headers = signGatewayRequest(gatewayKey, call({ audience: 'partner-x' }));
    expect(await verify(headers)).toEqual({ ok: false, reason: 'WRONG_AUDIENCE' });
    expect(await verify({ ...headers, 'x-hub-audience': 'portal' })).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('refuses a key the gateway does not publish, and a tampered context', async () => {
    const stranger = parsePrivateKey(STRANGER_KEY);
    expect(await verify(signGatewayRequest(stranger, call()))).toEqual({ ok: false, reason: 'UNKNOWN_KEY' });
    // The stranger claims the gateway's key id: the signature does not hold.
    const claimed = signGatewayRequest({ ...stranger, kid: gatewayKey.kid }, call());
    expect(await verify(claimed)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    const admin = encodeContext({ requestId: 'r1', actor: { id: 'x', roles: ['ADMIN'] } });
    expect(await verify({ ...signGatewayRequest(gatewayKey, call()), 'x-hub-context': admin })).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('refuses another path, method or body digest than the one signed', async () => {
    const headers = signGatewayRequest(gatewayKey, call());
    expect(await verify(headers, { target: '/graphql?x=1' })).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(await verify(headers, { target: '/files/abc' })).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(await verify({ ...headers, 'content-digest': signGatewayRequest(gatewayKey, call({ body: '{}' }))['content-digest']! })).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
  });

  it('refuses an expired signature and one dated ahead beyond the skew', async () => {
    const now = Date.now();
    expect(await verify(signGatewayRequest(gatewayKey, call({ nowMs: now - 31_000 })))).toEqual({ ok: false, reason: 'EXPIRED' });
    expect(await verify(signGatewayRequest(gatewayKey, call({ nowMs: now + 55_000 })))).toEqual({ ok: false, reason: 'NOT_YET_VALID' });
    expect(await verify(signGatewayRequest(gatewayKey, call({ nowMs: now + 10_000 })))).toEqual({ ok: false, reason: 'NOT_YET_VALID' });
    expect((await verify(signGatewayRequest(gatewayKey, call({ nowMs: now + 2_000 })))).ok).toBe(true);
    expect((await verify(signGatewayRequest(gatewayKey, call({ nowMs: now - 20_000 })))).ok).toBe(true);
  });

  it('accepts a signature once: the same call replayed is refused', async () => {
    const replay = memoryReplayGuard();
    const headers = signGatewayRequest(gatewayKey, call());
    expect((await verify(headers, { replay })).ok).toBe(true);
    expect(await verify(headers, { replay })).toEqual({ ok: false, reason: 'REPLAYED' });
    expect((await verify(signGatewayRequest(gatewayKey, call()), { replay })).ok).toBe(true);
  });

  it('refuses missing, doubled and malformed signature fields', async () => {
    const headers = signGatewayRequest(gatewayKey, call());
    for (const name of ['signature', 'signature-input', 'content-digest', 'x-hub-audience', 'x-hub-context']) {
      const { [name]: _dropped, ...rest } = headers;
      expect(await verify(rest), name).toEqual({ ok: false, reason: 'MISSING' });
    }
    const other = signGatewayRequest(gatewayKey, call());
    const doubled = { ...headers, 'signature-input': `${headers['signature-input']}, x=${other['signature-input']!.slice(4)}` };
    expect(await verify(doubled)).toEqual({ ok: false, reason: 'MALFORMED' });
    expect(await verify({ ...headers, 'signature-input': 'hub=("@method");created=1' })).toEqual({ ok: false, reason: 'MALFORMED' });
    expect(await verify({ ...headers, 'signature-input': '((((' })).toEqual({ ok: false, reason: 'MALFORMED' });
  });

  it('rotates: both published keys verify, by key id', async () => {
    const [next, current] = parseSigningKeys(`${STRANGER_KEY},${TEST_SIGNING_KEY}`);
    const published = parseJwks(JSON.stringify(jwksOf([next!, current!])));
    expect([...published.keys()]).toEqual([next!.kid, current!.kid]);
    for (const key of [next!, current!]) {
      const verdict = await verifyGatewayRequest(
        { audience: 'portal', keys: published, replay: memoryReplayGuard() },
        'POST',
        '/graphql',
        signGatewayRequest(key, call()),
      );
      expect(verdict.ok).toBe(true);
    }
  });

  it('publishes public halves only, and refuses a key set holding a private key', () => {
    const doc = jwksOf([gatewayKey]);
    expect(doc.keys[0]).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: gatewayKey.kid, alg: 'Ed25519', use: 'sig' });
    expect(JSON.stringify(doc)).not.toContain('"d"');
    const privateJwk = gatewayKey.privateKey.export({ format: 'jwk' });
    expect(() => parseJwks({ keys: [privateJwk] })).toThrow(/public keys/);
  });
});

/** The signing steps of `http-message-signatures` (createSigningParameters, createSignatureBase,
 * formatSignatureBase, augmentHeaders): signGatewayRequest's hand-built base must
 * match byte for byte (Ed25519 is deterministic, so equal bases give equal signatures). */
function librarySign(key: ReturnType<typeof parsePrivateKey>, input: SignInput & { nowMs: number; nonce: string }): Record<string, string> {
  const created = Math.floor(input.nowMs / 1000);
  const headers: Record<string, string> = { 'content-digest': contentDigestOf(input.body), [AUDIENCE_HEADER]: input.audience, [CONTEXT_HEADER]: input.context };
  const params = httpbis.createSigningParameters({
    key: { id: key.kid, alg: 'ed25519', sign: async () => Buffer.alloc(0) },
    params: ['created', 'expires', 'nonce', 'keyid', 'alg', 'tag'],
    paramValues: { created: new Date(created * 1000), expires: new Date((created + WINDOW_SECONDS) * 1000), nonce: input.nonce, tag: SIGNATURE_TAG },
  });
  const base = httpbis.createSignatureBase({ fields: [...COVERED_COMPONENTS] }, { method: input.method, url: input.url, headers });
  const signatureInput = serializeList([[base.map(([item]) => parseItem(item)), params]]);
  base.push(['"@signature-params"', [signatureInput]]);
  const signature = sign(null, Buffer.from(httpbis.formatSignatureBase(base)), key.privateKey);
  const signed = httpbis.augmentHeaders(headers, signature, signatureInput, SIGNATURE_LABEL) as Record<string, string>;
  return Object.fromEntries(Object.entries(signed).map(([k, v]) => [k.toLowerCase(), v]));
}

describe('the hand-built signature', () => {
  it('is byte for byte what http-message-signatures builds, for many calls', () => {
    const urls = ['http://10.0.0.7:4101/graphql', 'http://127.0.0.1:4001/graphql?x=1&y=%20z', 'https://partner.example/api/graphql/', 'http://[::1]:9/'];
    const contexts = [context, encodeContext({ requestId: 'r2', actor: { id: 'u', name: 'Biên tập viên', roles: ['EDITOR'], agencyIds: ['a'] } })];
    for (const url of urls)
      for (const ctx of contexts)
        for (const [i, b] of [body, '', '{"query":"mutation { touch }","variables":{"s":"ắ"}}'].entries()) {
          const input = {
            method: 'POST',
            url,
            audience: i === 1 ? 'partner-x' : 'portal',
            context: ctx,
            body: b,
            nowMs: 1_700_000_000_123 + i * 7_777,
            nonce: `nonce-${i}_A`,
          };
          expect(signGatewayRequest(gatewayKey, input)).toEqual(librarySign(gatewayKey, input));
        }
  });

  it('draws a fresh nonce for every call', () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const input = signGatewayRequest(gatewayKey, call())['signature-input']!;
      nonces.add(/nonce="([^"]+)"/.exec(input)![1]!);
    }
    expect(nonces.size).toBe(600);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('refuses a nonce that is not printable ASCII rather than sign a malformed input', () => {
    expect(() => signGatewayRequest(gatewayKey, call({ nonce: 'bad\nnonce' }))).toThrow();
  });
});
