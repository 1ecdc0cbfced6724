// Faults in a second subgraph (C1–C4, C11, A27): the gateway answers 200 with what the healthy
// subgraph returned, the failed fields null with a registered code, no host or port anywhere,
// and stays up. The test subgraph extends Agency, so one query spans both subgraphs.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../harness/hub.ts';
import { startExtras, EXTRAS_SDL, type ExtrasSubgraph } from './support/extras.ts';
import { expectNoLeaks, expectRequestIds, freePort, gql, send, type HttpResult } from './support/http.ts';
import { composeSupergraph, extrasEntry, registryWith, supergraphFile, type SupergraphFile } from './support/supergraph.ts';

let t: TestHub;
let extras: ExtrasSubgraph;
/** The gateway's clock: the breaker's half-open delay passes when a test moves it. */
let now = Date.now();
const HALF_OPEN_MS = 60_000;
let file: SupergraphFile;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

const JOINED = `{ agency(slug: "so-tu-phap-phu-tho") { slug name { vi } hotline } }`;
const ROOTS = `{ weather articles(first: 1) { totalCount } }`;

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  extras = await startExtras();
  file = await supergraphFile(await composeSupergraph([{ name: 'extras', sdl: EXTRAS_SDL }]));
  t = await startTestHub({
    env: {
      SUPERGRAPH_PATH: file.path,
      SUBGRAPH_URL_EXTRAS: extras.url,
      SUBGRAPH_REGISTRY: registryWith({ extras: extrasEntry() }),
      SUBGRAPH_TIMEOUT_MS: '1000',
      SUBGRAPH_MAX_BYTES: '1000000',
      // On the injected clock: nothing waits it out, tests move the clock past it.
      BREAKER_HALF_OPEN_MS: String(HALF_OPEN_MS),
    },
    gatewayClock: () => now,
  });
});

afterAll(async () => {
  await t?.stop();
  await extras?.close();
  await file?.remove();
  process.off('unhandledRejection', onRejection);
});

/**
 * Every test starts from a healthy extras subgraph and a closed breaker. No timer: the clock
 * moves past the half-open delay so the next call probes; a few attempts, because a kept-alive
 * socket the previous fault cut may fail the first call (it is dropped from the pool then).
 */
beforeEach(async () => {
  extras.mode = 'ok';
  for (let attempt = 0; attempt < 3; attempt += 1) {
    now += HALF_OPEN_MS; // an open breaker lets its probe through
    const res = await gql(t.url, JOINED);
    if ((res.body.data?.agency as { hotline?: string } | null)?.hotline) return;
  }
  throw new Error('extras subgraph did not recover');
});

const extrasPort = () => new URL(extras.url).port;

/** 200, the portal's part present, the failed field null with `code`, nothing internal. */
function expectPartial(res: HttpResult, field: 'hotline' | 'weather', code: string) {
  expect(res.status).toBe(200);
  if (field === 'hotline') expect(res.body.data?.agency).toMatchObject({ slug: 'so-tu-phap-phu-tho', name: { vi: expect.any(String) }, hotline: null });
  else expect(res.body.data).toMatchObject({ weather: null, articles: { totalCount: expect.any(Number) } });
  expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
  expectRequestIds(res);
  expectNoLeaks(res.text, [new RegExp(`\\b${extrasPort()}\\b`), /extras/]);
}

