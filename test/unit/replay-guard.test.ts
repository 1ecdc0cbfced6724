// The nonce memories behind "a signed call is accepted once": the subgraphs' replay guard
// (schema/security/replay-guard.ts: memory, and Redis shared by replicas) and the example
// partner's own (subgraphs/partners/notaries/verify.ts). A nonce is refused for at least its
// validity, accepted again after it, and what is held stays bounded by the call rate × window.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { memoryReplayGuard, redisReplayGuard } from '../../schema/security/replay-guard.ts';
import { nonceMemory } from '../../subgraphs/partners/notaries/verify.ts';

const TTL_S = 35;

function clock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('memory replay guard', () => {
  it('refuses a nonce again for its whole TTL, whenever in the rotation it arrived, and accepts it after', async () => {
    const c = clock();
    const guard = memoryReplayGuard(c.now);
    // Nonces arriving every 5 s over three windows: each is refused until its TTL is over.
    const arrived: { key: string; at: number }[] = [];
    for (let i = 0; i < 3 * 7; i += 1) {
      const key = `n${i}`;
      expect(await guard.firstUse(key, TTL_S)).toBe(true);
      arrived.push({ key, at: c.now() });
      for (const a of arrived) {
        const live = c.now() < a.at + TTL_S * 1000;
        if (live) expect(await guard.firstUse(a.key, TTL_S), `${a.key} at +${c.now() - a.at} ms`).toBe(false);
      }
      c.advance(5_000);
    }
    // Exactly at the end of its TTL a nonce is free again.
    const c2 = clock();
    const g2 = memoryReplayGuard(c2.now);
    expect(await g2.firstUse('x', TTL_S)).toBe(true);
    c2.advance(TTL_S * 1000 - 1);
    expect(await g2.firstUse('x', TTL_S)).toBe(false);
    c2.advance(1);
    expect(await g2.firstUse('x', TTL_S)).toBe(true);
  });

  it('holds at most two windows of nonces however long it runs (expired ones are dropped, not swept one by one)', async () => {
    const c = clock();
    const guard = memoryReplayGuard(c.now);
    const perSecond = 200;
    let largest = 0;
    for (let s = 0; s < 10 * TTL_S; s += 1) {
      for (let i = 0; i < perSecond; i += 1) expect(await guard.firstUse(`${s}:${i}`, TTL_S)).toBe(true);
      largest = Math.max(largest, guard.size());
      c.advance(1000);
    }
    expect(largest).toBeGreaterThanOrEqual(TTL_S * perSecond);
    expect(largest).toBeLessThanOrEqual(2 * TTL_S * perSecond);
    // A long pause drops everything.
    c.advance(3 * TTL_S * 1000);
    expect(await guard.firstUse('after', TTL_S)).toBe(true);
    expect(guard.size()).toBe(1);
  });

  it('keeps a nonce asked with a longer TTL than the others for all of it', async () => {
    const c = clock();
    const guard = memoryReplayGuard(c.now);
    expect(await guard.firstUse('short', 10)).toBe(true);
    c.advance(9_000);
    expect(await guard.firstUse('long', 60)).toBe(true);
    for (let s = 0; s < 59; s += 1) {
      c.advance(1000);
      expect(await guard.firstUse('long', 60), `at +${s + 1} s`).toBe(false);
    }
    c.advance(1000);
    expect(await guard.firstUse('long', 60)).toBe(true);
    expect(await guard.firstUse('short', 10)).toBe(true);
  });

  it('tells different nonces apart and forgets everything on close', async () => {
    const guard = memoryReplayGuard();
    expect(await guard.firstUse('a', TTL_S)).toBe(true);
    expect(await guard.firstUse('b', TTL_S)).toBe(true);
    expect(await guard.firstUse('a', TTL_S)).toBe(false);
    await guard.close();
    expect(guard.size()).toBe(0);
  });
});

describe('the example partner’s nonce memory', () => {
  it('refuses a nonce for the 35 s window, accepts it after, and holds at most two windows', () => {
    const c = clock();
    const firstUse = nonceMemory(c.now);
    expect(firstUse('n')).toBe(true);
    c.advance(34_999);
    expect(firstUse('n')).toBe(false);
    c.advance(35_001 * 2);
    expect(firstUse('n')).toBe(true);
    // Every nonce is refused for its window whenever in the rotation it arrived.
    const arrived: { key: string; at: number }[] = [];
    for (let i = 0; i < 30; i += 1) {
      expect(firstUse(`k${i}`)).toBe(true);
      arrived.push({ key: `k${i}`, at: c.now() });
      for (const a of arrived) if (c.now() < a.at + 35_000) expect(firstUse(a.key), `${a.key}`).toBe(false);
      c.advance(4_000);
    }
  });
});

describe.skipIf(!process.env.REDIS_URL)('Redis replay guard', () => {
  it('is shared by replicas: a nonce used on one is refused on another', async () => {
    const a = redisReplayGuard(process.env.REDIS_URL!);
    const b = redisReplayGuard(process.env.REDIS_URL!);
    try {
      // Connected first: until then each answers from its own memory.
      await Promise.all([a.connected(), b.connected()]);
      const key = `test:${randomUUID()}`;
      expect(await a.firstUse(key, TTL_S)).toBe(true);
      expect(await b.firstUse(key, TTL_S)).toBe(false);
      expect(await a.firstUse(key, TTL_S)).toBe(false);
      expect(await b.firstUse(`test:${randomUUID()}`, TTL_S)).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('falls back to memory while Redis cannot be reached: still refuses a replay within the process', async () => {
    const guard = redisReplayGuard('redis://127.0.0.1:1');
    try {
      expect(await guard.firstUse('offline', TTL_S)).toBe(true);
      expect(await guard.firstUse('offline', TTL_S)).toBe(false);
    } finally {
      await guard.close();
    }
  });
});
