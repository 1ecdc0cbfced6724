// What an adapter is to the hub: a definition (system id, configuration schema, source
// factory, fake upstream) that adapters/registry.ts lists. The interfaces the sources implement
// are the domain's (schema/domain/sources.ts), re-exported here for adapters' convenience.
import type { z } from 'zod';
import type { Closable } from '../../schema/domain/sources.ts';

export type {
  BreakerState,
  Closable,
  DossierSource,
  GazetteFeedDocument,
  GazetteFeedIssue,
  GazetteSource,
  HealthReport,
  LegalDocumentSource,
  Page,
  ProcedureSummary,
  SearchQuery,
  ServiceCatalogueSource,
  UsageStatsSource,
} from '../../schema/domain/sources.ts';

/** What every adapter receives from its host instead of importing globals. */
export interface AdapterDeps {
  /** The clock used for provenance `fetchedAt`. */
  now?: () => Date;
}

/** A fake upstream of the system, running on 127.0.0.1, and the configuration that reaches it. */
export interface RunningFake {
  /** Raw configuration (what ADAPTER_<SYSTEM> would hold as JSON) pointing at the fake. */
  config: unknown;
  close(): Promise<void>;
}

/**
 * One adapter: a registry entry. `configSchema` is its configuration (zod; ADAPTER_<SYSTEM> as
 * JSON); `parseConfig` validates raw configuration with it (and the URL guard) and throws at
 * boot; `create` builds the source from validated configuration; `fake` starts the bundled
 * fake upstream (tests, the demo; imported lazily so production never loads it).
 */
export interface AdapterDefinition<S extends string, Config, Source extends Closable> {
  system: S;
  label: { vi: string; en: string };
  configSchema: z.ZodType<Config, unknown>;
  parseConfig(raw: unknown): Config;
  create(config: Config, deps?: AdapterDeps): Source;
  fake(): Promise<RunningFake>;
}

/** Keeps the system id's literal type (the registry keys adapters by it). */
export const defineAdapter = <const S extends string, Config, Source extends Closable>(d: AdapterDefinition<S, Config, Source>) => d;
