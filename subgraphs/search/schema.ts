// The search subgraph's schema: one `search` across the graph (R-4.17a).
import { buildFederatedSchema, type FederatedSchema } from '../kit/federation.ts';
import { SearchResolver } from './search.resolver.ts';
import { AgencyRef, ENTITY_STUBS } from './types.ts';

export const SEARCH_SUBGRAPH = 'search';

export function buildSearchSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    { resolvers: [SearchResolver], orphanedTypes: [AgencyRef, ...ENTITY_STUBS] },
    { Agency: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) } },
  );
}
