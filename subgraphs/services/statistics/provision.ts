// The services' part of an agency's R-17 report for a period, computed from per-request loaders
// (one statement per period for every agency of the response):
//   procedures —: those whose rule took effect in the period, published on time or late,
//                and those first published in the period;
//   online services —: how many at each level at the end of the period, end-to-end or
//                partial, and the dossiers they received and processed in the period's months.
import { HubError } from '../../../schema/errors.ts';
import { toLocalDate } from '../../kit/scalars.ts';
import { vietnamToday, type ServicesContext } from '../context.ts';
import { publicationDeadline } from '../procedure-fields.resolver.ts';
import type { OnlineServiceProvision, ProcedureProvision } from '../types/statistics.types.ts';
import { countsOf } from './usage-report.ts';

export interface Period {
  from: string;
  to: string;
}

export function checkPeriod(from: string, to: string): Period {
  if (from > to) throw new HubError('BAD_USER_INPUT', 'from must not be after to.', { field: 'from', reason: 'DATE_RANGE' });
  return { from, to };
}

/** The whole months a period of days touches, YYYY-MM. */
export function monthsOf(p: Period): { from: string; to: string; months: number } {
  const [fy, fm] = p.from.split('-').map(Number) as [number, number];
  const [ty, tm] = p.to.split('-').map(Number) as [number, number];
  return { from: p.from.slice(0, 7), to: p.to.slice(0, 7), months: (ty - fy) * 12 + (tm - fm) + 1 };
}

export async function procedureProvision(ctx: ServicesContext, agencyCode: string, p: Period): Promise<ProcedureProvision> {
  const [effective, published] = await Promise.all([
    ctx.loaders.proceduresEffectiveBetween.load(`${p.from}|${p.to}`),
    ctx.loaders.proceduresPublishedBetween.load(`${p.from}|${p.to}`),
  ]);
  const today = vietnamToday(ctx.runtime.now());
  const mine = effective.filter((r) => r.agencyCodes.includes(agencyCode));
  const judged = mine.map((r) => ({
    code: r.code,
    status: publicationDeadline({ effectiveDate: toLocalDate(r.effectiveDate), firstPublishedAt: r.firstPublishedAt }, today).status,
  }));
  const onTime = judged.filter((j) => j.status === 'ON_TIME').length;
  const late = judged.filter((j) => j.status === 'LATE');
  return {
    agency: { code: agencyCode },
    from: p.from,
    to: p.to,
    due: mine.length,
    onTime,
    late: late.length,
    onTimeRate: onTime + late.length ? Math.round((onTime / (onTime + late.length)) * 10_000) / 10_000 : null,
    lateCodes: late.map((l) => l.code),
    published: published.filter((r) => r.agencyCodes.includes(agencyCode)).length,
  };
}

export async function onlineServiceProvision(ctx: ServicesContext, agencyCode: string, p: Period): Promise<OnlineServiceProvision> {
  const months = monthsOf(p);
  const [services, usage] = await Promise.all([
    ctx.loaders.onlineServicesByAgency.load(agencyCode),
    ctx.loaders.usageByAgency.load(`${months.from}|${months.to}|${agencyCode}`),
  ]);
  const end = p.to;
  // A level reached after the period says nothing of the level during it.
  const levelThen = (s: (typeof services)[number]) => (s.level !== null && (!s.levelSince || toLocalDate(s.levelSince)! <= end) ? s.level : null);
  const byLevel = new Map<number | null, number>();
  for (const s of services) byLevel.set(levelThen(s), (byLevel.get(levelThen(s)) ?? 0) + 1);
  const scopeThen = (s: (typeof services)[number], scope: string) => s.scope === scope && (!s.scopeSince || toLocalDate(s.scopeSince)! <= end);
  return {
    agency: { code: agencyCode },
    from: p.from,
    to: p.to,
    total: services.length,
    byLevel: [...byLevel.entries()].sort(([a], [b]) => (a ?? 0) - (b ?? 0)).map(([level, count]) => ({ level, count })),
    endToEnd: services.filter((s) => scopeThen(s, 'FULL')).length,
    partial: services.filter((s) => scopeThen(s, 'PARTIAL')).length,
    dossiers: countsOf(usage, months.months),
  };
}
