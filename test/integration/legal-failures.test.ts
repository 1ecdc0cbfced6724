// Upstreams that misbehave (SECURITY-MATRIX B, C5, C6): every failure mode of the fake national
// database and gazette ends as a failed run with the right UPSTREAM_* code, the last-known-good
// data untouched and the cursor not moved, and the next good run catches up. Live lookups fall
// back to the last-known copy flagged stale. Runs are leased, and the scheduler runs on an
// injected clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMode } from '../../adapters/kit/fake-upstream.ts';
import { FIXTURE_ISSUES } from '../../adapters/gazette/fixtures/issues.ts';
import { GAZETTE_PATHS } from '../../adapters/gazette/fake/render.ts';
import { syncJobs } from '../../subgraphs/legal/sync/scheduler.ts';
import { metrics } from '../../schema/observability/metrics.ts';
import { JobRunFailed, runnerJobs } from '../../subgraphs/kit/jobs.ts';
import type { JobDefinition } from '../../schema/jobs/runner.ts';
import { GAZETTE, NATIONAL, snapshot, startLegalWorld, type LegalWorld } from './legal-harness.ts';

let world: LegalWorld;
const MB = 1024 * 1024;

beforeAll(async () => {
  world = await startLegalWorld();
});
afterAll(() => world?.close());

const LOOKUP = `query($n: String!, $r: Boolean) { legalDocumentByNumber(number: $n, refresh: $r) { stale origin fetchedAt upstreamError document { number { normalised } summary } } }`;
type Lookup = {
  stale: boolean;
  origin: string;
  fetchedAt: string;
  upstreamError: string | null;
  document: { number: { normalised: string }; summary: string };
};
const lookup = (n: string, refresh = false) => world.query<{ legalDocumentByNumber: Lookup | null }>(LOOKUP, { n, r: refresh });

describe('live lookup before any sync', () => {
  it('fetches a document the hub does not have yet, and keeps it', async () => {
    const lookups = async (result: 'hit' | 'miss') =>
      (await metrics.cacheLookups.get()).values.find((v) => v.labels.cache === 'legal_lookup' && v.labels.result === result)?.value ?? 0;
    const [hits, misses] = [await lookups('hit'), await lookups('miss')];
    const res = await lookup('26/2017/QD\u2013UBND');
    expect(res.body.data!.legalDocumentByNumber).toMatchObject({
      stale: false,
      origin: 'UPSTREAM',
      upstreamError: null,
      document: { number: { normalised: '26/2017/QĐ-UBND' } },
    });
    expect(await world.db.prisma.legalDocumentSource.count({ where: { system: NATIONAL, sourceId: 'qd-26-2017-ubnd-vp' } })).toBe(1);
    // Asked again, the hub's fresh copy answers: no upstream call.
    world.legalFake.received.length = 0;
    expect((await lookup('26/2017/QĐ-UBND')).body.data!.legalDocumentByNumber).toMatchObject({ origin: 'LOCAL', stale: false });
    expect(world.legalFake.received).toHaveLength(0);
    // The local copy is the lookup's cache: one miss (asked live), then one hit (/metrics hub_cache_hit_ratio).
    expect([(await lookups('miss')) - misses, (await lookups('hit')) - hits]).toEqual([1, 1]);
  });

  it('answers an UPSTREAM_* error, never a library error, when there is no copy to fall back on', async () => {
    world.legalFake.setMode({ kind: 'fault' });
    const res = await lookup('77/2015/QH13');
    world.legalFake.setMode({ kind: 'ok' });
    expect(res.body.data?.legalDocumentByNumber ?? null).toBeNull();
    expect(res.body.errors![0]).toMatchObject({ extensions: { code: 'UPSTREAM_FAULT', system: NATIONAL } });
    expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|10\.0\.3\.7|timeout connecting|stack/);
  });
});

