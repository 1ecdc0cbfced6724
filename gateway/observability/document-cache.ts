// The gateway's caches, made countable in `hub_cache_lookups_total{cache,result}` and
// `hub_cache_hit_ratio{cache}`: Apollo Server's cache of parsed and validated operations (keyed by
// the query's hash and the schema's; the same bounded cache Apollo keeps by default), and the
// response cache's store (gateway/response-cache.ts), whose every read is a lookup.
import type { DocumentNode } from 'graphql';
import { cacheLookup } from '../../schema/observability/metrics.ts';

export const DOCUMENT_CACHE = 'graphql_documents';

/** Apollo Server's own bound for this cache: 30 MiB, each document sized by its JSON length. */
export const DOCUMENT_CACHE_MAX_BYTES = 30 * 1024 * 1024;

/**
 * Least recently used first out, bounded by count and by size: each document is sized as Apollo
 * sizes it (the length of its JSON, roughly what its syntax tree holds), so a few thousand large
 * distinct operations cannot hold hundreds of MB (a count alone did not bound that). A document
 * larger than the whole budget is not kept.
 */
export function countedDocumentStore(maxEntries = 2_000, maxBytes = DOCUMENT_CACHE_MAX_BYTES) {
  const entries = new Map<string, { doc: DocumentNode; bytes: number }>();
  let total = 0;
  const drop = (key: string) => {
    const e = entries.get(key);
    if (!e) return false;
    entries.delete(key);
    total -= e.bytes;
    return true;
  };
  return {
    async get(key: string): Promise<DocumentNode | undefined> {
      const e = entries.get(key);
      cacheLookup(DOCUMENT_CACHE, e !== undefined);
      if (e !== undefined) {
        // Most recently used last: the oldest is the first evicted.
        entries.delete(key);
        entries.set(key, e);
      }
      return e?.doc;
    },
    async set(key: string, doc: DocumentNode): Promise<void> {
      drop(key);
      const bytes = JSON.stringify(doc).length;
      if (bytes > maxBytes) return;
      entries.set(key, { doc, bytes });
      total += bytes;
      while (entries.size > maxEntries || total > maxBytes) drop(entries.keys().next().value!);
    },
    async delete(key: string): Promise<boolean> {
      return drop(key);
    },
    /** What it holds: entries and their summed size (tests, /metrics). */
    size(): { entries: number; bytes: number } {
      return { entries: entries.size, bytes: total };
    },
  };
}

/** A key-value store whose reads are counted as cache lookups (the response cache's store). */
export function countedStore<S extends { get(key: string): Promise<string | undefined> }>(store: S, cache: string): S {
  return Object.assign(Object.create(store) as S, {
    async get(key: string) {
      const value = await store.get(key);
      cacheLookup(cache, value !== undefined);
      return value;
    },
  });
}
