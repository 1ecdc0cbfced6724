// usage statistics (per service and agency, over months, with CSV) and the
// provision of procedures per agency — the procedures' part of the R-17 report, contributed to
// the portal's Agency so that a report client joins it through the gateway.
import { stringify } from 'csv-stringify/sync';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Db } from '../../schema/db/prisma.ts';
import { HubError } from '../../schema/errors.ts';
import { fromLocalDate, LocalDateScalar, toLocalDate } from '../kit/scalars.ts';
import { vietnamToday, type ServicesContext } from './context.ts';
import { publicationDeadline } from './procedure-fields.resolver.ts';
import { Agency } from './types/federation.types.ts';
import { DossierCounts, ProcedureProvision, ServiceUsageReport, ServiceUsageRow } from './types/statistics.types.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function checkMonths(from: string, to: string): number {
  if (!MONTH.test(from) || !MONTH.test(to) || from > to) {
    throw new HubError('BAD_USER_INPUT', 'from and to are months YYYY-MM, from not after to.', { field: 'from', reason: 'MONTH_RANGE' });
  }
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const months = (ty - fy) * 12 + (tm - fm) + 1;
  if (months > 60) throw new HubError('BAD_USER_INPUT', 'A statistics period is at most 60 months.', { field: 'to', reason: 'MONTH_RANGE' });
  return months;
}

function counts(rows: Db.ServicesUsageStat[], months: number): DossierCounts {
  const sum = (f: (r: Db.ServicesUsageStat) => number) => rows.reduce((a, r) => a + f(r), 0);
  const processed = sum((r) => r.processed);
  const onTime = sum((r) => r.onTime);
  const received = sum((r) => r.received);
  return {
    received,
    receivedOnline: sum((r) => r.receivedOnline),
    processed,
    onTime,
    late: sum((r) => r.late),
    onTimeRate: processed ? Math.round((onTime / processed) * 10_000) / 10_000 : null,
    monthlyAverage: Math.round((received / months) * 100) / 100,
  };
}

@Resolver()
export class StatisticsResolver {
  @Query(() => ServiceUsageReport, {
    description:
      'R-9.1: dossiers received, processed, on time and late per online service and agency over months (YYYY-MM), for level 3+ and end-to-end services by default; with the same rows as CSV.',
  })
  async serviceUsageStatistics(
    @Arg('from', () => String) from: string,
    @Arg('to', () => String) to: string,
    @Arg('agencyCode', () => String, { nullable: true }) agencyCode: string | null,
    @Arg('allLevels', () => Boolean, { defaultValue: false, description: 'Include services below level 3 that are not end-to-end.' }) allLevels: boolean,
    @Ctx() ctx: ServicesContext,
  ): Promise<ServiceUsageReport> {
    const months = checkMonths(from, to);
    const services = await ctx.prisma.servicesOnlineService.findMany({
      where: { withdrawn: false, ...(allLevels ? {} : { OR: [{ level: { gte: 3 } }, { scope: 'FULL' }] }) },
      select: { procedureCode: true, name: true },
    });
    const names = new Map(services.map((s) => [s.procedureCode, s.name]));
    const stats = await ctx.prisma.servicesUsageStat.findMany({
      where: {
        serviceCode: { in: [...names.keys()] },
        month: { gte: fromLocalDate(`${from}-01`), lte: fromLocalDate(`${to}-01`) },
        ...(agencyCode ? { agencyCode: agencyCode.slice(0, 35) } : {}),
      },
      orderBy: [{ serviceCode: 'asc' }, { agencyCode: 'asc' }, { month: 'asc' }],
    });
    const groups = new Map<string, Db.ServicesUsageStat[]>();
    for (const s of stats) groups.set(`${s.serviceCode}|${s.agencyCode}`, [...(groups.get(`${s.serviceCode}|${s.agencyCode}`) ?? []), s]);
    const rows: ServiceUsageRow[] = [...groups.values()].map((g) => ({
      serviceCode: g[0]!.serviceCode,
      serviceName: names.get(g[0]!.serviceCode) ?? null,
      agency: { code: g[0]!.agencyCode },
      counts: counts(g, months),
      months: g.map((r) => ({ month: toLocalDate(r.month)!.slice(0, 7), received: r.received, processed: r.processed, onTime: r.onTime, late: r.late })),
    }));
    const header = [
      'service_code',
      'service_name',
      'agency_code',
      'from',
      'to',
      'received',
      'received_online',
      'processed',
      'on_time',
      'late',
      'on_time_rate',
      'monthly_average',
    ];
    const csv = stringify([
      header,
      ...rows.map((r) => [
        r.serviceCode,
        r.serviceName ?? '',
        r.agency.code,
        from,
        to,
        r.counts.received,
        r.counts.receivedOnline,
        r.counts.processed,
        r.counts.onTime,
        r.counts.late,
        r.counts.onTimeRate ?? '',
        r.counts.monthlyAverage,
      ]),
    ]);
    return { from, to, rows, totals: counts(stats, months), csv };
  }
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
