// The response cache for public content (issue 13), through the real gateway and subgraphs:
// anonymous answers come from the cache, are dropped on publication (the very next request
// shows the new article), are never kept for staff, never cross between callers, and GET
// answers carry Cache-Control and an ETag that turns into 304. No timers: hits are counted at
// the observing proxies in front of the subgraphs.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../gateway/auth.ts';
import { contentEvents } from '../../schema/cache/content-version.ts';
import { startTestHub, TEST_JWT, type TestHub } from '../harness/hub.ts';
import { APPROVE, articleInput, BOARD, CREATE, EDITOR_A, EDITOR_B, PUBLISH, SUBMIT, UNPUBLISH, type ItemView } from '../harness/content.ts';
import { gql, send } from './support/http.ts';
import { isolatedRedisUrl } from './support/redis.ts';

const FRONT = `query Front($first: Int!) { articles(first: $first) { totalCount nodes { slug title { vi } } } }`;
/** What an editor sees differs from the public's (drafts of their own agency). */
const ITEMS = `query Items { contentItems(first: 50) { totalCount nodes { id state title { vi } } } }`;

let t: TestHub;
let tokens: { editorA: string; editorB: string; board: string };
beforeAll(async () => {
  t = await startTestHub({ env: { RESPONSE_CACHE: 'true' } });
  tokens = {
    editorA: await issueToken(TEST_JWT, EDITOR_A as never),
    editorB: await issueToken(TEST_JWT, EDITOR_B as never),
    board: await issueToken(TEST_JWT, BOARD as never),
  };
});
afterAll(async () => {
  await t?.stop();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function mutate<T>(token: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await gql(t.url, query, { variables, headers: bearer(token) });
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return Object.values(res.body.data!)[0] as T;
}

/** Create and approve an article through the gateway; returns it ready to publish. */
async function approvedArticle(title: string): Promise<ItemView> {
  const item = await mutate<ItemView>(tokens.editorA, CREATE, { kind: 'ARTICLE', input: articleInput({ title: { vi: title } }) });
  await mutate(tokens.editorA, SUBMIT, { id: item.id });
  return mutate<ItemView>(tokens.board, APPROVE, { id: item.id });
}

function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

const portalCalls = () => t.proxies.portal!.graphqlRequests;

describe('response cache', () => {
  it('serves a repeated anonymous query from the cache, and publication shows on the very next request', async () => {
    const first = await gql(t.url, FRONT, { variables: { first: 5 } });
    expect(first.body.errors).toBeUndefined();
    expect(first.headers.get('cache-control')).toBe('public, max-age=10');
    const before = portalCalls();
    const second = await gql(t.url, FRONT, { variables: { first: 5 } });
    expect(portalCalls()).toBe(before);
    expect(second.body).toEqual(first.body);
    // Its remaining lifetime (capped), never an Age that would make it stale downstream.
    expect(second.headers.get('cache-control')).toBe('public, max-age=10');
    expect(second.headers.get('age')).toBeNull();

    const title = `Tin mới ${randomUUID().slice(0, 8)}`;
    const item = await approvedArticle(title);
    const changed = new Promise((resolve) => contentEvents.once('changed', resolve));
    await mutate(tokens.board, PUBLISH, { id: item.id });
    await changed;
    const after = await gql(t.url, FRONT, { variables: { first: 5 } });
    const titles = (after.body.data as { articles: { nodes: { title: { vi: string } }[] } }).articles.nodes.map((n) => n.title.vi);
    expect(titles).toContain(title);

    // Unpublication (withdrawal) likewise: gone on the next request.
    await mutate(tokens.board, UNPUBLISH, { id: item.id, reason: 'Rút lại' });
    const withdrawn = await gql(t.url, FRONT, { variables: { first: 5 } });
    const still = (withdrawn.body.data as { articles: { nodes: { title: { vi: string } }[] } }).articles.nodes.map((n) => n.title.vi);
    expect(still).not.toContain(title);
  });

  it('never caches for a token: every staff request reaches the subgraph and is no-store', async () => {
    const a = await gql(t.url, FRONT, { variables: { first: 3 }, headers: bearer(tokens.board) });
    expect(a.headers.get('cache-control')).toBe('no-store');
    const before = portalCalls();
    await gql(t.url, FRONT, { variables: { first: 3 }, headers: bearer(tokens.board) });
    expect(portalCalls()).toBe(before + 1);
  });

  it('never serves one caller’s answer to another: two editors and the public interleaved under load', async () => {
    // A draft of agency A: editor A sees it, editor B and the public do not.
    const draft = await mutate<ItemView>(tokens.editorA, CREATE, {
      kind: 'ARTICLE',
      input: articleInput({ title: { vi: `Bản nháp ${randomUUID().slice(0, 8)}` } }),
    });
    const who = { a: bearer(tokens.editorA), b: bearer(tokens.editorB), anon: {} as Record<string, string> };
    const expected: Record<string, string> = {};
    for (const [k, headers] of Object.entries(who)) expected[k] = JSON.stringify((await gql(t.url, ITEMS, { headers })).body);
    const ids = (k: string) => (JSON.parse(expected[k]!) as { data: { contentItems: { nodes: { id: string }[] } } }).data.contentItems.nodes.map((n) => n.id);
    expect(ids('a')).toContain(draft.id);
    expect(ids('b')).not.toContain(draft.id);
    expect(ids('anon')).not.toContain(draft.id);
    // 90 requests in flight at once, the three callers interleaved.
    const order = Array.from({ length: 90 }, (_, i) => (['anon', 'a', 'b'] as const)[i % 3]!);
    const answers = await Promise.all(order.map((k) => gql(t.url, ITEMS, { headers: who[k] }).then((r) => [k, JSON.stringify(r.body)] as const)));
    for (const [k, body] of answers) expect(body, k).toBe(expected[k]);
  });

  it('GET answers carry Cache-Control and an ETag; a matching If-None-Match is a 304', async () => {
    const url = `${t.url}?query=${encodeURIComponent(FRONT)}&variables=${encodeURIComponent(JSON.stringify({ first: 4 }))}`;
    const headers = { 'apollo-require-preflight': 'true' };
    const first = await send(url, { headers });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, max-age=10');
    expect(first.headers.get('vary')).toMatch(/accept-language/i);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    // node:http, not fetch: fetch adds `cache-control: no-cache` to a conditional request.
    const again = await rawGet(url, { ...headers, 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
  });

  it('API answers carry no document headers (CSP, frame and opener policies)', async () => {
    const res = await gql(t.url, FRONT, { variables: { first: 1 } });
    for (const h of ['content-security-policy', 'cross-origin-opener-policy', 'x-frame-options', 'strict-transport-security', 'origin-agent-cluster']) {
      expect(res.headers.get(h), h).toBeNull();
    }
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('shared through Redis across gateways: a second gateway hits what the first cached; publication still shows next', async () => {
    const prefix = `test-rc-${randomUUID()}:`;
    // Replicas share PUBLIC_URL (links in answers are built on it, so it is part of the key).
    const env = { REDIS_URL: isolatedRedisUrl(12), RESPONSE_CACHE_PREFIX: prefix, PUBLIC_URL: 'https://cong.example.invalid' };
    const one = await t.startGateway(env);
    const two = await t.startGateway(env);
    const vars = { variables: { first: 6 } };
    await gql(one.url, FRONT, vars);
    // The plugin writes in the background: wait until the entry is in Redis.
    const redis = new Redis(env.REDIS_URL);
    try {
      for (let i = 0; i < 1_000 && (await redis.keys(`${prefix}*`)).length === 0; i++);
      expect(await redis.keys(`${prefix}*`)).toHaveLength(1);
    } finally {
      redis.disconnect();
    }
    const before = portalCalls();
    const fromTwo = await gql(two.url, FRONT, vars);
    expect(fromTwo.body.errors).toBeUndefined();
    expect(portalCalls()).toBe(before);

    const title = `Tin Redis ${randomUUID().slice(0, 8)}`;
    const item = await approvedArticle(title);
    await mutate(tokens.board, PUBLISH, { id: item.id });
    const after = await gql(two.url, FRONT, vars);
    const titles = (after.body.data as { articles: { nodes: { title: { vi: string } }[] } }).articles.nodes.map((n) => n.title.vi);
    expect(titles).toContain(title);
  });
});
