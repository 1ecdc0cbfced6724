// The gateway's caches, made countable in `hub_cache_lookups_total{cache,result}` and
// `hub_cache_hit_ratio{cache}`: Apollo Server's cache of parsed and validated operations (keyed by
// the query's hash and the schema's; the same bounded cache Apollo keeps by default), and the
// response cache's store (gateway/response-cache.ts), whose every read is a lookup.
import type { DocumentNode } from 'graphql';
import { cacheLookup } from '../../schema/observability/metrics.ts';

export const DOCUMENT_CACHE = 'graphql_documents';

export function countedDocumentStore(maxEntries = 2_000) {
  const entries = new Map<string, DocumentNode>();
  return {
    async get(key: string): Promise<DocumentNode | undefined> {
      const doc = entries.get(key);
      cacheLookup(DOCUMENT_CACHE, doc !== undefined);
      if (doc !== undefined) {
        // Most recently used last: the oldest is the first evicted.
        entries.delete(key);
        entries.set(key, doc);
      }
      return doc;
    },
    async set(key: string, doc: DocumentNode): Promise<void> {
      entries.delete(key);
      entries.set(key, doc);
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    async delete(key: string): Promise<boolean> {
      return entries.delete(key);
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
