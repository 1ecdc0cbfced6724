// The services subgraph's schema: procedures, online services, sync.
import { buildFederatedSchema, type FederatedSchema } from '../kit/federation.ts';
import type { ServicesContext } from './context.ts';
import { AgencyProceduresResolver, LegalDocumentProceduresResolver } from './federation.resolver.ts';
import { toOnlineService, toProcedure } from './mappers.ts';
import { OnlineServiceFieldsResolver, ProcedureFieldsResolver } from './procedure-fields.resolver.ts';
import { ProcedureQueryResolver } from './procedure.resolver.ts';
import { RemovedServicesResolver } from './harvest/removed.resolver.ts';
import { ServicesSyncResolver } from './sync.resolver.ts';
import { DossierResolver } from './dossier.resolver.ts';
import { AgencyProvisionFiguresResolver, AgencyProvisionResolver, StatisticsResolver } from './statistics.resolver.ts';
import { isUuid } from '../kit/batch.ts';
import { AgencyProvisionRef } from './types/federation.types.ts';

export { SERVICES_SUBGRAPH } from './name.ts';

export function buildServicesSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        ProcedureQueryResolver,
        RemovedServicesResolver,
        ProcedureFieldsResolver,
        OnlineServiceFieldsResolver,
        AgencyProceduresResolver,
        LegalDocumentProceduresResolver,
        ServicesSyncResolver,
        DossierResolver,
        StatisticsResolver,
        AgencyProvisionResolver,
        AgencyProvisionFiguresResolver,
      ],
      // Entered only through the gateway (provisionReport.agencies): no field here returns it.
      orphanedTypes: [AgencyProvisionRef],
    },
    {
      AdministrativeProcedure: {
        __resolveReference: async (ref: { id?: string; code?: string }, ctx: ServicesContext) => {
          const row = ref.id
            ? isUuid(ref.id)
              ? await ctx.loaders.procedure.load(ref.id)
              : null
            : ref.code
              ? await ctx.loaders.procedureByCode.load(ref.code)
              : null;
          return row ? toProcedure(row) : null;
        },
      },
      OnlineService: {
        __resolveReference: async (ref: { code: string }, ctx: ServicesContext) => {
          const row = await ctx.loaders.onlineService.load(ref.code);
          return row ? toOnlineService(row) : null;
        },
      },
      // Keys only: the fields this subgraph adds are computed from the key itself.
      Agency: { __resolveReference: (ref: { code: string }) => ({ code: ref.code }) },
      LegalDocument: { __resolveReference: (ref: { numberKey: string }) => ({ numberKey: ref.numberKey }) },
      AgencyProvision: {
        __resolveReference: (ref: { agencyCode: string; from: string; to: string }) => ({ agencyCode: ref.agencyCode, from: ref.from, to: ref.to }),
      },
    },
  );
}
