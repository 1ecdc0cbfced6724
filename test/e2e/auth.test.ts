// Who reaches the subgraphs as whom (A18, A20, JWT): the public is anonymous, a staff token
// travels signed to the subgraph, a bad token is a 401, and nothing a client sends can claim
// an identity — the seeded DRAFT article is the witness.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { issueToken } from '../../gateway/auth.ts';
import { stableId } from '../../schema/seed/ids.ts';
import { jwksOf, parsePrivateKey, sharedKeyFor } from '../../schema/security/keys.ts';
import { signedFor, STRANGER_KEY, TEST_SIGNING_KEY } from '../harness/signing.ts';
import { PRODUCTION_ENV, startTestHub, TEST_JWT, type TestHub } from '../harness/hub.ts';
import { expectNoLeaks, expectRejected, gql, post } from './support/http.ts';

let t: TestHub;
const DRAFT = `{ article(slug: "du-thao-ke-hoach-chuyen-doi-so") { slug state } }`;
const ADMIN_CONTEXT = JSON.stringify({ requestId: 'forged', actor: { id: 'attacker', roles: ['ADMIN', 'EDITOR'] } });

beforeAll(async () => {
  t = await startTestHub({ env: PRODUCTION_ENV });
});
afterAll(() => t?.stop());

// An editor of the agency that owns the seeded draft (A34: editors read their own agencies' drafts only).
const staffToken = (ttl = '5m') =>
  issueToken(TEST_JWT, { id: 'editor-1', name: 'Biên tập viên', roles: ['EDITOR'], agencyIds: [stableId('agency:so-khoa-hoc-cong-nghe-phu-tho')] }, ttl);
const draftOf = (res: { body: { data?: Record<string, unknown> | null } }) => res.body.data?.article;

