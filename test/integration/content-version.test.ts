// The content version the gateway's response cache files answers under
// (schema/cache/content-version.ts): bumped by any process through Redis, unknown (no caching)
// while Redis is unreachable, and the memory store's TTL and byte cap (gateway/response-cache.ts).
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { CONTENT_VERSION_KEY, contentChanged, contentVersion, contentVersionReady, useRedisContentVersion } from '../../schema/cache/content-version.ts';
import { memoryStore } from '../../gateway/response-cache.ts';

const REDIS_URL = process.env.REDIS_URL || undefined;

describe('content version', () => {
  it('changes on a bump in this process', async () => {
    const before = await contentVersion();
    await contentChanged('test');
    expect(await contentVersion()).not.toBe(before);
  });

  it.skipIf(!REDIS_URL)('changes when another process bumps it through Redis', async () => {
    const handle = useRedisContentVersion(REDIS_URL);
    try {
      await contentVersionReady();
      const before = await contentVersion();
      expect(before).not.toBeNull();
      // Another process (a subgraph elsewhere) bumps the shared counter.
      const other = new Redis(REDIS_URL!);
      await other.incr(CONTENT_VERSION_KEY);
      other.disconnect();
      expect(await contentVersion()).not.toBe(before);
    } finally {
      await handle.close();
    }
  });

  it('is unknown while the shared counter cannot be read (nothing is cached then)', async () => {
    // Nothing listens on port 1: the connection never becomes ready.
    const handle = useRedisContentVersion('redis://127.0.0.1:1');
    try {
      expect(await contentVersion()).toBeNull();
    } finally {
      await handle.close();
    }
    expect(await contentVersion()).not.toBeNull();
  });
});

describe('memory response store', () => {
  it('expires entries at their TTL and evicts the least recently used above the byte cap', async () => {
    let now = 0;
    const store = memoryStore(30, () => now);
    await store.set('a', '1234567890', { ttl: 10 });
    now = 9_999;
    expect(await store.get('a')).toBe('1234567890');
    now = 10_000;
    expect(await store.get('a')).toBeUndefined();
    await store.set('b', '1234567890', { ttl: 60 });
    await store.set('c', '1234567890', { ttl: 60 });
    await store.get('b');
    // 3 × 11 bytes > 30: the least recently used (c) goes.
    await store.set('d', '1234567890', { ttl: 60 });
    expect([await store.get('b'), await store.get('c'), await store.get('d')]).toEqual(['1234567890', undefined, '1234567890']);
    await store.set('e', 'x', { ttl: 0 });
    expect(await store.get('e')).toBeUndefined();
  });
});
