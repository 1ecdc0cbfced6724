// Settings of the legal subgraph, read once at start from options (tests) or the environment:
//   ADAPTER_NATIONAL_LEGAL_DB  JSON configuration of the national legal-document database
//                              adapter (adapters/national-legal-db/source.ts), e.g.
//                              {"kind":"json","endpoint":"https://…/api"}
//   ADAPTER_GAZETTE            JSON configuration of the gazette adapter (adapters/gazette/source.ts)
//                              (both read, with every ADAPTER_<SYSTEM>, by adapters/registry.ts)
//   LEGAL_DEMO_UPSTREAMS       auto (default: the bundled fakes in development when no adapter
//                              is configured) | on | off
//   LEGAL_SYNC_INTERVAL_MS     scheduler interval (default 15 min; 0 = off; off under NODE_ENV=test)
//   LEGAL_SYNC_AT_BOOT         true|false (default true, false under NODE_ENV=test)
//   LEGAL_FILES_DIR            mirrored files (default .data/legal-files)
//   LEGAL_MAX_FILE_BYTES       largest file mirrored (default 50 MB)
//   LEGAL_LIVE_TIMEOUT_MS      live lookup deadline (default 3 s, under the gateway's 5 s)
//   LEGAL_LIVE_MAX_AGE_MS      a copy younger than this is served without a live check (default 24 h)
//   LEGAL_LIVE_PER_MINUTE      live lookups one client may cause per minute (default 10)
import path from 'node:path';
import { z } from 'zod';
import { ADAPTERS, adapterConfigsFromEnv, type AdapterConfig } from '../../adapters/registry.ts';
import type { AdapterDeps } from '../../adapters/kit/types.ts';
import { createFileFetcher } from './files/file-fetcher.ts';
import type { LegalSources } from './sync/syncer.ts';

export interface LegalOptions {
  clock?: () => Date;
  /** Upstreams (tests inject their own); undefined = from the environment. */
  sources?: LegalSources;
  filesDir?: string;
  maxFileBytes?: number;
  /** 0 = no scheduler. */
  syncIntervalMs?: number;
  syncAtBoot?: boolean;
  demoUpstreams?: 'auto' | 'on' | 'off';
  liveTimeoutMs?: number;
  liveMaxAgeMs?: number;
  /** Live lookups per client and minute (kit/client-limit.ts). */
  livePerMinute?: number;
}

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
// Loose: the ADAPTER_<SYSTEM> settings pass through to adapters/registry.ts.
export const legalConfig = z.looseObject({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LEGAL_DEMO_UPSTREAMS: z.enum(['auto', 'on', 'off']).default('auto'),
  LEGAL_SYNC_INTERVAL_MS: z.coerce.number().int().min(0).optional(),
  LEGAL_SYNC_AT_BOOT: bool.optional(),
  LEGAL_FILES_DIR: z.string().optional(),
  LEGAL_MAX_FILE_BYTES: z.coerce.number().int().positive().optional(),
  LEGAL_LIVE_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  LEGAL_LIVE_MAX_AGE_MS: z.coerce.number().int().min(0).optional(),
  LEGAL_LIVE_PER_MINUTE: z.coerce.number().int().positive().optional(),
});

export type ResolvedLegalOptions = Required<Omit<LegalOptions, 'sources'>> & { sources?: LegalSources };

export type LegalConfig = z.infer<typeof legalConfig>;

/** Options given in code win over the configuration; the configuration over defaults. */
export function resolveLegalOptions(options: LegalOptions, e: LegalConfig = legalConfig.parse(process.env)): ResolvedLegalOptions {
  const testing = e.NODE_ENV === 'test';
  const maxFileBytes = options.maxFileBytes ?? e.LEGAL_MAX_FILE_BYTES ?? 50 * 1024 * 1024;
  const sources = options.sources ?? sourcesFromEnv(adapterConfigsFromEnv(e), maxFileBytes, { now: options.clock });
  return {
    clock: options.clock ?? (() => new Date()),
    sources,
    filesDir: path.resolve(options.filesDir ?? e.LEGAL_FILES_DIR ?? '.data/legal-files'),
    maxFileBytes,
    syncIntervalMs: options.syncIntervalMs ?? e.LEGAL_SYNC_INTERVAL_MS ?? (testing ? 0 : 15 * 60_000),
    syncAtBoot: options.syncAtBoot ?? e.LEGAL_SYNC_AT_BOOT ?? !testing,
    demoUpstreams: options.demoUpstreams ?? (e.NODE_ENV === 'development' ? e.LEGAL_DEMO_UPSTREAMS : 'off'),
    liveTimeoutMs: options.liveTimeoutMs ?? e.LEGAL_LIVE_TIMEOUT_MS ?? 3_000,
    liveMaxAgeMs: options.liveMaxAgeMs ?? e.LEGAL_LIVE_MAX_AGE_MS ?? 24 * 3600_000,
    livePerMinute: options.livePerMinute ?? e.LEGAL_LIVE_PER_MINUTE ?? 10,
  };
}

/** Sources from the adapters' configuration; undefined when none is configured. */
function sourcesFromEnv(
  configs: { 'national-legal-db'?: AdapterConfig<'national-legal-db'>; gazette?: AdapterConfig<'gazette'> },
  maxFileBytes: number,
  deps: AdapterDeps,
): LegalSources | undefined {
  const { 'national-legal-db': legalDbConfig, gazette: gazetteConfig } = configs;
  if (!legalDbConfig && !gazetteConfig) return undefined;
  const sources: LegalSources = {};
  if (legalDbConfig) {
    const adapter = ADAPTERS['national-legal-db'];
    sources.legal = adapter.create(legalDbConfig, deps);
    sources.files = createFileFetcher({
      system: adapter.system,
      timeoutMs: legalDbConfig.timeoutMs * 3,
      maxBytes: maxFileBytes,
      allowHosts: legalDbConfig.allowHosts,
      allowCidrs: legalDbConfig.allowCidrs,
    });
  }
  if (gazetteConfig) sources.gazette = ADAPTERS.gazette.create(gazetteConfig, deps);
  return sources;
}
