// The response cache's store as Apollo's plugin sees it (gateway/response-cache.ts `agedStore`):
// entries dated on an injected clock, read back with the whole seconds they have left as their
// policy max-age (what the headers and the front cache then tell), a miss under one second left;
// the answer's data untouched.
import { describe, expect, it } from 'vitest';
import { agedStore, memoryStore } from '../../gateway/response-cache.ts';

/** An entry as Apollo's plugin writes it (ApolloServerPluginResponseCache: data, cachePolicy, cacheTime). */
const entry = (data: unknown, maxAge: number, cacheTime = 0) => JSON.stringify({ data, cachePolicy: { maxAge, scope: 'PUBLIC' }, cacheTime });
type Read = { data: unknown; cachePolicy: { maxAge: number; scope: string }; cacheTime: number };

describe('response cache store, dated', () => {
  it('an entry read later has its remaining lifetime as policy, stamped now; under a second left it is a miss', async () => {
    let now = 1_000_000;
    const store = agedStore(
      memoryStore(100_000, () => now),
      () => now,
    );
    // The plugin's own cacheTime (its real clock) is replaced by the gateway clock's.
    await store.set('k', entry({ a: 1 }, 300, 42), { ttl: 300 });
    const fresh = JSON.parse((await store.get('k'))!) as Read;
    expect(fresh).toEqual({ data: { a: 1 }, cachePolicy: { maxAge: 300, scope: 'PUBLIC' }, cacheTime: now });
    now += 40_400;
    const later = JSON.parse((await store.get('k'))!) as Read;
    expect(later.cachePolicy.maxAge).toBe(259);
    expect(later.cacheTime).toBe(now);
    now += 258_200; // 298.6 s in: 1.4 s left, one whole second
    expect((JSON.parse((await store.get('k'))!) as Read).cachePolicy.maxAge).toBe(1);
    now += 1_000; // 299.6 s in: 0.4 s left
    expect(await store.get('k')).toBeUndefined();
  });

  it('the data is kept as written, even a field named cachePolicy in it; what is not a plugin entry is never served', async () => {
    let now = 0;
    const store = agedStore(
      memoryStore(100_000, () => now),
      () => now,
    );
    const data = { cachePolicy: { maxAge: 9_999 }, text: '"cachePolicy":{"maxAge":9999}', list: [1, 2] };
    await store.set('k', entry(data, 60), { ttl: 60 });
    now += 10_000;
    const read = JSON.parse((await store.get('k'))!) as Read;
    expect(read.data).toEqual(data);
    expect(read.cachePolicy.maxAge).toBe(50);
    await store.set('odd', JSON.stringify({ data }), { ttl: 60 });
    expect(await store.get('odd')).toBeUndefined();
    const raw = memoryStore(1_000, () => now);
    await raw.set('bad', '{"data":1,"cachePolicy":', { ttl: 60 });
    expect(await agedStore(raw, () => now).get('bad')).toBeUndefined();
  });
});
