// The gateway's cache of parsed and validated operations (gateway/observability/document-cache.ts)
// is bounded by count and by size, least recently used out first.
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { countedDocumentStore } from '../../gateway/observability/document-cache.ts';

/** A query selecting `n` aliased fields: its size grows with n. */
const queryOf = (n: number, tag: string) =>
  parse(`query Q${tag} { ${Array.from({ length: n }, (_, i) => `f${i}: agency(slug: "${tag}-${i}") { id }`).join(' ')} }`);
const bytesOf = (n: number) => JSON.stringify(queryOf(n, 'x')).length;

describe('countedDocumentStore', () => {
  it('never holds more than its byte budget, evicting the least recently used', async () => {
    const one = bytesOf(20);
    const store = countedDocumentStore(1_000, one * 3.5);
    for (const tag of ['a', 'b', 'c']) await store.set(tag, queryOf(20, tag));
    await store.get('a'); // a is now the most recently used: b goes first
    await store.set('d', queryOf(20, 'd'));
    expect(store.size().entries).toBe(3);
    expect(store.size().bytes).toBeLessThanOrEqual(one * 3.5);
    expect(await store.get('b')).toBeUndefined();
    for (const tag of ['a', 'c', 'd']) expect(await store.get(tag)).toBeDefined();
  });

  it('holds at most maxEntries documents', async () => {
    const store = countedDocumentStore(2, 1 << 30);
    for (const tag of ['a', 'b', 'c']) await store.set(tag, queryOf(1, tag));
    expect(store.size().entries).toBe(2);
    expect(await store.get('a')).toBeUndefined();
  });

  it('keeps no document larger than the whole budget, and keeps its accounting on replace and delete', async () => {
    const store = countedDocumentStore(10, bytesOf(5) * 2);
    await store.set('huge', queryOf(200, 'h'));
    expect(store.size()).toEqual({ entries: 0, bytes: 0 });
    await store.set('a', queryOf(5, 'a'));
    await store.set('a', queryOf(5, 'a'));
    expect(store.size().entries).toBe(1);
    const bytes = store.size().bytes;
    expect(bytes).toBe(JSON.stringify(queryOf(5, 'a')).length);
    expect(await store.delete('a')).toBe(true);
    expect(store.size()).toEqual({ entries: 0, bytes: 0 });
  });
});
