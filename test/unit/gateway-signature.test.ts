// The gateway signature (RFC 9421: Ed25519, and hmac-sha256 with a core subgraph's shared key) on
// its own: what verifies, and each way a call signed by anyone else, for anyone else, or at
// another time is refused (A18, A35).
import { createHmac, sign } from 'node:crypto';
import { httpbis } from 'http-message-signatures';
import { parseItem, serializeList } from 'structured-headers';
import { describe, expect, it, vi } from 'vitest';
import {
  AUDIENCE_HEADER,
  bodyMatchesDigest,
  contentDigestOf,
  COVERED_COMPONENTS,
  SIGNATURE_LABEL,
  SIGNATURE_TAG,
  signGatewayRequest,
  verifyGatewayRequest,
  verifyGatewayRequestByLibrary,
  WINDOW_SECONDS,
  type SignInput,
} from '../../schema/security/gateway-signature.ts';
import { isSharedKey, jwksOf, parseJwks, parsePrivateKey, parseSigningKeys, sharedKeyFor, sharedKeyOf, type GatewayKey } from '../../schema/security/keys.ts';
import { memoryReplayGuard } from '../../schema/security/replay-guard.ts';
import { CONTEXT_HEADER, encodeContext } from '../../schema/security/signed-context.ts';
import { STRANGER_KEY, TEST_SIGNING_KEY } from '../harness/signing.ts';
import { body, call, context, gatewayKey, keys, portalShared, sharedKeys } from './support/signature-fixtures.ts';

const verify = (headers: Record<string, string>, opts: { audience?: string; replay?: ReturnType<typeof memoryReplayGuard>; target?: string } = {}) =>
  verifyGatewayRequest({ audience: opts.audience ?? 'portal', keys, replay: opts.replay ?? memoryReplayGuard() }, 'POST', opts.target ?? '/graphql', headers);

