// /metrics: operator-only (METRICS_TOKEN or an ADMIN token), and what it counts is what the
// clients saw: requests and errors by operation and code, subgraph latencies, breaker states,
// sync state from the graph — with operation labels bounded however many names clients send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../gateway/auth.ts';
import { startTestHub, TEST_JWT, type TestHub } from '../harness/hub.ts';
import { gql, send } from './support/http.ts';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
let t: TestHub;
let admin: string;
let editor: string;

beforeAll(async () => {
  t = await startTestHub({ env: { METRICS_TOKEN, METRICS_OPERATIONS: 'AllowedAlways', METRICS_MAX_OPERATIONS: '3' } });
  admin = await issueToken(TEST_JWT, { id: 'ops', roles: ['ADMIN'] });
  editor = await issueToken(TEST_JWT, { id: 'ed', roles: ['EDITOR'] });
});
afterAll(async () => {
  await t?.stop();
});

const scrape = (authorization?: string) => send(`${t.base}/metrics`, { headers: authorization ? { authorization } : {} });

/** The value of one sample line, e.g. sample(text, 'hub_graphql_requests_total', { operation: 'X' }). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const body = line.slice(name.length + 1, line.indexOf('}'));
    if (Object.entries(labels).every(([k, v]) => body.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('/metrics protection', () => {
  it('refuses the public, a wrong token and a non-admin staff token', async () => {
    const none = await scrape();
    expect(none.status).toBe(401);
    expect(none.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(none.text).not.toContain('hub_graphql');
    expect((await scrape('Bearer metrics-token-0123456789abcdeX')).status).toBe(401);
    const staff = await scrape(`Bearer ${editor}`);
    expect(staff.status).toBe(403);
    expect(staff.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('serves the scraper with METRICS_TOKEN and an administrator with an ADMIN token', async () => {
    const scraper = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(scraper.status).toBe(200);
    expect(scraper.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(scraper.text).toContain('# TYPE hub_graphql_requests_total counter');
    expect((await scrape(`Bearer ${admin}`)).status).toBe(200);
  });
});

describe('a subgraph process serves its own /metrics (separate-process layout)', () => {
  it('to the METRICS_TOKEN only', async () => {
    const portal = t.hub.subgraphs.find((s) => s.name === 'portal')!;
    const url = portal.url.replace(/\/graphql$/, '/metrics');
    expect((await send(url)).status).toBe(401);
    expect((await send(url, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(401);
    const ok = await send(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('# TYPE hub_upstream_request_duration_seconds histogram');
  });
});

describe('what /metrics counts', () => {
  it('counts requests and errors by operation and code, and subgraph latency by subgraph', async () => {
    const before = (await scrape(`Bearer ${METRICS_TOKEN}`)).text;
    const ok = await gql(t.url, 'query AllowedAlways { agencies(first: 2) { nodes { id } } }');
    expect(ok.body.errors).toBeUndefined();
    const bad = await gql(t.url, 'query AllowedAlways { noSuchField }');
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const after = (await scrape(`Bearer ${METRICS_TOKEN}`)).text;

    const okBefore = sample(before, 'hub_graphql_requests_total', { operation: 'AllowedAlways', outcome: 'ok' }) ?? 0;
    expect(sample(after, 'hub_graphql_requests_total', { operation: 'AllowedAlways', outcome: 'ok' })).toBe(okBefore + 1);
    expect(sample(after, 'hub_graphql_errors_total', { operation: 'AllowedAlways', code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(sample(after, 'hub_subgraph_request_duration_seconds_count', { subgraph: 'portal', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'hub_circuit_breaker_state', { kind: 'subgraph', target: 'portal' })).toBe(0);
  });

  it('bounds operation labels: the allowlist, then the first names seen, then "other"', async () => {
    for (const name of ['FirstOne', 'SecondOne', 'ThirdOne', 'FourthOne', 'FifthOne', 'AllowedAlways']) {
      await gql(t.url, `query ${name} { agencies(first: 1) { totalCount } }`);
    }
    await gql(t.url, '{ agencies(first: 1) { totalCount } }');
    const text = (await scrape(`Bearer ${METRICS_TOKEN}`)).text;
    const operations = new Set([...text.matchAll(/hub_graphql_requests_total\{operation="([^"]+)"/g)].map((m) => m[1]));
    expect(operations).toEqual(new Set(['AllowedAlways', 'FirstOne', 'SecondOne', 'ThirdOne', 'other', 'anonymous']));
  });

  it('reports the sync state of each upstream source, read from the graph', async () => {
    const text = (await scrape(`Bearer ${METRICS_TOKEN}`)).text;
    expect(sample(text, 'hub_sync_consecutive_failures', { source: 'NATIONAL_LEGAL_DB' })).toBe(0);
    expect(sample(text, 'hub_sync_consecutive_failures', { source: 'GAZETTE' })).toBe(0);
    expect(text).toContain('# TYPE hub_deadline_on_time_ratio gauge');
  });
});

describe('caches, jobs and deadlines in /metrics', () => {
  it('counts hits and misses of the operation cache and gives the hit ratio', async () => {
    const query = `query CacheProbe${Date.now()} { agencies(first: 1) { totalCount } }`;
    const before = (await scrape(`Bearer ${METRICS_TOKEN}`)).text;
    const hits = (t: string) => sample(t, 'hub_cache_lookups_total', { cache: 'graphql_documents', result: 'hit' }) ?? 0;
    const misses = (t: string) => sample(t, 'hub_cache_lookups_total', { cache: 'graphql_documents', result: 'miss' }) ?? 0;
    expect((await gql(t.url, query)).body.errors).toBeUndefined(); // first time: parsed and validated
    expect((await gql(t.url, query)).body.errors).toBeUndefined(); // then from the cache
    const after = (await scrape(`Bearer ${METRICS_TOKEN}`)).text;
    expect(misses(after) - misses(before)).toBe(1);
    expect(hits(after) - hits(before)).toBe(1);
    const ratio = sample(after, 'hub_cache_hit_ratio', { cache: 'graphql_documents' })!;
    expect(ratio).toBeCloseTo(hits(after) / (hits(after) + misses(after)), 6);
    // The figures read from the graph are cached between scrapes too.
    expect(sample(after, 'hub_cache_lookups_total', { cache: 'operator_status', result: 'hit' })).toBeGreaterThanOrEqual(1);
  });

  it('counts the response cache’s hits and misses (a gateway with RESPONSE_CACHE on)', async () => {
    const gw = await t.startGateway({ RESPONSE_CACHE: 'true' });
    const count = (text: string, result: string) => sample(text, 'hub_cache_lookups_total', { cache: 'responses', result }) ?? 0;
    const before = (await scrape(`Bearer ${METRICS_TOKEN}`)).text;
    const query = `query ResponseCacheProbe { agencies(first: 3) { nodes { id } } }`;
    for (let i = 0; i < 3; i += 1) expect((await gql(gw.url, query)).body.errors).toBeUndefined();
    const after = (await scrape(`Bearer ${METRICS_TOKEN}`)).text;
    expect(count(after, 'miss') - count(before, 'miss')).toBe(1);
    expect(count(after, 'hit') - count(before, 'hit')).toBe(2);
    expect(sample(after, 'hub_cache_hit_ratio', { cache: 'responses' })).toBeGreaterThan(0);
  });

  it('reports each job’s queue depth and dead letters', async () => {
    await t.hub.jobs.enqueueDue(); // the daily slots come due: queued, not run (JOBS_POLL_MS=0 in tests)
    const text = (await scrape(`Bearer ${METRICS_TOKEN}`)).text;
    expect(sample(text, 'hub_job_queue_depth', { job: 'kit.purge-idempotency-keys' })).toBe(1);
    expect(sample(text, 'hub_job_dead', { job: 'kit.purge-idempotency-keys' })).toBe(0);
    expect(text).toContain('# TYPE hub_job_failures_total counter');
    await t.hub.jobs.runDue();
    const done = (await scrape(`Bearer ${METRICS_TOKEN}`)).text;
    expect(sample(done, 'hub_job_queue_depth', { job: 'kit.purge-idempotency-keys' })).toBe(0);
  });

  it('labels deadline compliance by the agency’s code', async () => {
    const agencies = (await gql(t.url, '{ agencies(first: 100) { nodes { id code } } }')).body.data as {
      agencies: { nodes: { id: string; code: string | null }[] };
    };
    const codes = new Set(agencies.agencies.nodes.map((a) => a.code).filter(Boolean));
    const ids = new Set(agencies.agencies.nodes.map((a) => a.id));
    const text = (await scrape(`Bearer ${METRICS_TOKEN}`)).text;
    const labels = [...text.matchAll(/^hub_deadline_items\{agency="([^"]+)",outcome="on_time"\}/gm)].map((m) => m[1]!);
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) {
      expect(ids.has(l), `${l} is an id, not a code`).toBe(false);
      expect(codes.has(l) || l === 'none').toBe(true);
    }
  });
});
