// What operators and browsers rely on: /health and /ready, the offline GraphQL IDE (development
// only unless configured), a request id on every response, the runtime, production config that fails fast, and
// the per-client rate limit in memory, shared through Redis, and falling back when Redis is down.
import { randomUUID } from 'node:crypto';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { readGatewayConfig } from '../../gateway/config.ts';
import { PRODUCTION_ENV, startTestHub, type TestHub } from '../harness/hub.ts';
import { expectRejected, expectRequestIds, freePort, gql, post, send } from './support/http.ts';
import { DEV_SIGNING_KEY } from '../../schema/security/keys.ts';
import { TEST_SIGNING_KEY } from '../harness/signing.ts';

let t: TestHub;
const QUERY = '{ articles(first: 1) { totalCount } }';
const REDIS_URL = process.env.REDIS_URL || undefined;

beforeAll(async () => {
  t = await startTestHub({ env: { NODE_ENV: 'development' } });
});
afterAll(() => t?.stop());

describe('health and readiness', () => {
  it('/health is a cheap liveness answer', async () => {
    const res = await send(`${t.base}/health`);
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('/ready checks every subgraph and names no URL', async () => {
    const res = await send(`${t.base}/ready`);
    const every = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, true]));
    const checks = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, { ok: true, trust: 'core', latencyMs: expect.any(Number) }]));
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { status: 'ready', shuttingDown: false, subgraphs: every, checks } });
  });

  it('/ready is not an amplifier: a burst of probes costs the subgraphs one check', async () => {
    // A gateway of its own: its readiness cache is cold, no need to wait out another's (the
    // cache's timing is tested on an injected clock in test/unit/subgraph-registry.test.ts).
    const gw = await t.startGateway();
    t.proxies.portal!.reset();
    const started = performance.now();
    const burst = await Promise.all(Array.from({ length: 30 }, () => send(`${gw.base}/ready`)));
    const elapsed = performance.now() - started;
    expect(burst.every((r) => r.status === 200)).toBe(true);
    // One check per second of burst at most: one, unless the machine stalled the burst past a second.
    expect(t.proxies.portal!.byPath['GET /ready']).toBeGreaterThanOrEqual(1);
    expect(t.proxies.portal!.byPath['GET /ready']).toBeLessThanOrEqual(1 + Math.floor(elapsed / 1_000));
  });
});

