// The search subgraph's schema: one `search` across the graph (R-4.17a) and the agency portals
// links directory, harvested items, registration.
import { buildFederatedSchema, type FederatedSchema } from '../kit/federation.ts';
import type { SearchContext } from './context.ts';
import { AgencyPortalResolver, AgencyPortalsOfAgencyResolver, HarvestedItemResolver } from './portals/portals.resolver.ts';
import { SearchResolver } from './search.resolver.ts';
import { AgencyRef, ENTITY_STUBS } from './types.ts';

export const SEARCH_SUBGRAPH = 'search';

export function buildSearchSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    { resolvers: [SearchResolver, AgencyPortalResolver, HarvestedItemResolver, AgencyPortalsOfAgencyResolver], orphanedTypes: [AgencyRef, ...ENTITY_STUBS] },
    {
      Agency: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
      AgencyPortal: { __resolveReference: (ref: { id: string }, ctx: SearchContext) => ctx.portals.portal.load(ref.id) },
      HarvestedItem: { __resolveReference: (ref: { id: string }, ctx: SearchContext) => ctx.portals.item.load(ref.id) },
    },
  );
}
