// Request collapsing (issue 13, gateway/request-collapse.ts) through real gateways, subgraphs and
// HTTP on 127.0.0.1: identical anonymous public queries in flight are answered by one run of the
// pipeline, each with its own request id; tokens, mutations, other variables or headers never
// share; per-client refusals still apply; a leader that leaves harms no follower; each follower
// gets its own 304 or 200. A gate in front of the portal subgraph holds its calls until the test
// releases them, so the requests are provably in flight together (events, not timers).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../gateway/auth.ts';
import { collapseEvents, collapseStats } from '../../gateway/request-collapse.ts';
import type { RunningGateway } from '../../gateway/server.ts';
import { metrics } from '../../schema/observability/metrics.ts';
import { contentVersion } from '../../schema/cache/content-version.ts';
import { CONTEXT_HEADER } from '../../schema/security/signed-context.ts';
import { articleInput, CREATE, EDITOR_A, EDITOR_B, PUBLISH, type ItemView } from '../harness/content.ts';
import { startGate, type Gate } from '../harness/gate.ts';
import { startTestHub, TEST_JWT, type TestHub } from '../harness/hub.ts';
import { gql, type HttpResult } from './support/http.ts';

const FRONT = `query Front($first: Int!) { articles(first: $first) { totalCount nodes { slug title { vi } agency { slug } } } }`;
/** What an editor sees differs from the public's (drafts of their own agency). */
const ITEMS = `query Items { contentItems(first: 50) { totalCount nodes { id state title { vi } } } }`;

let t: TestHub;
let gate: Gate;
let tokens: { editorA: string; editorB: string };
beforeAll(async () => {
  t = await startTestHub();
  gate = await startGate(t.hub.subgraphs.find((s) => s.name === 'portal')!.url);
  tokens = { editorA: await issueToken(TEST_JWT, EDITOR_A as never), editorB: await issueToken(TEST_JWT, EDITOR_B as never) };
});
afterAll(async () => {
  gate?.release();
  await t?.stop();
  await gate?.close();
});

/** A gateway whose portal calls go through the (closed) gate. */
async function gated(env: NodeJS.ProcessEnv = {}): Promise<RunningGateway> {
  gate.hold();
  return t.startGateway(env, { portal: gate.url });
}

/** Resolves after `n` collapse events of that kind. */
function events(kind: 'lead' | 'join' | 'gone' | 'alone', n: number): Promise<void> {
  return new Promise((resolve) => {
    if (n <= 0) return resolve();
    let seen = 0;
    const on = () => {
      if (++seen >= n) {
        collapseEvents.off(kind, on);
        resolve();
      }
    };
    collapseEvents.on(kind, on);
  });
}

/**
 * Resolves once `n` requests have each been taken by the collapser — a run started ('lead') or
 * joined ('join'), exactly one of the two per request — with how many of each. Waiting for
 * n − 1 joins instead hung until the test timeout whenever the content version moved while the
 * requests arrived (a background sync or scheduled publication of the test hub finishing late
 * on a loaded machine; another process's publication in a shared Redis): a request that saw
 * the newer version rightly starts a run of its own, and the last joins never come.
 */
function taken(n: number): Promise<{ leads: number; joins: number }> {
  return new Promise((resolve) => {
    const seen = { leads: 0, joins: 0 };
    const check = () => {
      if (seen.leads + seen.joins < n) return;
      collapseEvents.off('lead', onLead);
      collapseEvents.off('join', onJoin);
      resolve(seen);
    };
    const onLead = () => {
      seen.leads += 1;
      check();
    };
    const onJoin = () => {
      seen.joins += 1;
      check();
    };
    collapseEvents.on('lead', onLead);
    collapseEvents.on('join', onJoin);
  });
}

/** How many times the content version moved between two readings: its parts are counters (this
 * process's, Redis's), a change here bumps each, another process's only Redis's. */
function bumps(before: string | null, after: string | null): number {
  expect(before).not.toBeNull();
  expect(after).not.toBeNull();
  const a = before!.split('.').map(Number);
  return Math.max(...after!.split('.').map((part, i) => Number(part) - (a[i] ?? 0)));
}

