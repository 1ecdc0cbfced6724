// The front of the response cache (issue 13): fresh cacheable answers kept in this process and
// served by the request-collapsing layer (request-collapse.ts) before Apollo Server, so a hit
// costs a key, a map lookup and a write instead of Apollo Server's whole pipeline (parse and
// validation cache lookups, plugins, context, the shared store, JSON). Apollo's response cache
// (response-cache.ts, in Redis when REDIS_URL is set) stays the shared layer behind it.
//
// What goes in is decided by the caller: only answers the response cache itself would store
// (200, no errors, `Cache-Control: public, max-age=N`, N > 0), filed under the collapsing key,
// which holds the content version — a publication makes the next request miss here as it does
// there. Each entry lives as long as the response cache keeps the same answer (its remaining
// policy lifetime). This module is only the bounded store: an LRU by entries and by bytes, with
// an injectable clock.

export interface FrontCacheSettings {
  /** Most entries kept; the least recently used go first. */
  maxEntries: number;
  /** Most bytes kept (the sizes the caller gives); an entry larger than this is not kept. */
  maxBytes: number;
}

export interface FrontCache<V> {
  /** The entry, fresh (its expiry after `now()`), or undefined; a hit becomes the most recent. */
  get(key: string): V | undefined;
  /** Keep `value` (`size` bytes) until `expiresAt` (epoch ms of the clock). */
  set(key: string, value: V, size: number, expiresAt: number): void;
  /** What it holds (tests, metrics). */
  size(): { entries: number; bytes: number };
}

export function createFrontCache<V>(settings: FrontCacheSettings, now: () => number = Date.now): FrontCache<V> {
  const entries = new Map<string, { value: V; size: number; expiresAt: number }>();
  let bytes = 0;
  const drop = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    bytes -= e.size;
    entries.delete(key);
  };
  return {
    get(key) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.expiresAt <= now()) {
        drop(key);
        return undefined;
      }
      // Most recently used last.
      entries.delete(key);
      entries.set(key, e);
      return e.value;
    },
    set(key, value, size, expiresAt) {
      drop(key);
      if (expiresAt <= now() || size > settings.maxBytes) return;
      entries.set(key, { value, size, expiresAt });
      bytes += size;
      for (const k of entries.keys()) {
        if (bytes <= settings.maxBytes && entries.size <= settings.maxEntries) break;
        drop(k);
      }
    },
    size: () => ({ entries: entries.size, bytes }),
  };
}