describe('JWT', () => {
  it('treats a request without a token as the anonymous public', async () => {
    const res = await gql(t.url, DRAFT);
    expect(res.status).toBe(200);
    expect(draftOf(res)).toBeNull();
  });

  it('carries a valid staff token to the subgraph as that actor', async () => {
    // The name is Vietnamese on purpose: it travels to the subgraph inside the signed context.
    const res = await gql(t.url, DRAFT, { headers: { authorization: `Bearer ${await staffToken()}` } });
    expect({ status: res.status, body: res.body }).toEqual({
      status: 200,
      body: { data: { article: { slug: 'du-thao-ke-hoach-chuyen-doi-so', state: 'DRAFT' } } },
    });
  });

  it('answers an expired token with 401 UNAUTHENTICATED as JSON', async () => {
    const expired = await new SignJWT({ roles: ['EDITOR'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('editor-1')
      .setIssuer(TEST_JWT.issuer)
      .setAudience(TEST_JWT.audience)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(TEST_JWT.secret));
    await rejected(`Bearer ${expired}`);
  });

  it('answers a token signed with another key, another audience, alg none or junk with 401', async () => {
    const other = await issueToken({ ...TEST_JWT, secret: 'another-secret-0123456789abcdef0123456789' }, { id: 'x', roles: ['ADMIN'] });
    const audience = await issueToken({ ...TEST_JWT, audience: 'someone-else' }, { id: 'x', roles: ['ADMIN'] });
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x","roles":["ADMIN"]}').toString('base64url')}.`;
    for (const header of [`Bearer ${other}`, `Bearer ${audience}`, `Bearer ${none}`, 'Bearer not-a-jwt-at-all', 'Basic YWRtaW46YWRtaW4=', 'Bearer']) {
      await rejected(header);
    }
  });

  // A36: a token must expire, and within the maximum lifetime (JWT_MAX_LIFETIME_S, 12 h by default).
  const signed = (claims: { iat?: number; exp?: number }) => {
    const jwt = new SignJWT({ roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(TEST_JWT.issuer)
      .setAudience(TEST_JWT.audience);
    if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
    if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
    return jwt.sign(new TextEncoder().encode(TEST_JWT.secret));
  };
  const now = () => Math.floor(Date.now() / 1000);

  it('answers a token without exp with 401 (A36)', async () => {
    await rejected(`Bearer ${await signed({ iat: now() })}`);
    await rejected(`Bearer ${await signed({})}`);
  });

  it('answers a token whose lifetime is beyond the maximum with 401 (A36)', async () => {
    await rejected(`Bearer ${await signed({ iat: now(), exp: now() + 13 * 3600 })}`);
    await rejected(`Bearer ${await signed({ iat: now() - 3600, exp: now() + 12 * 3600 })}`);
    await rejected(`Bearer ${await signed({ exp: now() + 30 * 24 * 3600 })}`); // no iat: judged from now
  });

  it('accepts a token within the maximum lifetime', async () => {
    const res = await gql(t.url, DRAFT, { headers: { authorization: `Bearer ${await signed({ iat: now(), exp: now() + 12 * 3600 })}` } });
    expect({ status: res.status, state: (draftOf(res) as { state?: string } | null)?.state }).toEqual({ status: 200, state: 'DRAFT' });
  });

  async function rejected(authorization: string) {
    t.proxies.portal!.reset();
    const res = await gql(t.url, DRAFT, { headers: { authorization } });
    expectRejected(res, 401, 'UNAUTHENTICATED');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(t.proxies.portal!.graphqlRequests).toBe(0);
  }
});

describe('internal headers (A20)', () => {
  it('strips a forged x-hub-context claiming ADMIN: the draft stays invisible', async () => {
    const forged = signedFor(t.url, { requestId: 'forged', actor: { roles: ['ADMIN'] } }, '{}', { audience: 'portal', key: STRANGER_KEY });
    const res = await gql(t.url, DRAFT, {
      headers: { 'x-hub-context': ADMIN_CONTEXT, 'x-hub-actor': 'admin', 'x-hub-roles': 'ADMIN', 'x-user-id': 'admin', ...forged },
    });
    expect(res.status).toBe(200);
    expect(draftOf(res)).toBeNull();
  });

  it('sends the subgraph only the gateway’s own signed context', async () => {
    t.proxies.portal!.reset();
    await gql(t.url, DRAFT, { headers: { 'x-hub-context': ADMIN_CONTEXT, 'x-hub-roles': 'ADMIN', 'x-user-id': 'admin' } });
    const seen = t.proxies.portal!.lastHeaders!;
    // The portal is one of the hub's own subgraphs: signed with its shared key (hmac-sha256).
    expect(seen['signature']).toMatch(/^hub=:[A-Za-z0-9+/]{43}=:$/);
    expect(seen['signature-input']).toMatch(
      /^hub=\("@method" "@path" "@query" "content-digest" "x-hub-audience" "x-hub-context"\);created=\d+;expires=\d+;nonce="[\w-]+";keyid="hs-[\w-]{43}";alg="hmac-sha256";tag="cong-hub-gateway"$/,
    );
    expect(seen['x-hub-audience']).toBe('portal');
    const context = JSON.parse(Buffer.from(String(seen['x-hub-context']), 'base64url').toString('utf8'));
    expect(context.actor).toEqual({ roles: [] });
    expect(seen['x-hub-roles']).toBeUndefined();
    expect(seen['x-user-id']).toBeUndefined();
  });

  it('does not let a staff token be upgraded by forged headers', async () => {
    t.proxies.portal!.reset();
    await gql(t.url, DRAFT, { headers: { authorization: `Bearer ${await staffToken()}`, 'x-hub-context': ADMIN_CONTEXT } });
    expect(t.proxies.portal!.graphqlRequests).toBe(1);
    const context = JSON.parse(Buffer.from(String(t.proxies.portal!.lastHeaders!['x-hub-context']), 'base64url').toString('utf8'));
    expect(context.actor).toMatchObject({ id: 'editor-1', name: 'Biên tập viên', roles: ['EDITOR'] });
  });
});

describe('subgraph signature (A18)', () => {
  it('refuses a direct, unsigned call to the subgraph with 401 while the gateway’s calls pass', async () => {
    const portalUrl = t.hub.subgraphs.find((s) => s.name === 'portal')!.url;
    const direct = await post(portalUrl, JSON.stringify({ query: '{ _service { sdl } }' }), { 'x-hub-context': ADMIN_CONTEXT });
    expect(direct.status).toBe(401);
    expect(direct.body.errors?.[0]?.extensions?.code).toBe('INVALID_SIGNATURE');
    expect(direct.text).not.toContain('type Query');

    t.proxies.portal!.reset();
    const through = await gql(t.url, '{ agency(slug: "so-tu-phap-phu-tho") { slug } }');
    expect(through.body).toEqual({ data: { agency: { slug: 'so-tu-phap-phu-tho' } } });
    expect(t.proxies.portal!.graphqlRequests).toBe(1);
    expectNoLeaks(through.text);
  });

  it('publishes the public half of its signing key, and signs the hub’s own subgraphs with keys derived from it', async () => {
    const res = await fetch(`${t.base}/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { keys: Record<string, string>[] };
    expect(doc).toEqual(jwksOf([parsePrivateKey(TEST_SIGNING_KEY)]));
    expect(doc.keys[0]).not.toHaveProperty('d');
    // Partners verify with the published key; the portal's calls carry its shared key, derived
    // from the same signing key (nothing of either is in the key set).
    const signedWith = String(t.proxies.portal!.lastHeaders!['signature-input']);
    expect(signedWith).toContain(`keyid="${sharedKeyFor(parsePrivateKey(TEST_SIGNING_KEY), 'portal').kid}"`);
    expect(JSON.stringify(doc)).not.toContain(sharedKeyFor(parsePrivateKey(TEST_SIGNING_KEY), 'portal').kid);
  });
});
