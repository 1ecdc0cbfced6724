// R-9.1 usage statistics (per service and agency, over months, with CSV) and the R-7.5
// provision of procedures per agency — the procedures' part of the R-17 report, contributed to
// the portal's Agency so that a report client joins it through the gateway.
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { HubError } from '../../schema/errors.ts';
import { LocalDateScalar, toLocalDate } from '../kit/scalars.ts';
import { vietnamToday, type ServicesContext } from './context.ts';
import { publicationDeadline } from './procedure-fields.resolver.ts';
import { Agency } from './types/federation.types.ts';
import { ProcedureProvision, ServiceUsageReport } from './types/statistics.types.ts';
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
    description: 'R-7.5 within the R-17 report: the agency’s procedures whose rule took effect between from and to, published on time or late.',
  })
  async procedureProvision(
    @Root() agency: Agency,
    @Arg('from', () => LocalDateScalar) from: string,
    @Arg('to', () => LocalDateScalar) to: string,
    @Ctx() ctx: ServicesContext,
  ): Promise<ProcedureProvision> {
    if (from > to) throw new HubError('BAD_USER_INPUT', 'from must not be after to.', { field: 'from', reason: 'DATE_RANGE' });
    const rows = await ctx.loaders.proceduresEffectiveBetween.load(`${from}|${to}`);
    const today = vietnamToday(ctx.runtime.now());
    const mine = rows.filter((r) => r.agencyCodes.includes(agency.code));
    const judged = mine.map((r) => ({
      code: r.code,
      status: publicationDeadline({ effectiveDate: toLocalDate(r.effectiveDate), firstPublishedAt: r.firstPublishedAt }, today).status,
    }));
    const onTime = judged.filter((j) => j.status === 'ON_TIME').length;
    const late = judged.filter((j) => j.status === 'LATE');
    return {
      agency,
      from,
      to,
      due: mine.length,
      onTime,
      late: late.length,
      onTimeRate: onTime + late.length ? Math.round((onTime / (onTime + late.length)) * 10_000) / 10_000 : null,
      lateCodes: late.map((l) => l.code),
    };
  }
}