describe('sync failures keep the last-known-good data (C6)', () => {
  beforeAll(async () => {
    expect(await world.sync(NATIONAL)).toMatchObject({ status: 'SUCCEEDED' });
    expect(await world.sync(GAZETTE)).toMatchObject({ status: 'SUCCEEDED' });
  });

  const MODES: [string, string, FakeMode][] = [
    ['slow answer (C5)', 'UPSTREAM_TIMEOUT', { kind: 'slow', delayMs: 3_500 }],
    ['5xx on every retry', 'UPSTREAM_UNAVAILABLE', { kind: 'fail-then-ok', failures: 10 }],
    ['429 with a long Retry-After', 'UPSTREAM_RATE_LIMITED', { kind: 'rate-limited', retryAfter: '60' }],
    ['a fault answer', 'UPSTREAM_FAULT', { kind: 'fault' }],
    ['malformed JSON', 'UPSTREAM_INVALID_RESPONSE', { kind: 'malformed' }],
    ['an oversized body', 'UPSTREAM_INVALID_RESPONSE', { kind: 'oversized', bytes: 3 * MB }],
    ['XML with an external entity', 'UPSTREAM_INVALID_RESPONSE', { kind: 'xxe' }],
    ['an HTML 502 page', 'UPSTREAM_UNAVAILABLE', { kind: 'html-502' }],
    ['a trickle', 'UPSTREAM_TIMEOUT', { kind: 'trickle', intervalMs: 50 }],
    ['a redirect to a private address', 'UPSTREAM_INVALID_RESPONSE', { kind: 'redirect', location: 'http://169.254.169.254/latest/meta-data' }],
  ];

  let minute = 0;
  it.each(MODES)('%s → %s: the run fails, nothing is lost, the next run catches up', async (_name, code, mode) => {
    minute += 1;
    const summary = `Trích yếu sửa lần ${minute}`;
    world.catalogue.modify('nd-147-2024-cp', { summary }, new Date(Date.UTC(2026, 4, 3, 3, minute)));
    const before = await snapshot(world.db);
    const stateBefore = await world.db.prisma.legalSyncState.findUniqueOrThrow({ where: { system: NATIONAL } });
    world.legalFake.setMode(mode);
    const failed = await world.sync(NATIONAL);
    world.legalFake.setMode({ kind: 'ok' });
    expect(failed).toMatchObject({ status: 'FAILED', errorCode: code });
    expect(await snapshot(world.db)).toEqual(before);
    const state = await world.db.prisma.legalSyncState.findUniqueOrThrow({ where: { system: NATIONAL } });
    expect(state).toMatchObject({ cursor: stateBefore.cursor, lastErrorCode: code, consecutiveFailures: 1, lockedUntil: null });
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    world.clock.advance(120); // past the breaker's half-open delay (on the world's clock)
    const recovered = await world.sync(NATIONAL);
    expect(recovered).toMatchObject({ status: 'SUCCEEDED', updated: 1 });
    const row = await world.db.prisma.legalDocument.findFirstOrThrow({ where: { numberKey: '147/2024/ND-CP' } });
    expect(row.summary).toBe(summary);
  });

  it('__proto__ keys in JSON are dropped by the wire schema: the prototype stays untouched', async () => {
    world.catalogue.modify('nd-147-2024-cp', { summary: 'Sau một câu trả lời có __proto__' }, new Date(Date.UTC(2026, 4, 3, 3, 59)));
    const before = await snapshot(world.db);
    world.legalFake.setMode({ kind: 'proto' });
    expect(await world.sync(NATIONAL)).toMatchObject({ status: 'SUCCEEDED', seen: 1, unchanged: 1 });
    world.legalFake.setMode({ kind: 'ok' });
    expect(await snapshot(world.db)).toEqual(before);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(await world.sync(NATIONAL)).toMatchObject({ status: 'SUCCEEDED', updated: 1 });
  });

  it('a 5xx that clears within the retries is not a failure', async () => {
    world.catalogue.modify('nd-147-2024-cp', { summary: 'Sau một lỗi 503' }, new Date(Date.UTC(2026, 4, 3, 4, 0)));
    world.legalFake.setMode({ kind: 'fail-then-ok', failures: 1 });
    expect(await world.sync(NATIONAL)).toMatchObject({ status: 'SUCCEEDED', updated: 1 });
    world.legalFake.setMode({ kind: 'ok' });
  });

  it('the breaker opens after repeated failures, fails fast, and recovers through a half-open probe', async () => {
    world.legalFake.setMode({ kind: 'html-502' });
    await world.sync(NATIONAL);
    await world.sync(NATIONAL);
    const calls = world.legalFake.received.length;
    const fast = await world.sync(NATIONAL);
    expect(fast).toMatchObject({ status: 'FAILED', errorCode: 'UPSTREAM_UNAVAILABLE' });
    expect(world.legalFake.received.length).toBe(calls); // open: the upstream was not called
    world.legalFake.setMode({ kind: 'ok' });
    world.clock.advance(120);
    expect(await world.sync(NATIONAL)).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('gazette: a malformed feed or an export that breaks the XSD fails the run, the issues stay', async () => {
    const issues = await world.db.prisma.legalGazetteIssue.count();
    world.gazetteFake.issues.push({ ...structuredClone(FIXTURE_ISSUES[0]!), number: 47, date: '2017-09-20' });
    world.gazetteFake.setMode({ kind: 'malformed' });
    expect(await world.sync(GAZETTE)).toMatchObject({ status: 'FAILED', errorCode: 'UPSTREAM_INVALID_RESPONSE' });
    world.gazetteFake.setMode({ kind: 'xxe' });
    expect(await world.sync(GAZETTE)).toMatchObject({ status: 'FAILED', errorCode: 'UPSTREAM_INVALID_RESPONSE' });
    world.gazetteFake.setMode({ kind: 'ok' });
    world.gazetteFake.setRaw(GAZETTE_PATHS.export(2017, 47), '<?xml version="1.0"?><CongBao><So>47</So></CongBao>');
    expect(await world.sync(GAZETTE)).toMatchObject({ status: 'FAILED', errorCode: 'UPSTREAM_INVALID_RESPONSE' });
    expect(await world.db.prisma.legalGazetteIssue.count()).toBe(issues);
    world.gazetteFake.clearRaw();
    expect(await world.sync(GAZETTE)).toMatchObject({ status: 'SUCCEEDED', created: 1 });
  });
});

describe('stale copies (C5)', () => {
  it('serves the last-known copy flagged stale, with its date, when the live check fails', async () => {
    const fetched = await world.db.prisma.legalDocumentSource.findFirstOrThrow({ where: { sourceId: 'luat-77-2015-qh13' } });
    world.clock.advance(25 * 3600_000); // older than the 24 h a copy is served without asking
    world.legalFake.setMode({ kind: 'slow', delayMs: 3_500 });
    const slow = (await lookup('77/2015/QH13')).body.data!.legalDocumentByNumber!;
    expect(slow).toMatchObject({ stale: true, origin: 'LOCAL', upstreamError: 'UPSTREAM_TIMEOUT', fetchedAt: fetched.fetchedAt.toISOString() });
    world.legalFake.setMode({ kind: 'fault' });
    expect((await lookup('77/2015/QH13', true)).body.data!.legalDocumentByNumber).toMatchObject({ stale: true, upstreamError: 'UPSTREAM_FAULT' });
    world.legalFake.setMode({ kind: 'ok' });
    world.clock.advance(120);
    const fresh = (await lookup('77/2015/QH13')).body.data!.legalDocumentByNumber!;
    expect(fresh).toMatchObject({ stale: false, origin: 'UPSTREAM', fetchedAt: world.clock().toISOString() });
  });
});

describe('runs', () => {
  it('two starts at once give one run', async () => {
    world.legalFake.setMode({ kind: 'slow', delayMs: 150 }); // long enough to overlap
    const [a, b] = await Promise.all([world.subgraph.syncer.start(NATIONAL, 'MANUAL'), world.subgraph.syncer.start(NATIONAL, 'MANUAL')]);
    expect(a.id).toBe(b.id);
    await world.subgraph.syncer.idle();
    world.legalFake.setMode({ kind: 'ok' });
    expect(await world.db.prisma.legalSyncRun.count({ where: { id: a.id, status: 'SUCCEEDED' } })).toBe(1);
  });

  it('the scheduler syncs each source when its interval has passed on the injected clock', async () => {
    const scheduled = () => world.db.prisma.legalSyncRun.count({ where: { trigger: 'SCHEDULE' } });
    const hour = 3600_000;
    const jobs = syncJobs({ prisma: world.db.prisma, syncer: world.subgraph.syncer, intervalMs: hour, clock: world.clock });
    expect(jobs.map((j) => j.name)).toEqual([`legal.sync:${NATIONAL}`, `legal.sync:${GAZETTE}`]);
    const tick = () => Promise.all(jobs.map((j) => j.run()));
    await tick();
    const first = await scheduled();
    world.clock.advance(10 * 60_000);
    await tick();
    expect(await scheduled()).toBe(first); // not due yet
    world.clock.advance(hour);
    await tick();
    expect(await scheduled()).toBe(first + 2);
  });

  it('a failed scheduled sync fails its job (so the runner retries it, then keeps it dead); the retry runs though not "due"', async () => {
    const hour = 3600_000;
    const [national] = runnerJobs(syncJobs({ prisma: world.db.prisma, syncer: world.subgraph.syncer, intervalMs: hour, clock: world.clock }));
    const ctx = (attempt: number) => ({ now: world.clock(), attempt }) as Parameters<JobDefinition['run']>[0];
    world.clock.advance(2 * hour);
    world.legalFake.setMode({ kind: 'fault' });
    const failed = await national!.run(ctx(0)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(JobRunFailed);
    expect((failed as JobRunFailed).message).toMatch(/^legal\.sync:national-legal-db failed: UPSTREAM_/);
    world.legalFake.setMode({ kind: 'ok' });
    // The retry comes within the interval: it syncs anyway, and succeeds.
    expect(await national!.run(ctx(1))).toBe(true);
    const [last] = await world.db.prisma.legalSyncRun.findMany({ where: { system: NATIONAL }, orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], take: 2 });
    expect(last?.status).toBe('SUCCEEDED');
    // A first attempt of the next tick, not due, does nothing.
    expect(await national!.run(ctx(0))).toBe(false);
  });
});
