// Apollo Server's cache of parsed and validated operations (keyed by the query's hash and the
// schema's), made countable: the same bounded cache Apollo keeps by default, each lookup counted
// in `hub_cache_lookups_total{cache="graphql_documents"}` and `hub_cache_hit_ratio`.
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
