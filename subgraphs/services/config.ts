// Settings of the services subgraph, read once at start from options (tests) or the environment:
//   ADAPTER_NATIONAL_SERVICE_PORTAL  JSON configuration of the national public-service portal
//                                    (adapters/national-service-portal/source.ts)
//   SERVICES_DEMO_UPSTREAMS          auto (default: the bundled fakes in development when no
//                                    adapter is configured) | on | off
//   SERVICES_SYNC_INTERVAL_MS        catalogue sync interval (default 1 h; 0 = off; off under NODE_ENV=test)
//   SERVICES_SYNC_AT_BOOT            true|false (default true, false under NODE_ENV=test)
import { z } from 'zod';
import { ADAPTERS } from '../../adapters/kit/registry.ts';
import type { ServiceCatalogueSource } from '../../adapters/kit/types.ts';

export interface ServicesSources {
  catalogue?: ServiceCatalogueSource;
}

export interface ServicesOptions {
  clock?: () => Date;
  /** Upstreams (tests inject their own); undefined = from the environment. */
  sources?: ServicesSources;
  syncIntervalMs?: number;
  syncAtBoot?: boolean;
  demoUpstreams?: 'auto' | 'on' | 'off';
}

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
export const servicesConfig = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  ADAPTER_NATIONAL_SERVICE_PORTAL: z.string().optional(),
  SERVICES_DEMO_UPSTREAMS: z.enum(['auto', 'on', 'off']).default('auto'),
  SERVICES_SYNC_INTERVAL_MS: z.coerce.number().int().min(0).optional(),
  SERVICES_SYNC_AT_BOOT: bool.optional(),
});

export type ResolvedServicesOptions = Required<Omit<ServicesOptions, 'sources'>> & { sources?: ServicesSources };

export type ServicesConfig = z.infer<typeof servicesConfig>;

export function resolveServicesOptions(options: ServicesOptions, e: ServicesConfig = servicesConfig.parse(process.env)): ResolvedServicesOptions {
  const testing = e.NODE_ENV === 'test';
  const clock = options.clock ?? (() => new Date());
  return {
    clock,
    sources: options.sources ?? sourcesFromEnv(e.ADAPTER_NATIONAL_SERVICE_PORTAL, clock),
    syncIntervalMs: options.syncIntervalMs ?? e.SERVICES_SYNC_INTERVAL_MS ?? (testing ? 0 : 3600_000),
    syncAtBoot: options.syncAtBoot ?? e.SERVICES_SYNC_AT_BOOT ?? !testing,
    demoUpstreams: options.demoUpstreams ?? (e.NODE_ENV === 'development' ? e.SERVICES_DEMO_UPSTREAMS : 'off'),
  };
}

/** Sources from the adapters' JSON configuration; undefined when none is configured. Invalid configuration fails at boot. */
function sourcesFromEnv(portalJson: string | undefined, now: () => Date): ServicesSources | undefined {
  if (!portalJson) return undefined;
  const adapter = ADAPTERS['national-service-portal'];
  return { catalogue: adapter.create(adapter.parseConfig(JSON.parse(portalJson)), { now }) };
}
