// The portal subgraph as a plug-in: organisation, content of every kind and its
// editorial workflow, print/save/file/CSV routes, scheduled publication.
import { runSubgraph, type RunningDefinedSubgraph, type SubgraphDefinition, type SubgraphDeps } from '../kit/define.ts';
import { createPortalContext, portalConfig, portalRuntime, type PortalConfig, type PortalOptions, type PortalRuntime } from './context.ts';
import { legalBasisKeysJob } from './content/legal-basis-keys.ts';
import { publicationJob } from './editorial/scheduler.ts';
import { catalogRoute } from './harvest/catalog.route.ts';
import { contentHarvestSource } from './harvest/content.source.ts';
import { portalRoutes } from './print/routes.ts';
import { buildPortalSchema } from './schema.ts';

/** Base64 files ride in the GraphQL body: leave room for the largest submission. */
const bodyLimitFor = (maxFileBytes: number, maxFiles: number) => Math.max(1_000_000, Math.ceil((maxFileBytes * maxFiles * 4) / 3) + 200_000);

export const portal = {
  name: 'portal',
  defaultPort: 4101,
  config: portalConfig,
  buildSchema: buildPortalSchema,
  setup: async (host, options) => portalRuntime(host, options),
  context: createPortalContext,
  routes: (runtime, host) => (app) => {
    portalRoutes(host.prisma, runtime, host.trust)(app);
    catalogRoute(host.prisma, runtime, host.trust)(app);
  },
  publicRoutes: ['/print/:segment/:slug', '/save/:segment/:file', '/files/:id/:name', '/data/statistics/:file', '/data/catalog.jsonld'],
  harvest: (runtime, host) => [contentHarvestSource(host.prisma, runtime)],
  jobs: (runtime, host) => [publicationJob(host.prisma, runtime), legalBasisKeysJob(host.prisma)],
  // Public content: cached by the gateway up to 5 min, dropped at once on any change (kit/cache-hints.ts).
  cache: { defaultMaxAge: 300 },
  bodyLimitBytes: (runtime) => bodyLimitFor(runtime.maxFileBytes, runtime.maxFilesPerRequest),
} satisfies SubgraphDefinition<PortalConfig, PortalOptions, PortalRuntime>;

/** Start the portal alone (tests): options override the configuration. */
export function startPortalSubgraph(deps: SubgraphDeps, port = 0, options: PortalOptions = {}): Promise<RunningDefinedSubgraph<PortalRuntime>> {
  return runSubgraph(portal, deps, { port, clock: options.clock, options });
}
