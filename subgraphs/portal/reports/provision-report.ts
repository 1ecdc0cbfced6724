// what each agency provided to the portal in a period category, measured against
// the R-7 deadlines, with its untranslated mandatory English items. Pure: the rows
// and the day of the report are inputs.
import { deadlineStatus, dueDate, type DeadlineStatus } from '../../../schema/deadlines/deadline.ts';
import type { ContentCategory, TriggerKind } from '../../../schema/deadlines/rules.ts';

export interface ReportItem {
  agencyId: string | null;
  category: string;
  triggerKind: string | null;
  /** YYYY-MM-DD */
  triggerDate: string | null;
  /** Delivery day (first publication, Việt Nam time), YYYY-MM-DD. */
  deliveredOn: string | null;
  translationPoint: string | null;
  translationStatus: string;
  published: boolean;
}

export interface ReportRow {
  agencyId: string | null;
  category: string;
  /** Items first published in the period. */
  provided: number;
  onTime: number;
  late: number;
  /** Triggered in the period, not delivered, due date passed (as of the report day). */
  overdue: number;
  /** Triggered in the period, not delivered, still within the deadline. */
  pending: number;
  /** onTime / (onTime + late + overdue); null when nothing had a deadline. */
  onTimeRate: number | null;
  /** Published items of the minimum set whose English version is not complete (now). */
  untranslatedMandatory: number;
}

const inRange = (d: string | null, from: string, to: string) => d !== null && d >= from && d <= to;

function statusOf(item: ReportItem, today: string): { due: string | null; status: DeadlineStatus } | null {
  if (!item.triggerKind || !item.triggerDate) return null;
  try {
    const due = dueDate(item.category as ContentCategory, { kind: item.triggerKind as TriggerKind, date: item.triggerDate });
    return { due, status: deadlineStatus({ due, deliveredOn: item.deliveredOn, today }) };
  } catch {
    // No calendar data for the year, or a trigger the rule does not count from: not measurable.
    return null;
  }
}

export function provisionReport(items: ReportItem[], range: { from: string; to: string }, today: string): ReportRow[] {
  const asOf = today < range.to ? today : range.to;
  const rows = new Map<string, ReportRow>();
  const row = (agencyId: string | null, category: string) => {
    const key = `${agencyId ?? ''}|${category}`;
    let r = rows.get(key);
    if (!r) {
      r = { agencyId, category, provided: 0, onTime: 0, late: 0, overdue: 0, pending: 0, onTimeRate: null, untranslatedMandatory: 0 };
      rows.set(key, r);
    }
    return r;
  };
  for (const item of items) {
    const delivered = inRange(item.deliveredOn, range.from, range.to);
    const triggeredUndelivered = !item.deliveredOn && inRange(item.triggerDate, range.from, range.to);
    if (!delivered && !triggeredUndelivered) continue;
    const r = row(item.agencyId, item.category);
    if (delivered) r.provided += 1;
    if (delivered && item.published && item.translationPoint && item.translationStatus !== 'COMPLETE') r.untranslatedMandatory += 1;
    const measured = statusOf(item, asOf);
    if (!measured || measured.due === null) continue;
    if (measured.status === 'ON_TIME') r.onTime += 1;
    else if (measured.status === 'LATE') r.late += 1;
    else if (measured.status === 'OVERDUE') r.overdue += 1;
    else r.pending += 1;
  }
  for (const r of rows.values()) {
    const judged = r.onTime + r.late + r.overdue;
    r.onTimeRate = judged ? Math.round((r.onTime / judged) * 10_000) / 10_000 : null;
  }
  return [...rows.values()].sort((a, b) => (a.agencyId ?? '').localeCompare(b.agencyId ?? '') || a.category.localeCompare(b.category));
}

/** The period of a report: a half-year, a year, or a custom range. */
export function reportRange(args: {
  year?: number | null;
  half?: number | null;
  from?: string | null;
  to?: string | null;
}): { from: string; to: string } | null {
  if (args.from && args.to && !args.year && !args.half) return args.from <= args.to ? { from: args.from, to: args.to } : null;
  if (!args.year || args.from || args.to || args.year < 2000 || args.year > 2100) return null;
  if (args.half === null || args.half === undefined) return { from: `${args.year}-01-01`, to: `${args.year}-12-31` };
  if (args.half === 1) return { from: `${args.year}-01-01`, to: `${args.year}-06-30` };
  if (args.half === 2) return { from: `${args.year}-07-01`, to: `${args.year}-12-31` };
  return null;
}