describe('gateway signature', () => {
  it('verifies a call signed for this subgraph and hands back its context and digest', async () => {
    const headers = signGatewayRequest(gatewayKey, call());
    const verdict = await verify(headers);
    expect(verdict).toEqual({ ok: true, context: { requestId: 'r1', actor: { roles: [] } }, contentDigest: headers['content-digest'] });
    expect(bodyMatchesDigest(headers['content-digest']!, Buffer.from(body))).toBe(true);
    expect(bodyMatchesDigest(headers['content-digest']!, Buffer.from(body.replace('agencies', 'officials')))).toBe(false);
    // Forms other than the gateway's own are parsed as structured fields: same verdicts.
    const sha = headers['content-digest']!.slice('sha-256='.length);
    expect(bodyMatchesDigest(` sha-256=${sha}, sha-512=:AAAA:`, Buffer.from(body))).toBe(true);
    expect(bodyMatchesDigest(`sha-512=:AAAA:, sha-256=${sha}`, Buffer.from(`${body} `))).toBe(false);
    expect(bodyMatchesDigest(`sha-256=${sha.toLowerCase()}`, Buffer.from(body))).toBe(false);
    expect(bodyMatchesDigest('sha-256=("x")', Buffer.from(body))).toBe(false);
    expect(bodyMatchesDigest('((((', Buffer.from(body))).toBe(false);
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
function librarySign(key: GatewayKey, input: SignInput & { nowMs: number; nonce: string }): Record<string, string> {
  const alg = isSharedKey(key) ? 'hmac-sha256' : 'ed25519';
  const created = Math.floor(input.nowMs / 1000);
  const headers: Record<string, string> = { 'content-digest': contentDigestOf(input.body), [AUDIENCE_HEADER]: input.audience, [CONTEXT_HEADER]: input.context };
  const params = httpbis.createSigningParameters({
    key: { id: key.kid, alg, sign: async () => Buffer.alloc(0) },
    params: ['created', 'expires', 'nonce', 'keyid', 'alg', 'tag'],
    paramValues: { created: new Date(created * 1000), expires: new Date((created + WINDOW_SECONDS) * 1000), nonce: input.nonce, tag: SIGNATURE_TAG },
  });
  const base = httpbis.createSignatureBase({ fields: [...COVERED_COMPONENTS] }, { method: input.method, url: input.url, headers });
  const signatureInput = serializeList([[base.map(([item]) => parseItem(item)), params]]);
  base.push(['"@signature-params"', [signatureInput]]);
  const data = Buffer.from(httpbis.formatSignatureBase(base));
  const signature = isSharedKey(key) ? createHmac('sha256', key.secret).update(data).digest() : sign(null, data, key.privateKey);
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
          for (const key of [gatewayKey, portalShared]) expect(signGatewayRequest(key, input)).toEqual(librarySign(key, input));
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

describe('the hand-built verification', () => {
  type H = Record<string, string | string[]>;
  const stranger = parsePrivateKey(STRANGER_KEY);
  const editor = encodeContext({ requestId: 'r2', actor: { id: 'u', name: 'Biên tập viên', roles: ['EDITOR'], agencyIds: ['a'] } });
  const edit = (name: string, f: (v: string) => string) => (h: H) => ({ ...h, [name]: f(String(h[name])) });
  const input = (f: (v: string) => string) => edit('signature-input', f);
  /** Each way a signed call can arrive altered (none of them by the gateway). */
  const mutations: [string, (h: H) => H][] = [
    ['as signed', (h) => h],
    ...['signature', 'signature-input', 'content-digest', AUDIENCE_HEADER, CONTEXT_HEADER].map((name): [string, (h: H) => H] => [
      `without ${name}`,
      ({ [name]: _gone, ...rest }) => rest,
    ]),
    ['created with a leading zero', input((v) => v.replace(';created=', ';created=0'))],
    ['created + 1', input((v) => v.replace(/created=(\d+)/, (_m, d: string) => `created=${Number(d) + 1}`))],
    ['expires - 1', input((v) => v.replace(/expires=(\d+)/, (_m, d: string) => `expires=${Number(d) - 1}`))],
    ['a window beyond 30 s', input((v) => v.replace(/expires=(\d+)/, (_m, d: string) => `expires=${Number(d) + 1}`))],
    ['negative created', input((v) => v.replace(';created=', ';created=-'))],
    ['alg as a token', input((v) => v.replace('alg="ed25519"', 'alg=ed25519'))],
    ['another alg', input((v) => v.replace(/alg="[^"]*"/, 'alg="rsa-pss-sha512"'))],
    ['alg switched to hmac-sha256', input((v) => v.replace('alg="ed25519"', 'alg="hmac-sha256"'))],
    ['alg switched to ed25519', input((v) => v.replace('alg="hmac-sha256"', 'alg="ed25519"'))],
    ['alg hmac-sha512', input((v) => v.replace(/alg="[^"]*"/, 'alg="hmac-sha512"'))],
    ['another tag', input((v) => v.replace(SIGNATURE_TAG, 'other-profile'))],
    ['no tag', input((v) => v.replace(`;tag="${SIGNATURE_TAG}"`, ''))],
    ['an extra parameter', input((v) => `${v};foo=1`)],
    ['a space after a parameter', input((v) => v.replace(';keyid=', '; keyid='))],
    ['parameters reordered', input((v) => v.replace(/;(nonce="[^"]*");(keyid="[^"]*")/, ';$2;$1'))],
    ['an escaped nonce', input((v) => v.replace(/nonce="([^"]*)"/, 'nonce="a\\"b$1"'))],
    ['a 65-character nonce', input((v) => v.replace(/nonce="[^"]*"/, `nonce="${'n'.repeat(65)}"`))],
    ['an unknown key id', input((v) => v.replace(/keyid="[^"]*"/, 'keyid="nobody"'))],
    ['components reordered', input((v) => v.replace('"@method" "@path"', '"@path" "@method"'))],
    ['a component dropped', input((v) => v.replace(' "@query"', ''))],
    ['a component with a parameter', input((v) => v.replace('"@method"', '"@method";req'))],
    ['double spaces in the list', input((v) => v.replace('" "', '"  "'))],
    ['trailing whitespace', input((v) => `${v} `)],
    ['leading whitespace', input((v) => ` ${v}`)],
    ['another label', input((v) => v.replace(/^hub=/, 'sig='))],
    ['an upper-case label', input((v) => v.replace(/^hub=/, 'HUB='))],
    ['a second member', input((v) => `${v}, x=${v.slice(4)}`)],
    ['signature: one character changed', edit('signature', (v) => v.replace(/:(.)/, (_m, c: string) => `:${c === 'A' ? 'B' : 'A'}`))],
    ['signature: unused bits set', edit('signature', (v) => v.replace(/(.)==:$/, (_m, c: string) => `${c === 'A' ? 'B' : 'A'}==:`))],
    ['signature: another label', edit('signature', (v) => v.replace(/^hub=/, 'sig='))],
    ['signature: a second member', edit('signature', (v) => `${v}, x=${v.slice(4)}`)],
    ['signature: trailing space', edit('signature', (v) => `${v} `)],
    ['signature: a token', edit('signature', () => 'hub=abc')],
    ['signature: truncated', edit('signature', (v) => `${v.slice(0, 40)}==:`)],
    ['signature: 32 bytes', edit('signature', (v) => `${v.slice(0, 47)}=:`)],
    ['signature: 64 bytes of zeros', edit('signature', () => `hub=:${Buffer.alloc(64).toString('base64')}:`)],
    ['signature: in an array', (h) => ({ ...h, signature: [String(h.signature)] })],
    ['content-digest padded with spaces', edit('content-digest', (v) => ` ${v} `)],
    ['content-digest of another body', edit('content-digest', () => contentDigestOf('{}'))],
    ['audience with a space', edit(AUDIENCE_HEADER, (v) => `${v} `)],
    ['context of an admin', edit(CONTEXT_HEADER, () => encodeContext({ requestId: 'r1', actor: { id: 'x', roles: ['ADMIN'] } }))],
    ['context padded with spaces', edit(CONTEXT_HEADER, (v) => ` ${v} `)],
    ['an upper-case Content-Digest before the real one', (h) => ({ 'Content-Digest': contentDigestOf('{}'), ...h })],
    ['an upper-case Signature after the real one', (h) => ({ ...h, Signature: String(h.signature) })],
  ];
  const now = Date.now();
  const calls: [string, GatewayKey, SignInput][] = [];
  const strangerShared = sharedKeyFor(stranger, 'portal');
  for (const [who, key] of [
    ['gateway', gatewayKey],
    ['stranger', stranger],
    ['stranger claiming the gateway key id', { ...stranger, kid: gatewayKey.kid }],
    ['the portal’s shared key', portalShared],
    ['legal’s shared key', sharedKeyFor(gatewayKey, 'legal')],
    ['a stranger’s shared key claiming the portal’s id', { ...strangerShared, kid: portalShared.kid }],
    [
      'the public key as an HMAC secret, with its key id',
      { kid: gatewayKey.kid, secret: sharedKeyOf(Buffer.from(keys.get(gatewayKey.kid)!.export({ format: 'der', type: 'spki' }))).secret },
    ],
  ] as const)
    for (const [what, over] of [
      ['now', {}],
      ['editor context', { context: editor }],
      ['empty body', { body: '' }],
      ['for partner-x', { audience: 'partner-x' }],
      ['31 s ago', { nowMs: now - 31_000 }],
      ['20 s ago', { nowMs: now - 20_000 }],
      ['10 s ahead', { nowMs: now + 10_000 }],
      ['2 s ahead', { nowMs: now + 2_000 }],
      ['to /graphql/', { url: 'http://10.0.0.7:4101/graphql/' }],
      ['to /graphql?x=1', { url: 'http://10.0.0.7:4101/graphql?x=1' }],
      ['with method get', { method: 'get' }],
    ] as const)
      calls.push([`${who}, ${what}`, key, call(over as Partial<SignInput>)]);
  const targets = [
    '/graphql',
    '/graphql/',
    '/graphql?x=1',
    '/graphql?',
    '/a/../graphql',
    '/./graphql',
    '//graphql',
    '/GraphQL',
    '/graphql%20',
    '/graphql#x',
    '/',
  ];

  it('accepts and refuses exactly as http-message-signatures, over many signed, tampered, expired, misaddressed and replayed calls', async () => {
    const library = vi.spyOn(httpbis, 'verifyMessage');
    let compared = 0;
    let accepted = 0;
    const both = async (what: string, method: string, target: string, headers: H) => {
      const [byHand, byLibrary] = [memoryReplayGuard(), memoryReplayGuard()];
      const opts = (replay: typeof byHand) => ({ audience: 'portal', keys, sharedKeys, replay });
      const expected = await verifyGatewayRequestByLibrary(opts(byLibrary), method, target, headers);
      expect(await verifyGatewayRequest(opts(byHand), method, target, headers), what).toEqual(expected);
      // Replayed: the second use of the same call, to each.
      const replayed = await verifyGatewayRequestByLibrary(opts(byLibrary), method, target, headers);
      expect(await verifyGatewayRequest(opts(byHand), method, target, headers), `${what}, replayed`).toEqual(replayed);
      if (expected.ok) {
        accepted += 1;
        expect(replayed).toEqual({ ok: false, reason: 'REPLAYED' });
      }
      compared += 1;
    };
    for (const [what, key, signed] of calls) {
      const headers = signGatewayRequest(key, signed);
      for (const [how, mutate] of mutations) await both(`${what}, ${how}`, 'POST', '/graphql', mutate(headers));
      for (const target of targets) for (const method of ['POST', 'post', 'GET']) await both(`${what}, ${method} ${target}`, method, target, headers);
    }
    expect(compared).toBe(calls.length * (mutations.length + targets.length * 3));
    // Both outcomes are well represented, and the canonical calls never reached the library.
    expect(accepted).toBeGreaterThan(50);
    expect(compared - accepted).toBeGreaterThan(500);
    const byLibraryCalls = library.mock.calls.length;
    library.mockClear();
    const replay = memoryReplayGuard();
    for (let i = 0; i < 20; i++)
      for (const key of [gatewayKey, portalShared])
        expect((await verifyGatewayRequest({ audience: 'portal', keys, sharedKeys, replay }, 'POST', '/graphql', signGatewayRequest(key, call()))).ok).toBe(
          true,
        );
    expect(library).not.toHaveBeenCalled();
    expect(byLibraryCalls).toBeGreaterThan(0);
    library.mockRestore();
  });
});
