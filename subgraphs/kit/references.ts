// Federation entity references, batched: the gateway sends one `_entities` call with every
// representation of a type, @apollo/subgraph calls `__resolveReference` once per
// representation, and a per-request DataLoader turns them into ONE SQL statement per entity
// type, whichever keys (id, code, number …) the representations use.
import DataLoader from 'dataloader';
import { isUuid } from './batch.ts';

/** A representation as the gateway sends it: `__typename` and the fields of one @key. */
export type Representation = Record<string, unknown>;

export interface ReferenceKey<Row> {
  /** The key field of the representation (e.g. "id", "code"). */
  field: string;
  /** Values that cannot name anything are answered null without reaching the database. */
  accepts(value: string): boolean;
  /** The row's value of this key (how the batch answer is matched back). */
  valueOf(row: Row): string;
  /**
   * Several rows may share a non-unique key (an agency code across its eras, a document number
   * issued by two provinces): the first after this ordering wins. Default: the first row.
   */
  prefer?: (a: Row, b: Row) => number;
}

/**
 * One loader for every key of an entity type. `fetch` receives the accepted values per key field
 * (only fields with values) and must answer with ONE statement (an OR of `IN` lists).
 */
export function referenceLoader<Row>(
  keys: ReferenceKey<Row>[],
  fetch: (values: Map<string, string[]>) => Promise<Row[]>,
): DataLoader<Representation, Row | null, string> {
  const keyOf = (rep: Representation): [ReferenceKey<Row>, string] | null => {
    for (const key of keys) {
      const value = rep[key.field];
      if (typeof value === 'string') return key.accepts(value) ? [key, value] : null;
    }
    return null;
  };
  return new DataLoader<Representation, Row | null, string>(
    async (reps) => {
      const values = new Map<string, string[]>();
      for (const rep of reps) {
        const k = keyOf(rep);
        if (k) values.set(k[0].field, [...(values.get(k[0].field) ?? []), k[1]]);
      }
      if (values.size === 0) return reps.map(() => null);
      const rows = await fetch(values);
      const found = new Map<string, Row>();
      for (const key of keys) {
        const candidates = key.prefer ? [...rows].sort(key.prefer) : rows;
        for (const row of candidates) {
          const id = `${key.field}:${key.valueOf(row)}`;
          if (!found.has(id)) found.set(id, row);
        }
      }
      return reps.map((rep) => {
        const k = keyOf(rep);
        return k ? (found.get(`${k[0].field}:${k[1]}`) ?? null) : null;
      });
    },
    { cacheKeyFn: (rep) => keys.map((k) => `${k.field}:${String(rep[k.field] ?? '')}`).join('|') },
  );
}

/** The usual `id` key: a UUID, else nothing. */
export const idKey = <Row extends { id: string }>(): ReferenceKey<Row> => ({ field: 'id', accepts: isUuid, valueOf: (r) => r.id });
