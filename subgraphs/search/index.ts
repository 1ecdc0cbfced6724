// The search subgraph as a plug-in (subgraphs/kit/define.ts): one search across the graph over
// an index kept current from the outbox (a job every SEARCH_INDEX_INTERVAL_MS, and before each search).
import { z } from 'zod';
import { runSubgraph, type RunningDefinedSubgraph, type SubgraphDefinition, type SubgraphDeps } from '../kit/define.ts';
import { searchRuntime, type SearchContext, type SearchRuntime } from './context.ts';
import { buildSearchSchema, SEARCH_SUBGRAPH } from './schema.ts';

const searchConfig = z.object({
  SEARCH_INDEX_INTERVAL_MS: z.coerce.number().int().min(0).default(2_000),
});
type SearchConfig = z.infer<typeof searchConfig>;

export type SearchState = SearchRuntime & { indexIntervalMs: number };

export const search = {
  name: SEARCH_SUBGRAPH,
  defaultPort: 4105,
  config: searchConfig,
  buildSchema: buildSearchSchema,
  setup: async (host) => ({ ...searchRuntime(host.prisma, host.logger), indexIntervalMs: host.config.SEARCH_INDEX_INTERVAL_MS }),
  context: (base, state): SearchContext => ({ ...base, search: state }),
  jobs: (state) => [{ name: 'search.index', everyMs: state.indexIntervalMs, leaseSeconds: 120, run: () => state.refresh() }],
} satisfies SubgraphDefinition<SearchConfig, unknown, SearchState>;

export function startSearchSubgraph(deps: SubgraphDeps, port = 0): Promise<RunningDefinedSubgraph<SearchState>> {
  return runSubgraph<SearchConfig, unknown, SearchState>(search, deps, { port });
}