describe('GraphQL IDE', () => {
  it('is served in development from the gateway itself, its bundle included', async () => {
    const page = await send(`${t.base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toMatch(/<script type="module" crossorigin src="\/ide\/assets\/[\w.-]+\.js"><\/script>/);
    expect(page.text).not.toMatch(/(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/upgrade-insecure-requests/);
    const src = /src="(\/ide\/assets\/[^"]+)"/.exec(page.text)![1]!;
    const script = await send(`${t.base}${src}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('cache-control')).toMatch(/immutable/);
  });

  it('is not served in production unless GRAPHQL_IDE=true', async () => {
    const gw = await t.startGateway(PRODUCTION_ENV);
    for (const path of ['/', '/explorer', '/ide/']) {
      const res = await send(`${gw.base}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/json/);
      expect(res.text).not.toMatch(/<html/i);
    }
    const opted = await t.startGateway({ ...PRODUCTION_ENV, GRAPHQL_IDE: 'true' });
    expect((await send(`${opted.base}/ide/`)).status).toBe(200);
  });
});

describe('request ids', () => {
  it('every response has a fresh x-request-id and errors carry it', async () => {
    const responses = await Promise.all([
      send(`${t.base}/health`),
      send(`${t.base}/ready`),
      send(`${t.base}/`),
      send(`${t.base}/nowhere`),
      gql(t.url, QUERY),
      gql(t.url, '{ nope }'),
      post(t.url, '{"query":'),
      post(t.url, JSON.stringify({ query: QUERY }), { 'content-type': 'text/plain' }),
      gql(t.url, QUERY, { headers: { authorization: 'Bearer invalid-token-value' } }),
      send(`${t.url}?query=${encodeURIComponent(QUERY)}`),
    ]);
    const ids = responses.map((r) => r.headers.get('x-request-id'));
    for (const res of responses) expectRequestIds(res);
    expect(new Set(ids).size).toBe(ids.length);
    expect(responses.filter((r) => r.body.errors).length).toBeGreaterThanOrEqual(6);
  });
});

describe('runtime and configuration', () => {
  it('runs on Node 24 (from the npm `node` package)', () => {
    expect(process.version).toMatch(/^v24\./);
  });

  it('production configuration fails fast without secrets, naming what is missing', () => {
    expect(() => readGatewayConfig({ NODE_ENV: 'production' })).toThrow(/GATEWAY_SIGNING_KEYS.*JWT_SECRET.*CORS_ORIGINS/);
    const rest = { JWT_SECRET: 'x'.repeat(40), CORS_ORIGINS: 'https://a.example' };
    // The development key's private half is in the repository: never in production.
    expect(() => readGatewayConfig({ ...PRODUCTION_ENV, ...rest, GATEWAY_SIGNING_KEYS: `${TEST_SIGNING_KEY},${DEV_SIGNING_KEY}` })).toThrow(
      /GATEWAY_SIGNING_KEYS/,
    );
    expect(() => readGatewayConfig({ ...PRODUCTION_ENV, ...rest, GATEWAY_SIGNING_KEYS: 'not-a-key' })).toThrow(/GATEWAY_SIGNING_KEYS/);
    const ok = readGatewayConfig({ NODE_ENV: 'production', GATEWAY_SIGNING_KEYS: TEST_SIGNING_KEY, ...rest });
    expect({ introspection: ok.introspection, production: ok.production }).toEqual({ introspection: false, production: true });
  });

  it('refuses a malformed setting at boot', () => {
    expect(() => readGatewayConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readGatewayConfig({ CORE_SUBGRAPH_SIGNATURE: 'rsa-v1_5-sha1' })).toThrow(/CORE_SUBGRAPH_SIGNATURE/);
    expect([readGatewayConfig({}), readGatewayConfig({ CORE_SUBGRAPH_SIGNATURE: 'ed25519' })].map((c) => c.coreSubgraphSignature)).toEqual([
      'hmac-sha256',
      'ed25519',
    ]);
  });
});

describe('rate limit', () => {
  async function exhaust(url: string, limit: number) {
    for (let i = 0; i < limit; i += 1) expect((await gql(url, QUERY)).status).toBe(200);
  }

  async function expectLimited(url: string) {
    t.proxies.portal!.reset();
    const res = await gql(url, QUERY);
    expectRejected(res, 429, 'RATE_LIMITED');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(t.proxies.portal!.graphqlRequests).toBe(0);
  }

  it('answers 429 RATE_LIMITED with Retry-After over the per-minute limit (memory)', async () => {
    const gw = await t.startGateway({ RATE_LIMIT_PER_MINUTE: '3' });
    await exhaust(gw.url, 3);
    await expectLimited(gw.url);
    expect((await send(`${gw.base}/health`)).status).toBe(200);
  });

  it.skipIf(!REDIS_URL)('shares the count between gateways through Redis', async () => {
    const prefix = `test-rl-${randomUUID()}`;
    const env = { REDIS_URL, RATE_LIMIT_PER_MINUTE: '4', RATE_LIMIT_PREFIX: prefix };
    const [a, b] = [await t.startGateway(env), await t.startGateway(env)];
    try {
      await exhaust(a.url, 2);
      await exhaust(b.url, 2);
      await expectLimited(a.url);
      await expectLimited(b.url);
    } finally {
      const redis = new Redis(REDIS_URL!);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
  });

  it('falls back to memory when Redis is down, with no 5xx (C9)', async () => {
    const gw = await t.startGateway({ REDIS_URL: `redis://127.0.0.1:${await freePort()}`, RATE_LIMIT_PER_MINUTE: '3' });
    await exhaust(gw.url, 3);
    await expectLimited(gw.url);
  });
});
