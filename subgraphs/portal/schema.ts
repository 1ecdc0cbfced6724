// The portal subgraph's schema: organisation and content of every kind with its
// editorial workflow.
import { buildFederatedSchema, type FederatedSchema } from '../kit/federation.ts';
import type { PortalContext } from './context.ts';
import { toAgency, toUnit } from './mappers.ts';
import { AgencyResolver, AdministrativeUnitResolver, OfficialResolver } from './organisation.resolver.ts';
import { CONTENT_RESOLVERS, CONTENT_TYPES, contentReferenceResolvers } from './content/schema-parts.ts';
import { EditorialResolver } from './editorial/editorial.resolver.ts';
import { AuditChainResolver } from './editorial/audit-chain.resolver.ts';
import { ReportsResolver } from './reports/reports.resolver.ts';
import { TranslationResolver } from './translation.resolver.ts';
import { CalendarResolver } from './calendar/calendar.resolver.ts';

export const PORTAL_SUBGRAPH = 'portal';

export function buildPortalSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        AgencyResolver,
        OfficialResolver,
        AdministrativeUnitResolver,
        ...CONTENT_RESOLVERS,
        EditorialResolver,
        AuditChainResolver,
        ReportsResolver,
        CalendarResolver,
        TranslationResolver,
      ],
      orphanedTypes: CONTENT_TYPES,
    },
    {
      Agency: {
        __resolveReference: async (ref: { id: string }, ctx: PortalContext) => {
          const row = await ctx.loaders.agency.load(ref.id);
          return row ? toAgency(row) : null;
        },
      },
      ...contentReferenceResolvers(),
      AdministrativeUnit: {
        __resolveReference: async (ref: { id: string }, ctx: PortalContext) => {
          const row = await ctx.prisma.administrativeUnit.findUnique({ where: { id: ref.id } });
          return row ? toUnit(row) : null;
        },
      },
    },
  );
}
