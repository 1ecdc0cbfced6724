// The usage-statistics sync (one-stop system → services_usage_stat, R-9.1): the months from the
// last one fully counted (it may still grow while current) up to this month, upserted by
// (service, agency, month): running it twice changes nothing.
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { UsageStatsSource } from '../../../schema/domain/sources.ts';
import type { JobBody } from './runner.ts';

/** The feed this sync reads; its job is keyed `<the source's system id>:usage` (syncer.ts). */
export const USAGE_FEED = 'usage';
/** How far back a first run reaches. */
const FIRST_RUN_MONTHS = 12;

const monthOf = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 7);
const monthsBefore = (month: string, n: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
};

export function usageSync(prisma: PrismaClient, source: UsageStatsSource, clock: () => Date): JobBody {
  return async (cursorFrom, counts) => {
    const now = clock();
    const to = monthOf(now);
    const from = cursorFrom ? monthOf(cursorFrom) : monthsBefore(to, FIRST_RUN_MONTHS - 1);
    const rows = await source.usage({ from, to });
    await prisma.$transaction(
      rows.map((r) => {
        const key = { serviceCode: r.serviceCode, agencyCode: r.agencyCode, month: new Date(`${r.month}-01T00:00:00Z`) };
        const data = {
          received: r.received,
          receivedOnline: r.receivedOnline,
          processed: r.processed,
          onTime: r.onTime,
          late: r.late,
          system: source.system,
          fetchedAt: now,
        };
        return prisma.servicesUsageStat.upsert({ where: { serviceCode_agencyCode_month: key }, create: { ...key, ...data }, update: data });
      }),
    );
    counts.rows = rows.length;
    // The current month is not over: the next run starts from it again.
    return { cursorTo: new Date(`${to}-01T00:00:00+07:00`) };
  };
}
