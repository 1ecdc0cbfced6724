// The search subgraph as a plug-in (subgraphs/kit/define.ts): one search across the graph over
// an index kept current from the outbox (a job every SEARCH_INDEX_INTERVAL_MS, and before each
// search), and the agency portals: links directory and a harvest every SEARCH_HARVEST_INTERVAL_MS.
import { z } from 'zod';
import { harvesterConfigSchema } from '../../adapters/agency-portals/client.ts';
import { adapterConfigsFromEnv } from '../../adapters/registry.ts';
import { runSubgraph, type RunningDefinedSubgraph, type SubgraphDefinition, type SubgraphDeps } from '../kit/define.ts';
import { searchRuntime, type SearchContext, type SearchRuntime } from './context.ts';
import type { DemoPortal } from './portals/demo.ts';
import { harvestPortals } from './portals/harvest.ts';
import { agencyPortalItemsHarvest } from './portals/harvest-source.ts';
import { portalLoaders } from './portals/queries.ts';
import { buildSearchSchema, SEARCH_SUBGRAPH } from './schema.ts';

const searchConfig = z.object({
  SEARCH_INDEX_INTERVAL_MS: z.coerce.number().int().min(0).default(2_000),
  SEARCH_HARVEST_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(15 * 60_000),
  /** auto: in development, a bundled fake agency portal registered and harvested at boot. */
  SEARCH_DEMO_PORTALS: z.enum(['auto', 'on', 'off']).default('auto'),
  NODE_ENV: z.string().optional(),
  /** JSON settings of the harvester, read through the adapter registry (adapters/agency-portals/source.ts). */
  ADAPTER_AGENCY_PORTALS: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      try {
        return adapterConfigsFromEnv({ ADAPTER_AGENCY_PORTALS: raw })['agency-portals'] ?? harvesterConfigSchema.parse({});
      } catch {
        ctx.addIssue({ code: 'custom', message: 'ADAPTER_AGENCY_PORTALS is not valid harvester settings (JSON)' });
        return z.NEVER;
      }
    }),
});
type SearchConfig = z.infer<typeof searchConfig>;

export type SearchState = SearchRuntime & {
  indexIntervalMs: number;
  harvestIntervalMs: number;
  demo: DemoPortal | null;
  ownHarvester: SearchRuntime['harvester'];
};

export const search = {
  name: SEARCH_SUBGRAPH,
  defaultPort: 4105,
  config: searchConfig,
  buildSchema: buildSearchSchema,
  setup: async (host) => {
    const c = host.config;
    const demoOn = c.SEARCH_DEMO_PORTALS === 'on' || (c.SEARCH_DEMO_PORTALS === 'auto' && c.NODE_ENV === 'development');
    const demo = demoOn ? await (await import('./portals/demo.ts')).startDemoPortal(host.prisma, host.clock, host.logger) : null;
    const runtime = searchRuntime(host.prisma, host.logger, c.ADAPTER_AGENCY_PORTALS);
    return {
      ...runtime,
      // The demo's harvester may reach its fake on 127.0.0.1; registration keeps the strict guard.
      harvester: demo?.harvester ?? runtime.harvester,
      ownHarvester: runtime.harvester,
      indexIntervalMs: c.SEARCH_INDEX_INTERVAL_MS,
      harvestIntervalMs: c.SEARCH_HARVEST_INTERVAL_MS,
      demo,
    };
  },
  context: (base, state): SearchContext => ({ ...base, search: state, portals: portalLoaders(base.prisma) }),
  jobs: (state, host) => [
    { name: 'search.index', everyMs: state.indexIntervalMs, leaseSeconds: 120, run: () => state.refresh() },
    {
      name: 'search.harvest-portals',
      everyMs: state.harvestIntervalMs,
      leaseSeconds: 600,
      run: () => harvestPortals(host.prisma, state.harvester, host.clock(), host.logger),
    },
  ],
  // Harvested items in the hub's own feeds and OAI-PMH (marked external; not in sitemaps).
  harvest: (_state, host) => [agencyPortalItemsHarvest(host.prisma)],
  close: async (state) => {
    await state.ownHarvester.close();
    await state.demo?.close();
  },
} satisfies SubgraphDefinition<SearchConfig, unknown, SearchState>;

export function startSearchSubgraph(deps: SubgraphDeps, port = 0): Promise<RunningDefinedSubgraph<SearchState>> {
  return runSubgraph<SearchConfig, unknown, SearchState>(search, deps, { port });
}