async function requestsCounted(): Promise<number> {
  return (await metrics.graphqlRequests.get()).values.reduce((sum, v) => sum + v.value, 0);
}

function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

const signedContext = (headers: http.IncomingHttpHeaders) => JSON.parse(Buffer.from(headers[CONTEXT_HEADER] as string, 'base64url').toString('utf8'));
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('request collapsing', () => {
  it('N identical anonymous queries in flight: one run, one subgraph call, N identical answers with their own request ids', async () => {
    const gw = await gated();
    const before = { ...collapseStats };
    const counted = await requestsCounted();
    const n = 12;
    const version = await contentVersion();
    const inFlight = taken(n);
    const answers = Array.from({ length: n }, () => gql(gw.url, FRONT, { variables: { first: 5 } }));
    // All n taken while the first run's subgraph call is held: they were in flight together.
    const [{ leads, joins }] = await Promise.all([inFlight, gate.waitFor(1)]);
    gate.release();
    const results = await Promise.all(answers);
    // One run for all — or, had the content version moved meanwhile, at most one more per move.
    expect(leads).toBeLessThanOrEqual(1 + bumps(version, await contentVersion()));
    expect(joins).toBe(n - leads);
    // One subgraph call per run at most (runs under the same version share theirs: dedup.ts).
    expect(gate.arrived.length).toBeGreaterThanOrEqual(1);
    expect(gate.arrived.length).toBeLessThanOrEqual(leads);
    expect(collapseStats.leaders - before.leaders).toBe(leads);
    expect(collapseStats.followers - before.followers).toBe(n - leads);
    for (const r of results) {
      expect(r.status).toBe(200);
      expect(r.body.errors).toBeUndefined();
      if (leads === 1) expect(r.text).toBe(results[0]!.text);
      expect(r.headers.get('content-type')).toBe(results[0]!.headers.get('content-type'));
      expect(r.headers.get('cache-control')).toBe(results[0]!.headers.get('cache-control'));
    }
    expect((results[0]!.body.data as { articles: { nodes: unknown[] } }).articles.nodes).toHaveLength(5);
    expect(new Set(results.map((r) => r.headers.get('x-request-id'))).size).toBe(n);
    // Every request is counted in the metrics, the followers too.
    expect((await requestsCounted()) - counted).toBe(n);
  });

  it('two editors and the public interleaved in flight: the public collapses, no caller ever gets another’s answer', async () => {
    gate.release();
    const draft = await gql(t.url, CREATE, {
      variables: { kind: 'ARTICLE', input: articleInput({ title: { vi: `Bản nháp ${randomUUID().slice(0, 8)}` } }) },
      headers: bearer(tokens.editorA),
    });
    expect(draft.body.errors).toBeUndefined();
    const draftId = (draft.body.data as { createContentItem: ItemView }).createContentItem.id;
    const who = { a: bearer(tokens.editorA), b: bearer(tokens.editorB), anon: {} as Record<string, string> };
    const expected: Record<string, string> = {};
    for (const [k, headers] of Object.entries(who)) expected[k] = (await gql(t.url, ITEMS, { headers })).text;
    const ids = (k: string) => (JSON.parse(expected[k]!) as { data: { contentItems: { nodes: { id: string }[] } } }).data.contentItems.nodes.map((n) => n.id);
    expect(ids('a')).toContain(draftId);
    expect(ids('b')).not.toContain(draftId);
    expect(ids('anon')).not.toContain(draftId);

    const gw = await gated();
    const order = Array.from({ length: 30 }, (_, i) => (['anon', 'a', 'b'] as const)[i % 3]!);
    // 10 anonymous: 1 run and 9 followers; 20 with a token: 20 runs of their own.
    const joined = events('join', 9);
    const answers = order.map((k) => gql(gw.url, ITEMS, { headers: who[k] }).then((r) => [k, r] as const));
    await Promise.all([joined, gate.waitFor(21)]);
    gate.release();
    const results = await Promise.all(answers);
    expect(gate.arrived).toHaveLength(21);
    for (const [k, r] of results) expect(r.text, k).toBe(expected[k]);
    const actors = gate.arrived.map((a) => signedContext(a.headers).actor.id ?? 'anon');
    expect(actors.filter((a) => a === 'anon')).toHaveLength(1);
    expect(actors.filter((a) => a === EDITOR_A.id)).toHaveLength(10);
    expect(actors.filter((a) => a === EDITOR_B.id)).toHaveLength(10);
  });

  it('identical mutations in flight are never collapsed (each reaches the subgraph)', async () => {
    const gw = await gated();
    const before = { ...collapseStats };
    const id = randomUUID();
    const answers = [gql(gw.url, PUBLISH, { variables: { id } }), gql(gw.url, PUBLISH, { variables: { id } })];
    // Collapsed, only one would reach the gate and this would never resolve.
    await gate.waitFor(2);
    gate.release();
    for (const r of await Promise.all(answers)) expect(r.body.errors?.length).toBeGreaterThan(0);
    expect(collapseStats.leaders).toBe(before.leaders);
    expect(collapseStats.followers).toBe(before.followers);
  });

  it('other variables, locale or Accept are other keys: never shared', async () => {
    // Without the subgraph layer's de-duplication each run is one call at the gate.
    const gw = await gated({ SUBGRAPH_DEDUP: 'false' });
    const v5 = { variables: { first: 5 } };
    const en = { ...v5, headers: { 'accept-language': 'en' } };
    const gqlResponse = { ...v5, headers: { accept: 'application/graphql-response+json' } };
    // 4 keys, 9 requests: 4 runs, 5 joins.
    const joined = events('join', 5);
    const plan: [string, Parameters<typeof gql>[2]][] = [
      ['v5', v5],
      ['v4', { variables: { first: 4 } }],
      ['en', en],
      ['accept', gqlResponse],
      ['v5', v5],
      ['v4', { variables: { first: 4 } }],
      ['en', en],
      ['accept', gqlResponse],
      ['v5', v5],
    ];
    const answers = plan.map(([k, opts]) => gql(gw.url, FRONT, opts).then((r) => [k, r] as const));
    await Promise.all([joined, gate.waitFor(4)]);
    gate.release();
    const results = await Promise.all(answers);
    expect(gate.arrived).toHaveLength(4);
    const by = (k: string) => results.filter(([key]) => key === k).map(([, r]) => r);
    for (const r of results.map(([, r]) => r)) expect(r.body.errors).toBeUndefined();
    expect((by('v5')[0]!.body.data as { articles: { nodes: unknown[] } }).articles.nodes).toHaveLength(5);
    expect((by('v4')[0]!.body.data as { articles: { nodes: unknown[] } }).articles.nodes).toHaveLength(4);
    for (const r of by('accept')) expect(r.headers.get('content-type')).toMatch(/application\/graphql-response\+json/);
    for (const r of by('v5')) expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(gate.arrived.map((a) => signedContext(a.headers).locale).sort()).toEqual(['en', 'vi', 'vi', 'vi']);
  });

  it('a rate-limited client is still refused while its collapsed peers are answered', async () => {
    const gw = await gated({ RATE_LIMIT_PER_MINUTE: '2' });
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    // The limited client spends its budget on requests that call no subgraph.
    for (let i = 0; i < 2; i++) expect((await gql(gw.url, '{ __typename }', { headers: from('10.9.9.9') })).status).toBe(200);
    const joined = events('join', 3);
    const peers = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'].map((ip) => gql(gw.url, FRONT, { variables: { first: 3 }, headers: from(ip) }));
    await Promise.all([joined, gate.waitFor(1)]);
    // While the run is held, the limited client asking the same is refused at once.
    const refused = await gql(gw.url, FRONT, { variables: { first: 3 }, headers: from('10.9.9.9') });
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    gate.release();
    const results = await Promise.all(peers);
    for (const r of results) {
      expect(r.status).toBe(200);
      expect(r.text).toBe(results[0]!.text);
    }
    expect(gate.arrived).toHaveLength(1);
  });

  it('a query refused by the cost limit is refused for every follower, each with its own request id', async () => {
    // (Refused before any subgraph call, so nothing holds them together: whether they collapsed or
    // not, each must carry the refusal with its own id.)
    const gw = await gated({ MAX_COST: '5' });
    const answers = Array.from({ length: 3 }, () => gql(gw.url, FRONT, { variables: { first: 50 } }));
    const results: HttpResult[] = await Promise.all(answers);
    expect(gate.arrived).toHaveLength(0);
    for (const r of results) {
      expect(r.status).toBe(400);
      expect(r.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(r.body.errors?.[0]?.extensions?.requestId).toBe(r.headers.get('x-request-id'));
    }
    expect(new Set(results.map((r) => r.headers.get('x-request-id'))).size).toBe(3);
  });

  it('a leader whose subgraph call failed does not fail its followers: they run on their own', async () => {
    const gw = await gated({ SUBGRAPH_DEDUP: 'false' });
    const before = { ...collapseStats };
    const joined = events('join', 3);
    const answers = Array.from({ length: 4 }, () => gql(gw.url, FRONT, { variables: { first: 2 } }));
    await Promise.all([joined, gate.waitFor(1)]);
    // The one call of the run fails (503, not a GraphQL answer): a partial failure is no answer to share.
    gate.fail();
    const results = await Promise.all(answers);
    const failed = results.filter((r) => r.body.errors);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.body.errors![0]!.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    for (const r of results.filter((x) => !x.body.errors)) expect((r.body.data as { articles: { nodes: unknown[] } }).articles.nodes).toHaveLength(2);
    expect(collapseStats.alone - before.alone).toBe(3);
    expect(collapseStats.followers - before.followers).toBe(0);
    expect(gate.arrived).toHaveLength(4);
  });

  it('the leader’s client leaving harms no follower', async () => {
    const gw = await gated();
    const abort = new AbortController();
    const led = events('lead', 1);
    const leader = fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: FRONT, variables: { first: 4 } }),
      signal: abort.signal,
    }).catch((err: unknown) => err);
    await Promise.all([led, gate.waitFor(1)]);
    const joined = events('join', 3);
    const followers = Array.from({ length: 3 }, () => gql(gw.url, FRONT, { variables: { first: 4 } }));
    await joined;
    const gone = events('gone', 1);
    abort.abort();
    await gone;
    expect(await leader).toBeInstanceOf(Error);
    gate.release();
    const results = await Promise.all(followers);
    for (const r of results) {
      expect(r.status).toBe(200);
      expect(r.body.errors).toBeUndefined();
      expect((r.body.data as { articles: { nodes: unknown[] } }).articles.nodes).toHaveLength(4);
    }
    expect(gate.arrived).toHaveLength(1);
  });

  it('GET: each follower gets its own 304 or 200 for its own If-None-Match', async () => {
    const gw = await gated();
    gate.release();
    const url = `${gw.url}?query=${encodeURIComponent(FRONT)}&variables=${encodeURIComponent(JSON.stringify({ first: 2 }))}`;
    const preflight = { 'apollo-require-preflight': 'true' };
    const first = await rawGet(url, preflight);
    expect(first.status).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\//);
    gate.hold();
    const joined = events('join', 3);
    const asks = [preflight, { ...preflight, 'if-none-match': etag }, preflight, { ...preflight, 'if-none-match': 'W/"other"' }];
    const answers = asks.map((h) => rawGet(url, h));
    await Promise.all([joined, gate.waitFor(1)]);
    gate.release();
    const [a, b, c, d] = await Promise.all(answers);
    expect(b!.status).toBe(304);
    expect(b!.body).toBe('');
    for (const r of [a!, c!, d!]) {
      expect(r.status).toBe(200);
      expect(r.headers.etag).toBe(etag);
      expect(r.body).toBe(first.body);
    }
    expect(new Set([a, b, c, d].map((r) => r!.headers['x-request-id'])).size).toBe(4);
  });

  it('a run that called a per-client subgraph (legal) is shared only within the leader’s client', async () => {
    const legalGate = await startGate(t.hub.subgraphs.find((s) => s.name === 'legal')!.url);
    try {
      const gw = await t.startGateway({ SUBGRAPH_DEDUP: 'false' }, { legal: legalGate.url });
      const before = { ...collapseStats };
      const LEGAL = `{ searchLegalDocuments(first: 2) { totalCount nodes { number { normalised } } } }`;
      const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
      const joined = events('join', 3);
      const answers = ['10.1.0.1', '10.1.0.1', '10.1.0.2', '10.1.0.2'].map((ip) => gql(gw.url, LEGAL, from(ip)));
      await Promise.all([joined, legalGate.waitFor(1)]);
      const alone = events('alone', 2);
      legalGate.release();
      await alone;
      const results = await Promise.all(answers);
      for (const r of results) {
        expect(r.body.errors).toBeUndefined();
        expect(r.text).toBe(results[0]!.text);
      }
      // The leader's own client shared its run; the other client's two ran on their own.
      expect(collapseStats.followers - before.followers).toBe(1);
      expect(collapseStats.alone - before.alone).toBe(2);
      expect(legalGate.arrived).toHaveLength(3);
      const keys = legalGate.arrived.map((a) => signedContext(a.headers).clientKey);
      expect(new Set(keys).size).toBe(2);
    } finally {
      legalGate.release();
      await legalGate.close();
    }
  });

  it('with the response cache in Redis: one run for N, its answer cached once', async () => {
    const prefix = `test-rc-collapse-${randomUUID()}:`;
    const gw = await gated({ RESPONSE_CACHE: 'true', REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379', RESPONSE_CACHE_PREFIX: prefix });
    const n = 6;
    // Read after the gateway is up: the version now includes Redis's counter.
    const version = await contentVersion();
    const inFlight = taken(n);
    const answers = Array.from({ length: n }, () => gql(gw.url, FRONT, { variables: { first: 3 } }));
    // All n taken while the first run's subgraph call is held: they were in flight together.
    const [{ leads, joins }] = await Promise.all([inFlight, gate.waitFor(1)]);
    gate.release();
    const results = await Promise.all(answers);
    // One run for all — or, had the content version moved meanwhile (this hub's background jobs,
    // another process's publication in this shared Redis), at most one more run per move.
    const moved = bumps(version, await contentVersion());
    expect(leads).toBeLessThanOrEqual(1 + moved);
    expect(joins).toBe(n - leads);
    // One subgraph call per run at most (runs under the same version share theirs: dedup.ts).
    expect(gate.arrived.length).toBeGreaterThanOrEqual(1);
    expect(gate.arrived.length).toBeLessThanOrEqual(leads);
    for (const r of results) {
      expect(r.status).toBe(200);
      if (leads === 1) expect(r.text).toBe(results[0]!.text);
      expect(r.headers.get('cache-control')).toBe('public, max-age=10');
    }
    // The plugin writes in the background (the command is sent before the answer; read until it
    // is seen, a bounded number of round trips): one entry per run — exactly one undisturbed.
    const redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
    try {
      let keys: string[] = [];
      for (let i = 0; i < 1_000 && keys.length < leads; i++) keys = await redis.keys(`${prefix}*`);
      expect(keys.length).toBeGreaterThanOrEqual(1);
      expect(keys.length).toBeLessThanOrEqual(leads);
    } finally {
      redis.disconnect();
    }
    // (Hits are response-cache.test.ts's part: a background job bumping the content version
    // would make a hit here a matter of luck.)
  });

  it('off with REQUEST_COLLAPSING=false: every request runs the pipeline', async () => {
    const gw = await gated({ REQUEST_COLLAPSING: 'false', SUBGRAPH_DEDUP: 'false' });
    const before = { ...collapseStats };
    const answers = Array.from({ length: 3 }, () => gql(gw.url, FRONT, { variables: { first: 5 } }));
    await gate.waitFor(3);
    gate.release();
    for (const r of await Promise.all(answers)) expect(r.body.errors).toBeUndefined();
    expect(gate.arrived).toHaveLength(3);
    expect(collapseStats.leaders).toBe(before.leaders);
  });
});
