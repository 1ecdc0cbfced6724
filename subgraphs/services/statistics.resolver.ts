// R-9.1 usage statistics (per service and agency, over months, with CSV) and the services' part
// of the R-17 report — procedures (R-7.5) and online services (R-9) per agency — contributed to
// the portal's AgencyProvision (the rows of provisionReport.agencies) and Agency, so that a report
// client joins them through the gateway.
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { LocalDateScalar } from '../kit/scalars.ts';
import type { ServicesContext } from './context.ts';
import { Agency, AgencyProvisionRef } from './types/federation.types.ts';
import { OnlineServiceProvision, ProcedureProvision, ServiceUsageReport } from './types/statistics.types.ts';
import { checkPeriod, onlineServiceProvision, procedureProvision } from './statistics/provision.ts';
import { usageCsv, usageReport } from './statistics/usage-report.ts';
import { SERVICES_SUBGRAPH } from './name.ts';

@Resolver()
export class StatisticsResolver {
  @Query(() => ServiceUsageReport, {
    description:
      'R-9.1: dossiers received, processed, on time and late per online service and agency over months (YYYY-MM), for level 3+ and end-to-end services by default; with the same rows as CSV (also a download: csvUrl).',
  })
  async serviceUsageStatistics(
    @Arg('from', () => String) from: string,
    @Arg('to', () => String) to: string,
    @Arg('agencyCode', () => String, { nullable: true }) agencyCode: string | null,
    @Arg('allLevels', () => Boolean, { defaultValue: false, description: 'Include services below level 3 that are not end-to-end.' }) allLevels: boolean,
    @Ctx() ctx: ServicesContext,
  ): Promise<ServiceUsageReport> {
    const report = await usageReport(ctx.prisma, { from, to, agencyCode, allLevels });
    return { ...report, csv: usageCsv(report), csvUrl: usageCsvUrl(ctx, { from, to, agencyCode, allLevels }) };
  }
}

/** The public download of the same report through the gateway (statistics/routes.ts). */
function usageCsvUrl(ctx: ServicesContext, a: { from: string; to: string; agencyCode: string | null; allLevels: boolean }): string {
  const query = new URLSearchParams({ ...(a.agencyCode ? { agencyCode: a.agencyCode } : {}), ...(a.allLevels ? { allLevels: 'true' } : {}) }).toString();
  return `${ctx.publicBaseUrl ?? ''}/${SERVICES_SUBGRAPH}/data/usage-statistics/${a.from}_${a.to}.csv${query ? `?${query}` : ''}`;
}

@Resolver(() => Agency)
export class AgencyProvisionResolver {
  @FieldResolver(() => ProcedureProvision, {
    description:
      'R-7.5 within the R-17 report: the agency’s procedures whose rule took effect between from and to, published on time or late (also AgencyProvision.procedures).',
  })
  async procedureProvision(
    @Root() agency: Agency,
    @Arg('from', () => LocalDateScalar) from: string,
    @Arg('to', () => LocalDateScalar) to: string,
    @Ctx() ctx: ServicesContext,
  ): Promise<ProcedureProvision> {
    return procedureProvision(ctx, agency.code, checkPeriod(from, to));
  }
}

@Resolver(() => AgencyProvisionRef)
export class AgencyProvisionFiguresResolver {
  @FieldResolver(() => ProcedureProvision, {
    description: 'R-7.5: the agency’s procedures whose rule took effect in the period, published on time or late; and those first published in it.',
  })
  procedures(@Root() ref: AgencyProvisionRef, @Ctx() ctx: ServicesContext): Promise<ProcedureProvision> {
    return procedureProvision(ctx, ref.agencyCode, checkPeriod(ref.from, ref.to));
  }

  @FieldResolver(() => OnlineServiceProvision, {
    description: 'R-4.9/R-9: the agency’s online services by level at the end of the period, and the dossiers they handled in its months.',
  })
  onlineServices(@Root() ref: AgencyProvisionRef, @Ctx() ctx: ServicesContext): Promise<OnlineServiceProvision> {
    return onlineServiceProvision(ctx, ref.agencyCode, checkPeriod(ref.from, ref.to));
  }
}
