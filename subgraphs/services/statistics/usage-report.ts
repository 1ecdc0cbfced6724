// usage statistics as one computation shared by the graph (`serviceUsageStatistics`,
// `OnlineService.usage`) and the CSV download (routes.ts): dossiers received, processed, on time
// and late per online service and agency over whole months.
import { stringify } from 'csv-stringify/sync';
import type { Db, PrismaClient } from '../../../schema/db/prisma.ts';
import { HubError } from '../../../schema/errors.ts';
import { fromLocalDate, toLocalDate } from '../../kit/scalars.ts';
import type { DossierCounts, OnlineServiceUsage, ServiceUsageMonth, ServiceUsageRow } from '../types/statistics.types.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** The longest period one report covers. */
export const MAX_MONTHS = 60;

export interface UsagePeriod {
  from: string;
  to: string;
  months: number;
}

/** A period of whole months (YYYY-MM, both included), at most MAX_MONTHS long. */
export function monthRange(from: string, to: string): UsagePeriod {
  if (!MONTH.test(from) || !MONTH.test(to) || from > to) {
    throw new HubError('BAD_USER_INPUT', 'from and to are months YYYY-MM, from not after to.', { field: 'from', reason: 'MONTH_RANGE' });
  }
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const months = (ty - fy) * 12 + (tm - fm) + 1;
  if (months > MAX_MONTHS) throw new HubError('BAD_USER_INPUT', `A statistics period is at most ${MAX_MONTHS} months.`, { field: 'to', reason: 'MONTH_RANGE' });
  return { from, to, months };
}

/** The first and last day of a period, as dates of the `month` column. */
export const monthBounds = (p: Pick<UsagePeriod, 'from' | 'to'>) => ({ gte: fromLocalDate(`${p.from}-01`), lte: fromLocalDate(`${p.to}-01`) });

type CountedRow = Pick<Db.ServicesUsageStat, 'received' | 'receivedOnline' | 'processed' | 'onTime' | 'late'>;

export function countsOf(rows: readonly CountedRow[], months: number): DossierCounts {
  const sum = (f: (r: CountedRow) => number) => rows.reduce((a, r) => a + f(r), 0);
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

const monthOf = (r: CountedRow & { month: Date }): ServiceUsageMonth => ({
  month: toLocalDate(r.month)!.slice(0, 7),
  received: r.received,
  receivedOnline: r.receivedOnline,
  processed: r.processed,
  onTime: r.onTime,
  late: r.late,
});

/** One service's usage, every agency summed month by month (`OnlineService.usage`). */
export function serviceUsage(rows: readonly (CountedRow & { month: Date })[], period: UsagePeriod): OnlineServiceUsage {
  const byMonth = new Map<string, ServiceUsageMonth>();
  for (const r of rows) {
    const m = monthOf(r);
    const seen = byMonth.get(m.month);
    byMonth.set(
      m.month,
      seen
        ? {
            month: m.month,
            received: seen.received + m.received,
            receivedOnline: seen.receivedOnline + m.receivedOnline,
            processed: seen.processed + m.processed,
            onTime: seen.onTime + m.onTime,
            late: seen.late + m.late,
          }
        : m,
    );
  }
  return {
    from: period.from,
    to: period.to,
    counts: countsOf(rows, period.months),
    months: [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month)),
  };
}

/** The `months` months up to and including the one `today` (YYYY-MM-DD) falls in. */
export function lastMonths(today: string, months: number): UsagePeriod {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1 - (months - 1), 1));
  return { from: start.toISOString().slice(0, 7), to: today.slice(0, 7), months };
}

export interface UsageReport {
  from: string;
  to: string;
  rows: ServiceUsageRow[];
  totals: DossierCounts;
}

/** Level 3+ and end-to-end services unless `allLevels`; optionally one agency's. */
export async function usageReport(
  prisma: PrismaClient,
  args: { from: string; to: string; agencyCode?: string | null; allLevels?: boolean },
): Promise<UsageReport> {
  const period = monthRange(args.from, args.to);
  const services = await prisma.servicesOnlineService.findMany({
    where: { withdrawn: false, ...(args.allLevels ? {} : { OR: [{ level: { gte: 3 } }, { scope: 'FULL' }] }) },
    select: { procedureCode: true, name: true },
  });
  const names = new Map(services.map((s) => [s.procedureCode, s.name]));
  const stats = await prisma.servicesUsageStat.findMany({
    where: { serviceCode: { in: [...names.keys()] }, month: monthBounds(period), ...(args.agencyCode ? { agencyCode: args.agencyCode.slice(0, 80) } : {}) },
    orderBy: [{ serviceCode: 'asc' }, { agencyCode: 'asc' }, { month: 'asc' }],
  });
  const groups = new Map<string, Db.ServicesUsageStat[]>();
  for (const s of stats) {
    const key = `${s.serviceCode}|${s.agencyCode}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const rows: ServiceUsageRow[] = [...groups.values()].map((g) => ({
    serviceCode: g[0]!.serviceCode,
    serviceName: names.get(g[0]!.serviceCode) ?? null,
    agency: { code: g[0]!.agencyCode },
    counts: countsOf(g, period.months),
    months: g.map(monthOf),
  }));
  return { from: period.from, to: period.to, rows, totals: countsOf(stats, period.months) };
}

export const USAGE_CSV_COLUMNS = [
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
] as const;

/** A spreadsheet must not run an upstream's text as a formula (CSV injection): such cells get a leading '. */
const inert = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

/** The report's rows as CSV (RFC 4180, UTF-8, no BOM: the download route adds one). */
export function usageCsv(report: UsageReport): string {
  return stringify([
    [...USAGE_CSV_COLUMNS],
    ...report.rows.map((r) => [
      inert(r.serviceCode),
      inert(r.serviceName ?? ''),
      inert(r.agency.code),
      report.from,
      report.to,
      r.counts.received,
      r.counts.receivedOnline,
      r.counts.processed,
      r.counts.onTime,
      r.counts.late,
      r.counts.onTimeRate ?? '',
      r.counts.monthlyAverage,
    ]),
  ]);
}
