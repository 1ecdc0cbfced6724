// The search index as a small interface (R-4.17a): the graph's `search` query and the indexer
// talk only to this, so a dedicated engine (OpenSearch) can replace the PostgreSQL one
// (postgres-index.ts) without touching the graph, the sources or the outbox (README, "Search").
import type { PrismaClient } from '../../../schema/db/prisma.ts';

/** One searchable item as a source projects it; the index folds and keys it. */
export interface IndexDocument {
  /** A registered kind (sources/registry.ts): ARTICLE, LEGAL_DOCUMENT … */
  kind: string;
  /** GraphQL type of the federated entity and the value of its key field. */
  typename: string;
  keyField: string;
  entityId: string;
  title: string;
  /** Plain text (no markup): summary, body, number, codes — what is matched and highlighted. */
  body: string;
  /** Exact keys: document numbers as `documentNumberKey` gives them, procedure codes. */
  numberKeys: string[];
  /** Portal Agency ids. */
  agencyIds: string[];
  date: Date | null;
  visibleFrom?: Date | null;
  external?: boolean;
  sourceUrl?: string | null;
  sourceName?: string | null;
}

export type SearchSort = 'RELEVANCE' | 'DATE_DESC' | 'DATE_ASC';

export interface SearchRequest {
  /** Raw text as typed; null/empty lists everything visible (date order). */
  query: string | null;
  kinds: string[] | null;
  agencyId: string | null;
  year: number | null;
  sort: SearchSort;
  take: number;
  skip: number;
  now: Date;
}

export interface SearchHitRow {
  kind: string;
  typename: string;
  keyField: string;
  entityId: string;
  title: string;
  bodyText: string;
  agencyIds: string[];
  date: Date | null;
  year: number | null;
  score: number;
  exactMatch: boolean;
  external: boolean;
  sourceUrl: string | null;
  sourceName: string | null;
}

export interface FacetCount<V> {
  value: V;
  count: number;
}

export interface SearchFacetCounts {
  kinds: FacetCount<string>[];
  agencies: FacetCount<string>[];
  years: FacetCount<number>[];
}

export interface SearchAnswer {
  hits: SearchHitRow[];
  total: number;
  facets: SearchFacetCounts;
  /** Folded words of the query: highlights mark them. */
  words: string[];
}

/** What an engine must do. Upserts and removals are idempotent; `search` sees every committed write. */
export interface SearchIndex {
  upsert(docs: IndexDocument[]): Promise<void>;
  /** Remove these keys of these kinds (a withdrawn, unpublished or deleted item). */
  remove(kinds: readonly string[], entityIds: string[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchAnswer>;
}

/** A registered searchable kind of entity. */
export interface SearchKindDef {
  /** The SearchKind enum value. */
  kind: string;
  /** The federated type a hit resolves to (a member of the SearchResult union). */
  typename: string;
  keyField: 'id' | 'code';
  description: string;
}

/**
 * A source of searchable items: the owning tables' triggers queue `(name, key)` in the outbox;
 * `load` projects the keys that are public now (a key it does not return is removed).
 */
export interface SearchSource {
  name: string;
  kinds: readonly SearchKindDef[];
  load(db: Pick<PrismaClient, '$queryRaw'>, keys: string[]): Promise<IndexDocument[]>;
}
