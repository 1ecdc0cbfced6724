// The example partner's own signature check (subgraphs/partners/notaries/verify.ts, on
// `http-message-signatures`), against signatures made the hub's way: what it accepts, what it
// refuses, and a key rotation picked up from the gateway's JWKS without a restart.
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentDigestOf, signGatewayRequest } from '../../schema/security/gateway-signature.ts';
import { jwksOf, parsePrivateKey } from '../../schema/security/keys.ts';
import { encodeContext } from '../../schema/security/signed-context.ts';
import { gatewayKeys, gatewayVerifier } from '../../subgraphs/partners/notaries/verify.ts';
import { TEST_SIGNING_KEY } from '../harness/signing.ts';

const CURRENT = parsePrivateKey(TEST_SIGNING_KEY);
const NEXT = parsePrivateKey(generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
const URL_ = 'http://127.0.0.1:4201/graphql';
const BODY = JSON.stringify({ query: '{ notaryOffices { id } }' });
const CONTEXT = encodeContext({ requestId: 'r1', actor: { roles: ['EDITOR'] }, locale: 'vi' });

let published = jwksOf([CURRENT]);
let fetches = 0;
let server: http.Server;
let jwksUrl: string;

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    fetches += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(published));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const request = (headers: Record<string, string>) => ({ method: 'POST', url: '/graphql', headers });
const sign = (key = CURRENT, more: { audience?: string; nowMs?: number; body?: string } = {}) =>
  signGatewayRequest(key, { method: 'POST', url: URL_, audience: more.audience ?? 'notaries', context: CONTEXT, body: more.body ?? BODY, nowMs: more.nowMs });

describe('the partner’s gateway signature check', () => {
  it('accepts the gateway’s call once and hands over the context; refuses everything else', async () => {
    const keys = gatewayKeys({ jwks: JSON.stringify(jwksOf([CURRENT])) });
    const verify = gatewayVerifier('notaries', keys);
    const headers = sign();
    expect(await verify(request(headers), Buffer.from(BODY))).toEqual({ ok: true, context: { requestId: 'r1', actor: { roles: ['EDITOR'] }, locale: 'vi' } });
    expect(await verify(request(headers), Buffer.from(BODY))).toEqual({ ok: false, reason: 'replayed' });
    const refused = async (h: Record<string, string>, body = BODY) => (await verify(request(h), Buffer.from(body))).ok;
    expect(await refused({})).toBe(false);
    expect(await refused(sign(CURRENT, { audience: 'portal' }))).toBe(false);
    expect(await refused({ ...sign(CURRENT, { audience: 'portal' }), 'x-hub-audience': 'notaries' })).toBe(false);
    expect(await refused(sign(CURRENT), '{"query":"{ notaryOffice(id: \\"1\\") { id } }"}')).toBe(false);
    expect(await refused({ ...sign(CURRENT), 'content-digest': contentDigestOf('{}') }, '{}')).toBe(false);
    expect(await refused({ ...sign(CURRENT), 'x-hub-context': encodeContext({ requestId: 'r1', actor: { roles: ['ADMIN'] } }) })).toBe(false);
    expect(await refused(sign(CURRENT, { nowMs: Date.now() - 40_000 }))).toBe(false);
    expect(await refused(sign(CURRENT, { nowMs: Date.now() + 30_000 }))).toBe(false);
    expect(await refused(sign(NEXT))).toBe(false);
  });

  it('picks up a rotated key from the JWKS when a signature names a key id it does not know', async () => {
    const keys = gatewayKeys({ url: jwksUrl }, { refetchAfterMs: 0 });
    await keys.refresh();
    const verify = gatewayVerifier('notaries', keys);
    expect((await verify(request(sign(NEXT)), Buffer.from(BODY))).ok).toBe(false); // not published yet
    published = jwksOf([NEXT, CURRENT]); // the operators add the new key (npm run keys:generate)
    expect((await verify(request(sign(NEXT)), Buffer.from(BODY))).ok).toBe(true);
    expect((await verify(request(sign(CURRENT)), Buffer.from(BODY))).ok).toBe(true); // both valid during the rotation
    const before = fetches;
    await verify(request(sign(CURRENT)), Buffer.from(BODY));
    expect(fetches).toBe(before); // a known key costs no fetch
  });

  it('refetches at most once a minute by default (an unknown key id cannot make it hammer the gateway)', async () => {
    const keys = gatewayKeys({ url: jwksUrl });
    await keys.refresh();
    const verify = gatewayVerifier('notaries', keys);
    const before = fetches;
    const stranger = parsePrivateKey(generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
    for (let i = 0; i < 5; i += 1) expect((await verify(request(sign(stranger)), Buffer.from(BODY))).ok).toBe(false);
    expect(fetches).toBe(before);
  });
});
