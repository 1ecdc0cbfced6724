// The agency-portal harvester as a registry entry (adapters/registry.ts): ADAPTER_AGENCY_PORTALS
// holds its settings as JSON (harvesterConfigSchema: timeouts, caps, politeness, the URL guard's
// allow lists), validated at boot through `adapterConfigsFromEnv` like every other adapter.
// Which portals to read is data (the search subgraph's registry), not configuration.
import { defineAdapter, type AdapterDeps } from '../kit/types.ts';
import { createUrlGuard } from '../kit/url-guard.ts';
import { createPortalHarvester, harvesterConfigSchema, type HarvesterConfig, type PortalHarvester } from './client.ts';

export const AGENCY_PORTALS_SYSTEM = 'agency-portals';

export function parseHarvesterConfig(raw: unknown): HarvesterConfig {
  const config = harvesterConfigSchema.parse(raw);
  // The allow lists themselves must be understood by the guard (a bad CIDR fails at boot).
  createUrlGuard({ allowHosts: config.allowHosts, allowCidrs: config.allowCidrs });
  return config;
}

export const agencyPortals = defineAdapter({
  system: AGENCY_PORTALS_SYSTEM,
  label: { vi: 'Cổng thông tin điện tử các cơ quan (RSS/Atom, sitemap)', en: "Agencies' own web portals (RSS/Atom, sitemaps)" },
  configSchema: harvesterConfigSchema,
  parseConfig: parseHarvesterConfig,
  create: (config: HarvesterConfig, deps?: AdapterDeps): PortalHarvester =>
    createPortalHarvester(config, deps?.now ? { now: () => deps.now!().getTime() } : {}),
  fake: async () => {
    const { startAgencyPortalFake } = await import('./fake/server.ts');
    const fake = await startAgencyPortalFake();
    return { config: { allowHosts: ['127.0.0.1'], perHostIntervalMs: 0, timeoutMs: 5_000 }, close: () => fake.close() };
  },
});
