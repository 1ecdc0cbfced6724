// The interfaces sources implement, as the hub's domain sees them: a subgraph or a sync job
// depends on these, never on an adapter or a wire format (the SOAP and JSON legal-document
// databases are the same `LegalDocumentSource`). Adapters (adapters/<system>/source.ts)
// implement them; adapters/registry.ts lists the adapters.
import type { GazetteIssueRecord, IsoDate, LegalDocumentRecord, LegalDocumentSummary } from './legal.ts';
import type { CatalogueRecord, DossierRecord, ProcedureRecord, UsageStatRecord } from './services.ts';

/** A source's circuit breaker as health reports show it. */
export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

export interface SearchQuery {
  /** Only documents the source changed at or after this instant (incremental sync). */
  modifiedSince?: Date;
  /** 1-based. */
  page: number;
  /** At most the source's maximum (500 for the national database). */
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface HealthReport {
  system: string;
  ok: boolean;
  breaker: BreakerState;
  latencyMs: number;
  /** The UPSTREAM_* code of the failed probe. */
  errorCode?: string;
}

/** Anything an adapter holds open (keep-alive sockets, SOAP clients). */
export interface Closable {
  close(): Promise<void>;
}

export interface LegalDocumentSource extends Closable {
  readonly system: string;
  /** A page of summaries, newest changes first when `modifiedSince` is given. */
  search(query: SearchQuery): Promise<Page<LegalDocumentSummary>>;
  /** The full record, or null when the source has no such id. */
  getById(sourceId: string): Promise<LegalDocumentRecord | null>;
  /** Live lookup by number/symbol ("26/2017/QĐ-UBND", "26/2017/QD-UBND" alike), or null. */
  findByNumber(number: string): Promise<LegalDocumentRecord | null>;
  health(): Promise<HealthReport>;
}

/** An entry of the gazette's feed of newest documents. */
export interface GazetteFeedDocument {
  title: string;
  link: string;
  number: string | null;
  summary: string;
  publishedAt: string | null;
  guid: string;
}

/** An entry of the gazette's feed of newest issues (the item title is the issue number). */
export interface GazetteFeedIssue {
  number: number;
  numberTo: number | null;
  year: number;
  date: IsoDate | null;
  /** Where the issue's XML export is. */
  exportUrl: string;
  guid: string;
}

export interface GazetteSource extends Closable {
  readonly system: string;
  latestDocuments(): Promise<GazetteFeedDocument[]>;
  latestIssues(): Promise<GazetteFeedIssue[]>;
  /** One issue from its XML export (validated against the committed XSD). */
  getIssue(exportUrl: string): Promise<GazetteIssueRecord>;
  health(): Promise<HealthReport>;
}

/** A procedure as the catalogue lists it (LayDanhSachTTHC): enough to decide whether to fetch it. */
export interface ProcedureSummary {
  code: string;
  name: string;
  /** ISO instant of the source's last change, when given. */
  modifiedAt: string | null;
  withdrawn: boolean;
}

/** A catalogue of administrative procedures (the national public-service portal). */
export interface ServiceCatalogueSource extends Closable {
  readonly system: string;
  agencies(): Promise<CatalogueRecord[]>;
  fields(): Promise<CatalogueRecord[]>;
  /** A page of summaries; with `modifiedSince`, only procedures changed since then. */
  listProcedures(query: SearchQuery): Promise<Page<ProcedureSummary>>;
  /** The full record, or null when the catalogue has no such code. */
  getProcedure(code: string): Promise<ProcedureRecord | null>;
  health(): Promise<HealthReport>;
}

/** Where dossiers are tracked (a one-stop system, or the national portal's TraCuuHoSo). */
export interface DossierSource extends Closable {
  readonly system: string;
  /** Live status and progress, or null when the system has no such dossier. */
  getDossier(code: string): Promise<DossierRecord | null>;
  health(): Promise<HealthReport>;
}

/** Dossier counts per service, agency and month. */
export interface UsageStatsSource extends Closable {
  readonly system: string;
  /** Months `from`..`to` inclusive, as YYYY-MM. */
  usage(range: { from: string; to: string }): Promise<UsageStatRecord[]>;
}
