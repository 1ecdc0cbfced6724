// Representation de-duplication in `_entities` fetches (issue 13): the query planner sends one
// representation per entity *occurrence* (50 articles of the same agency → 50 copies of that
// agency's key). The subgraph is asked once per distinct representation and its answer is spread
// back over the occurrences, in the order the planner expects, errors included.
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';

export interface Deduplicated {
  /** The distinct representations, in order of first occurrence. */
  unique: unknown[];
  /** Fans a subgraph answer to `unique` back out to the original occurrences. */
  expand(response: GatewayGraphQLResponse): GatewayGraphQLResponse;
}

/** Null when there is nothing to collapse (every representation distinct). */
export function dedupeRepresentations(representations: readonly unknown[]): Deduplicated | null {
  if (representations.length < 2) return null;
  const indexOf = new Map<string, number>();
  const unique: unknown[] = [];
  /** For each occurrence, the index of its representation in `unique`. */
  const slot = new Array<number>(representations.length);
  for (let i = 0; i < representations.length; i++) {
    const key = JSON.stringify(representations[i]);
    let u = indexOf.get(key);
    if (u === undefined) {
      u = unique.length;
      indexOf.set(key, u);
      unique.push(representations[i]);
    }
    slot[i] = u;
  }
  if (unique.length === representations.length) return null;
  return {
    unique,
    expand(response) {
      const data = response.data as { _entities?: unknown[] } | null | undefined;
      const entities = data?._entities;
      let out = response;
      if (Array.isArray(entities) && entities.length === unique.length) {
        const used = new Array<boolean>(unique.length).fill(false);
        // The first occurrence takes the object as received; later ones a copy, so the gateway's
        // merging into one entity never shows through another.
        const spread = slot.map((u) => {
          const e = entities[u];
          if (!used[u] || e === null || typeof e !== 'object') {
            used[u] = true;
            return e;
          }
          return structuredClone(e);
        });
        out = { ...response, data: { ...data, _entities: spread } };
      }
      if (response.errors?.length) {
        const occurrences = new Map<number, number[]>();
        slot.forEach((u, i) => occurrences.set(u, [...(occurrences.get(u) ?? []), i]));
        const errors = response.errors.flatMap((err) => {
          const path = err.path;
          if (!path || path[0] !== '_entities' || typeof path[1] !== 'number') return [err];
          return (occurrences.get(path[1]) ?? [path[1]]).map((i) => ({ ...err, path: ['_entities', i, ...path.slice(2)] }));
        });
        out = { ...out, errors };
      }
      return out;
    },
  };
}