describe('a healthy second subgraph', () => {
  it('joins both subgraphs, every call signed by the gateway (A18)', async () => {
    const unsignedBefore = extras.unsigned;
    const res = await gql(t.url, JOINED);
    expect(res.body).toEqual({ data: { agency: { slug: 'so-tu-phap-phu-tho', name: { vi: expect.any(String) }, hotline: expect.stringMatching(/^1900 /) } } });
    expect(extras.signed).toBeGreaterThan(0);
    expect(extras.unsigned).toBe(unsignedBefore);
  });

  it('masks a raw resolver error as INTERNAL_SERVER_ERROR with only a request id (A27)', async () => {
    const res = await gql(t.url, `{ leaky articles(first: 1) { totalCount } }`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ leaky: null, articles: { totalCount: expect.any(Number) } });
    expect(res.body.errors).toEqual([
      { message: 'Internal server error', path: ['leaky'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: res.headers.get('x-request-id') } },
    ]);
    expectNoLeaks(res.text, [/relation|Article"|10\.0\.0\.5|5432/]);
  });
});

describe('faults', () => {
  it('C1: a killed subgraph gives partial data and SUBGRAPH_UNAVAILABLE', async () => {
    await extras.kill();
    try {
      expectPartial(await gql(t.url, JOINED), 'hotline', 'SUBGRAPH_UNAVAILABLE');
      expectPartial(await gql(t.url, ROOTS), 'weather', 'SUBGRAPH_UNAVAILABLE');
    } finally {
      await extras.revive();
    }
  });

  it('C1: once the breaker opens, calls fail fast without reaching the subgraph, then recover', async () => {
    extras.mode = 'drop';
    for (let i = 0; i < 5; i += 1) expectPartial(await gql(t.url, JOINED), 'hotline', 'SUBGRAPH_UNAVAILABLE');
    const reached = extras.dropped;
    expect(reached).toBeGreaterThan(0);
    for (let i = 0; i < 5; i += 1) expectPartial(await gql(t.url, JOINED), 'hotline', 'SUBGRAPH_UNAVAILABLE');
    expect(extras.dropped, 'calls reached the subgraph while the breaker was open').toBe(reached);
    extras.mode = 'ok';
    now += HALF_OPEN_MS - 1; // still open: fails fast
    expectPartial(await gql(t.url, JOINED), 'hotline', 'SUBGRAPH_UNAVAILABLE');
    expect(extras.dropped).toBe(reached);
    now += 1; // half-open: the next call probes, and closes the breaker
    const res = await gql(t.url, JOINED);
    expect(res.body.errors).toBeUndefined();
  });

  it('C2: a hanging subgraph gives partial data after the timeout and releases its sockets', async () => {
    extras.mode = 'hang';
    const res = await gql(t.url, JOINED);
    expectPartial(res, 'hotline', 'SUBGRAPH_TIMEOUT');
    expect(res.ms).toBeGreaterThanOrEqual(900);
    expect(res.ms).toBeLessThan(5_000);
    // The gateway gave up on the call: the subgraph sees its socket close (an event, awaited;
    // the test's timeout bounds it if the gateway never lets go).
    await extras.noOpenHangs();
    expect(extras.openHangs, 'hung sockets still open').toBe(0);
  });

  it('C3: a reset mid-body gives partial data and no unhandled rejection', async () => {
    extras.mode = 'reset';
    expectPartial(await gql(t.url, JOINED), 'hotline', 'SUBGRAPH_UNAVAILABLE');
    expectPartial(await gql(t.url, ROOTS), 'weather', 'SUBGRAPH_UNAVAILABLE');
    // The answer came after the reset (it is what failed the call), and Node reports an
    // unhandled rejection once the microtasks of the turn that made it have run: one more turn
    // of the event loop has seen every rejection the reset could cause.
    await nextTurn();
    expect(rejections).toEqual([]);
  });

  it('C4: a 50 MB answer is cut at the byte cap, and does not open the breaker', async () => {
    extras.mode = 'huge';
    extras.hugeBytes = 0;
    for (let i = 0; i < 6; i += 1) {
      const res = await gql(t.url, ROOTS);
      expectPartial(res, 'weather', 'SUBGRAPH_UNAVAILABLE');
      expect(res.ms).toBeLessThan(5_000);
    }
    expect(extras.hugeBytes / 6).toBeLessThan(10 * 1024 * 1024);
    extras.mode = 'ok';
    const after = await gql(t.url, ROOTS);
    expect(after.body.errors, 'the breaker opened on oversized answers').toBeUndefined();
  });
});

describe('C11: the gateway boots while a subgraph is down', () => {
  it('starts from the static supergraph, serves the rest, and says not-ready', async () => {
    const closed = await freePort();
    const gw = await t.startGateway({ SUPERGRAPH_PATH: file.path }, { extras: `http://127.0.0.1:${closed}/graphql` });
    const res = await gql(gw.url, JOINED);
    expectPartial(res, 'hotline', 'SUBGRAPH_UNAVAILABLE');
    expect(res.text).not.toContain(String(closed));
    const ready = await send(`${gw.base}/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'not-ready', subgraphs: { portal: true, extras: false } });
    expectNoLeaks(ready.text);
    const health = await send(`${gw.base}/health`);
    expect({ status: health.status, body: health.body }).toEqual({ status: 200, body: { status: 'ok' } });
  });
});
