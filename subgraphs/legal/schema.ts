// The legal subgraph's schema: legal documents, the official gazette, sync.
import { buildFederatedSchema, type FederatedSchema } from '../kit/federation.ts';
import type { Representation } from '../kit/references.ts';
import type { LegalContext } from './context.ts';
import { LegalDocumentFieldsResolver } from './document-fields.resolver.ts';
import { LegalDocumentResolver } from './document.resolver.ts';
import { GazetteIssueResolver } from './gazette.resolver.ts';
import { GazetteEntryResolver, LegalRelationResolver, LegalValidityEventResolver } from './links.resolver.ts';
import { toDocument, toIssue } from './mappers.ts';
import { LegalSyncResolver } from './sync.resolver.ts';
import { GazetteIssueMetadataResolver, LegalDocumentMetadataResolver } from './harvest/metadata.resolver.ts';
import { RemovedLegalDocumentsResolver } from './harvest/removed.resolver.ts';
import { agencyReference, AgencyIssuerResolver, IssuingAgenciesResolver } from './agency.resolver.ts';
import { AgencyProvisionByName, agencyProvisionReference, LegalProvisionResolver } from './provision.resolver.ts';

export const LEGAL_SUBGRAPH = 'legal';

export function buildLegalSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        LegalDocumentResolver,
        LegalDocumentFieldsResolver,
        LegalRelationResolver,
        LegalValidityEventResolver,
        GazetteIssueResolver,
        GazetteEntryResolver,
        LegalSyncResolver,
        AgencyIssuerResolver,
        IssuingAgenciesResolver,
        LegalProvisionResolver,
        LegalDocumentMetadataResolver,
        GazetteIssueMetadataResolver,
        RemovedLegalDocumentsResolver,
      ],
      // Entered only through the gateway (provisionReport.agencies): no field here returns it.
      orphanedTypes: [AgencyProvisionByName],
    },
    {
      Agency: agencyReference,
      AgencyProvision: agencyProvisionReference,
      LegalDocument: {
        // By id, or by number key from a citation (LegalBasis in other subgraphs).
        __resolveReference: async (ref: Representation, ctx: LegalContext) => {
          const row = await ctx.loaders.documentReference.load(ref);
          return row ? toDocument(row) : null;
        },
      },
      GazetteIssue: {
        __resolveReference: async (ref: Representation, ctx: LegalContext) => {
          const row = await ctx.loaders.issueReference.load(ref);
          return row ? toIssue(row) : null;
        },
      },
    },
  );
}
