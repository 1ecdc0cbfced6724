// The front of the response cache (gateway/front-cache.ts): an LRU bounded by entries and by
// bytes, each entry fresh until its own expiry on an injected clock; and which answers may go in
// (request-collapse.ts `freshness`: exactly those the response cache would store).
import { describe, expect, it } from 'vitest';
import { createFrontCache } from '../../gateway/front-cache.ts';
import { freshness } from '../../gateway/request-collapse.ts';

describe('front cache: the bounded store', () => {
  it('holds at most maxBytes: the least recently used go first, an entry above the bound is not kept', () => {
    let now = 0;
    const c = createFrontCache<string>({ maxEntries: 100, maxBytes: 1_000 }, () => now);
    c.set('a', 'A', 400, 10_000);
    c.set('b', 'B', 400, 10_000);
    expect(c.get('a')).toBe('A'); // a is now the most recent
    c.set('c', 'C', 400, 10_000); // 1,200 bytes: b (least recent) goes
    expect(c.size()).toEqual({ entries: 2, bytes: 800 });
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe('A');
    expect(c.get('c')).toBe('C');
    c.set('huge', 'H', 1_001, 10_000);
    expect(c.get('huge')).toBeUndefined();
    expect(c.size()).toEqual({ entries: 2, bytes: 800 });
    // Replacing an entry counts its new size only.
    c.set('a', 'A2', 100, 10_000);
    expect(c.size()).toEqual({ entries: 2, bytes: 500 });
    now = 1;
    expect(c.get('a')).toBe('A2');
  });

  it('holds at most maxEntries', () => {
    const c = createFrontCache<number>({ maxEntries: 3, maxBytes: 1_000_000 }, () => 0);
    for (let i = 0; i < 5; i++) c.set(`k${i}`, i, 1, 1_000);
    expect(c.size()).toEqual({ entries: 3, bytes: 3 });
    expect(c.get('k0')).toBeUndefined();
    expect(c.get('k1')).toBeUndefined();
    expect(c.get('k4')).toBe(4);
  });

  it('an entry is fresh until its expiry, then gone (and its bytes freed)', () => {
    let now = 1_000;
    const c = createFrontCache<string>({ maxEntries: 10, maxBytes: 1_000 }, () => now);
    c.set('k', 'v', 10, 11_000);
    now = 10_999;
    expect(c.get('k')).toBe('v');
    now = 11_000;
    expect(c.get('k')).toBeUndefined();
    expect(c.size()).toEqual({ entries: 0, bytes: 0 });
    // Already expired: not kept.
    c.set('old', 'v', 10, 11_000);
    expect(c.size().entries).toBe(0);
  });
});

describe('front cache: which answers', () => {
  const ok = { operation: 'Front', outcome: 'ok' as const, codes: [] };
  const cc = (v: string): [string, string][] => [
    ['content-type', 'application/json; charset=utf-8'],
    ['cache-control', v],
  ];
  it('200 without errors and public, max-age=N > 0: kept as long as the response cache keeps it, telling at most N', () => {
    expect(freshness(200, cc('public, max-age=10'), ok)).toEqual({ seconds: 10, maxAge: 10 });
    // The store keeps it 300 s more (the header capped at 10): so does the front, telling ≤ 10.
    expect(freshness(200, cc('public, max-age=10'), ok, 300)).toEqual({ seconds: 300, maxAge: 10 });
    // An answer with 4 s left in the store (its header says 4): 4 s here too.
    expect(freshness(200, cc('public, max-age=4'), ok, 4)).toEqual({ seconds: 4, maxAge: 4 });
  });
  it('nothing else: no-store, max-age=0, aged out, private, errors, partial, other statuses, no answer counted', () => {
    expect(freshness(200, cc('no-store'), ok)).toBeNull();
    expect(freshness(200, cc('public, max-age=0'), ok)).toBeNull();
    // The hub never sends an Age: an answer with one cannot be dated here.
    expect(freshness(200, [...cc('public, max-age=10'), ['age', '3']], ok, 300)).toBeNull();
    // Gone from the store (under a second left).
    expect(freshness(200, cc('public, max-age=10'), ok, 0)).toBeNull();
    expect(freshness(200, cc('private, max-age=10'), ok)).toBeNull();
    expect(freshness(200, [['content-type', 'application/json']], ok)).toBeNull();
    expect(freshness(200, cc('public, max-age=10'), { ...ok, outcome: 'partial', codes: ['X'] })).toBeNull();
    expect(freshness(200, cc('public, max-age=10'), { ...ok, outcome: 'error', codes: ['X'] })).toBeNull();
    expect(freshness(400, cc('public, max-age=10'), ok)).toBeNull();
    expect(freshness(200, cc('public, max-age=10'), undefined)).toBeNull();
  });
});
