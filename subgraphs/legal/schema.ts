// The legal subgraph's schema: legal documents, the official gazette, sync.
import { buildFederatedSchema, type FederatedSchema } from '../kit/federation.ts';
import type { LegalContext } from './context.ts';
import { LegalDocumentFieldsResolver } from './document-fields.resolver.ts';
import { LegalDocumentResolver } from './document.resolver.ts';
import { GazetteIssueResolver } from './gazette.resolver.ts';
import { GazetteEntryResolver, LegalRelationResolver, LegalValidityEventResolver } from './links.resolver.ts';
import { toDocument, toIssue } from './mappers.ts';
import { LegalSyncResolver } from './sync.resolver.ts';

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
      ],
    },
    {
      LegalDocument: {
        __resolveReference: async (ref: { id: string }, ctx: LegalContext) => {
          const row = await ctx.loaders.document.load(ref.id);
          return row ? toDocument(row) : null;
        },
      },
      GazetteIssue: {
        __resolveReference: async (ref: { id: string }, ctx: LegalContext) => {
          const row = await ctx.loaders.issue.load(ref.id);
          return row ? toIssue(row) : null;
        },
      },
    },
  );
}
