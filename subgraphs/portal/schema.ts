// The portal subgraph's schema: organisation and content of every kind with its
// editorial workflow.
import { buildFederatedSchema, type FederatedSchema } from '../kit/federation.ts';
import type { Representation } from '../kit/references.ts';
import { issuerKeyLookup } from '../kit/agency-issuer-key.ts';
import type { PortalContext } from './context.ts';
import { toAgency, toUnit } from './mappers.ts';
import { AgencyResolver, AdministrativeUnitResolver, OfficialResolver } from './organisation.resolver.ts';
import { CONTENT_RESOLVERS, CONTENT_TYPES, contentReferenceResolvers } from './content/schema-parts.ts';
import { legalDocumentReference } from './content/related-content.resolver.ts';
import { EditorialResolver } from './editorial/editorial.resolver.ts';
import { AuditChainResolver } from './editorial/audit-chain.resolver.ts';
import { ReportsResolver } from './reports/reports.resolver.ts';
import { agencyProvisionReference, AgencyProvisionResolver } from './reports/agency-provision.ts';
import { TranslationResolver } from './translation.resolver.ts';
import { CalendarResolver } from './calendar/calendar.resolver.ts';
import { OperatorJobsResolver } from './operations/jobs.resolver.ts';

import { RemovedContentResolver } from './harvest/removed.resolver.ts';
import { AgencyJsonLdResolver } from './harvest/agency.resolver.ts';
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
        AgencyProvisionResolver,
        CalendarResolver,
        TranslationResolver,
        OperatorJobsResolver,
        RemovedContentResolver,
        AgencyJsonLdResolver,
      ],
      orphanedTypes: CONTENT_TYPES,
    },
    {
      Agency: {
        // By id, QCVN 102 code or folded name; legal's issuers come as `issuerKey` (one half
        // filled: by code when the source gave one, else by name), looked up by that half.
        __resolveReference: async (ref: Representation, ctx: PortalContext) => {
          const row = await ctx.loaders.agencyReference.load(issuerKeyLookup(ref) ?? ref);
          return row ? toAgency(row) : null;
        },
      },
      AgencyProvision: agencyProvisionReference,
      ...contentReferenceResolvers(),
      LegalDocument: legalDocumentReference,
      AdministrativeUnit: {
        __resolveReference: async (ref: Representation, ctx: PortalContext) => {
          const row = await ctx.loaders.unitReference.load(ref);
          return row ? toUnit(row) : null;
        },
      },
    },
  );
}
