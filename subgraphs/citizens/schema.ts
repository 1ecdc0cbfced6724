// The citizens subgraph's schema: questions and petitions (R-4.12a, R-4.13, R-4.17b) and
// public consultation on drafts (R-4.12b, c).
import { buildFederatedSchema, type FederatedSchema } from '../kit/federation.ts';
import { CitizenRequestResolver } from './requests/requests.resolver.ts';
import { AgencyRef } from './requests/types.ts';
import { ConsultationResolver } from './consultation/consultation.resolver.ts';
import { RemovedQuestionsResolver } from './harvest/removed.resolver.ts';
import { LegalDocumentRef } from './consultation/types.ts';
import { CitizenReportResolver } from './reports/reports.resolver.ts';
import { AttachmentResolver } from './files.ts';
import { citizensReferences } from './references.ts';
import { AgencyProvisionCitizensResolver, AgencyProvisionRef, agencyProvisionReference } from './reports/provision-report.ts';

export const CITIZENS_SUBGRAPH = 'citizens';

export function buildCitizensSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        CitizenRequestResolver,
        ConsultationResolver,
        RemovedQuestionsResolver,
        CitizenReportResolver,
        AgencyProvisionCitizensResolver,
        AttachmentResolver,
      ],
      orphanedTypes: [AgencyRef, LegalDocumentRef, AgencyProvisionRef],
    },
    { Agency: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) }, ...citizensReferences, ...agencyProvisionReference },
  );
}
