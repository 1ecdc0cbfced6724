// Settings of the services subgraph, read once at start from options (tests) or the environment:
//   ADAPTER_NATIONAL_SERVICE_PORTAL  JSON configuration of the national public-service portal
//                                    (adapters/national-service-portal/source.ts)
//   SERVICES_DEMO_UPSTREAMS          auto (default: the bundled fakes in development when no
//                                    adapter is configured) | on | off
//   SERVICES_SYNC_INTERVAL_MS        catalogue sync interval (default 1 h; 0 = off; off under NODE_ENV=test)
//   SERVICES_SYNC_AT_BOOT            true|false (default true, false under NODE_ENV=test)
//   ADAPTER_ONE_STOP                 JSON configuration of the provincial one-stop system (adapters/one-stop/source.ts)
//   SERVICES_DOSSIER_TIMEOUT_MS      live dossier lookup deadline (default 3 s, under the gateway's 5 s)
//   SERVICES_DOSSIER_LOOKUPS_PER_MINUTE  dossier lookups one client may make per minute (default 10)
import { z } from 'zod';
import { ADAPTERS, adapterConfigsFromEnv } from '../../adapters/registry.ts';
import type { AdapterDeps } from '../../adapters/kit/types.ts';
import type { DossierSource, ServiceCatalogueSource, UsageStatsSource } from '../../schema/domain/sources.ts';

export interface ServicesSources {
  catalogue?: ServiceCatalogueSource;
  dossiers?: DossierSource;
  usage?: UsageStatsSource;
}

export interface ServicesOptions {
  clock?: () => Date;
  /** Upstreams (tests inject their own); undefined = from the environment. */
  sources?: ServicesSources;
  syncIntervalMs?: number;
  syncAtBoot?: boolean;
  demoUpstreams?: 'auto' | 'on' | 'off';
  dossierTimeoutMs?: number;
  dossierLookupsPerMinute?: number;
}

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
// Loose: the ADAPTER_<SYSTEM> settings pass through to adapters/registry.ts.
export const servicesConfig = z.looseObject({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  SERVICES_DEMO_UPSTREAMS: z.enum(['auto', 'on', 'off']).default('auto'),
  SERVICES_SYNC_INTERVAL_MS: z.coerce.number().int().min(0).optional(),
  SERVICES_SYNC_AT_BOOT: bool.optional(),
  SERVICES_DOSSIER_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  SERVICES_DOSSIER_LOOKUPS_PER_MINUTE: z.coerce.number().int().positive().optional(),
});

export type ResolvedServicesOptions = Required<Omit<ServicesOptions, 'sources'>> & { sources?: ServicesSources };

export type ServicesConfig = z.infer<typeof servicesConfig>;

export function resolveServicesOptions(options: ServicesOptions, e: ServicesConfig = servicesConfig.parse(process.env)): ResolvedServicesOptions {
  const testing = e.NODE_ENV === 'test';
  const clock = options.clock ?? (() => new Date());
  return {
    clock,
    sources: options.sources ?? sourcesFromEnv(adapterConfigsFromEnv(e), { now: clock }),
    syncIntervalMs: options.syncIntervalMs ?? e.SERVICES_SYNC_INTERVAL_MS ?? (testing ? 0 : 3600_000),
    syncAtBoot: options.syncAtBoot ?? e.SERVICES_SYNC_AT_BOOT ?? !testing,
    demoUpstreams: options.demoUpstreams ?? (e.NODE_ENV === 'development' ? e.SERVICES_DEMO_UPSTREAMS : 'off'),
    dossierTimeoutMs: options.dossierTimeoutMs ?? e.SERVICES_DOSSIER_TIMEOUT_MS ?? 3_000,
    dossierLookupsPerMinute: options.dossierLookupsPerMinute ?? e.SERVICES_DOSSIER_LOOKUPS_PER_MINUTE ?? 10,
  };
}

/** Sources from the adapters' configuration; undefined when none is configured. */
function sourcesFromEnv(configs: ReturnType<typeof adapterConfigsFromEnv>, deps: AdapterDeps): ServicesSources | undefined {
  const { 'national-service-portal': portalConfig, 'one-stop': oneStopConfig } = configs;
  if (!portalConfig && !oneStopConfig) return undefined;
  const sources: ServicesSources = {};
  if (portalConfig) sources.catalogue = ADAPTERS['national-service-portal'].create(portalConfig, deps);
  if (oneStopConfig) {
    const oneStop = ADAPTERS['one-stop'].create(oneStopConfig, deps);
    sources.dossiers = oneStop;
    sources.usage = oneStop;
  }
  return sources;
}
