// The working-day calendar for civil servants in Viet Nam (DOMAIN.md §6, REGULATION.md Điều 7).
// Dates are calendar dates, 'YYYY-MM-DD'. Internally a date is a day number (days since
// 1970-01-01) computed with Date.UTC, so the process time zone never shifts a date.
// Counting follows the Civil Code art. 147–148: start the day after the trigger, count only
// working days. The holiday data lives in vn-public-holidays.json; this file never reads the
// system clock ("today" is always a parameter).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { HubError } from '../errors.ts';

export type IsoDate = string;
export type DayOffKind = 'holiday' | 'compensatory' | 'tet' | 'bridge';
export type DayReason = 'weekday' | 'weekend' | 'worked-saturday' | DayOffKind;
export interface LocalisedName {
  vi: string;
  en: string;
}

export interface DayInfo {
  date: IsoDate;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  working: boolean;
  reason: DayReason;
  name?: LocalisedName;
  /** True when the entry is only proposed, not yet announced. */
  provisional: boolean;
}

export interface CoverageWarning {
  code: 'NEXT_YEAR_MISSING' | 'CURRENT_YEAR_MISSING' | 'PROVISIONAL_DAYS';
  year: number;
  message: string;
}

export interface CalendarCoverage {
  schemaVersion: number;
  dataVersion: string;
  years: number[];
  warnings: CoverageWarning[];
}

/** The data file is malformed: a deployment error, never the caller's fault. */
export class CalendarDataError extends Error {
  readonly code = 'CALENDAR_DATA_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'CalendarDataError';
  }
}

// ---------------------------------------------------------------------------------------------
// Plain day arithmetic

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function tryDayNumber(value: string): number | undefined {
  const m = ISO_DATE.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  // Date.UTC rolls 2025-02-30 over to March: reject anything that does not round-trip.
  return toIsoDate(ms / DAY_MS) === value ? ms / DAY_MS : undefined;
}

/** Day number (days since 1970-01-01) of an ISO date; throws BAD_USER_INPUT on a bad date. */
export function dayNumber(date: IsoDate): number {
  const n = typeof date === 'string' ? tryDayNumber(date) : undefined;
  if (n === undefined) {
    throw new HubError('BAD_USER_INPUT', `Not a calendar date (YYYY-MM-DD): ${String(date)}`, { reason: 'INVALID_DATE' });
  }
  return n;
}

export function toIsoDate(day: number): IsoDate {
  const d = new Date(day * DAY_MS);
  // Years outside 0000–9999 cannot be written as YYYY; they never occur in this domain.
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

const weekdayOfDay = (day: number): number => (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
const yearOfDay = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();

export const weekdayOf = (date: IsoDate): number => weekdayOfDay(dayNumber(date));

// ---------------------------------------------------------------------------------------------
// The data file

const isoDate = z.string().refine((s) => tryDayNumber(s) !== undefined, 'must be a real date YYYY-MM-DD');
const name = z.object({ vi: z.string().min(1), en: z.string().min(1) });
const source = z.object({ vi: z.string().min(1), en: z.string().min(1).optional(), urls: z.array(z.url()).optional() });

const dayOff = z.object({
  date: isoDate,
  kind: z.enum(['holiday', 'compensatory', 'tet', 'bridge']),
  name,
  // announced: in a notice; derived: follows from the Labour Code; proposed: not confirmed yet.
  status: z.enum(['announced', 'derived', 'proposed']).default('announced'),
  lunar: z.object({ day: z.int().min(1).max(30), month: z.int().min(1).max(12), leap: z.boolean().optional() }).optional(),
  note: z.string().optional(),
});

const workedSaturday = z.object({ date: isoDate, replaces: isoDate, name, note: z.string().optional() });

const yearData = z.object({
  year: z.int().min(1900).max(2200),
  sources: z.array(source).min(1),
  daysOff: z.array(dayOff),
  workedSaturdays: z.array(workedSaturday).default([]),
});

export const calendarFileSchema = z
  .object({
    schemaVersion: z.literal(1),
    dataVersion: z.string().min(1),
    description: z.string().optional(),
    years: z.array(yearData).min(1),
  })
  .superRefine((file, ctx) => {
    for (const problem of crossCheck(file)) ctx.addIssue({ code: 'custom', message: problem });
  });

export type CalendarFile = z.output<typeof calendarFileSchema>;

/**
 * Consistency rules a schema cannot express; each returned string is one problem. Zod runs this
 * even when a date failed its own refinement, so weekdays are looked up without throwing.
 */
function crossCheck(file: { years: z.output<typeof yearData>[] }): string[] {
  const safeWeekday = (date: string): number | undefined => {
    const n = tryDayNumber(date);
    return n === undefined ? undefined : weekdayOfDay(n);
  };
  const problems: string[] = [];
  const seenYears = new Set<number>();
  const offs = new Map<string, z.output<typeof dayOff>>();
  const worked = new Map<string, string>(); // date -> replaces
  for (const y of file.years) {
    if (seenYears.has(y.year)) problems.push(`year ${y.year} appears twice`);
    seenYears.add(y.year);
    for (const e of [...y.daysOff, ...y.workedSaturdays]) {
      if (!e.date.startsWith(`${y.year}-`)) problems.push(`${e.date} is listed under year ${y.year}`);
      if (offs.has(e.date) || worked.has(e.date)) problems.push(`${e.date} is listed twice`);
      if ('kind' in e) offs.set(e.date, e);
      else worked.set(e.date, e.replaces);
    }
  }
  for (const [date, off] of offs) {
    const wd = safeWeekday(date);
    if ((off.kind === 'bridge' || off.kind === 'compensatory') && (wd === 0 || wd === 6)) {
      problems.push(`${date}: a ${off.kind} day must be a weekday`);
    }
    if (off.kind === 'bridge' && ![...worked.values()].includes(date)) {
      problems.push(`${date}: a bridge day needs a worked Saturday that replaces it`);
    }
  }
  for (const [date, replaces] of worked) {
    if (![6, undefined].includes(safeWeekday(date))) problems.push(`${date}: a worked Saturday must be a Saturday`);
    if (offs.get(replaces)?.kind !== 'bridge') problems.push(`${date} replaces ${replaces}, which is not a bridge day`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The calendar

type Entry = { kind: DayOffKind | 'worked-saturday'; name: LocalisedName; provisional: boolean };

export class WorkingCalendar {
  readonly years: readonly number[];
  private readonly yearSet: ReadonlySet<number>;
  private readonly entries = new Map<number, Entry>();

  constructor(readonly data: CalendarFile) {
    this.years = data.years.map((y) => y.year).sort((a, b) => a - b);
    this.yearSet = new Set(this.years);
    for (const y of data.years) {
      for (const d of y.daysOff) this.entries.set(dayNumber(d.date), { kind: d.kind, name: d.name, provisional: d.status === 'proposed' });
      for (const s of y.workedSaturdays) this.entries.set(dayNumber(s.date), { kind: 'worked-saturday', name: s.name, provisional: false });
    }
  }

  /** Throws BAD_USER_INPUT (reason CALENDAR_YEAR_MISSING) when the data has no such year. */
  requireYear(year: number): void {
    if (!this.yearSet.has(year)) {
      throw new HubError('BAD_USER_INPUT', `The working-day calendar has no data for ${year}`, {
        reason: 'CALENDAR_YEAR_MISSING',
        year,
      });
    }
  }

  infoOfDay(day: number): DayInfo {
    this.requireYear(yearOfDay(day));
    const weekday = weekdayOfDay(day);
    const entry = this.entries.get(day);
    const base = { date: toIsoDate(day), weekday, provisional: entry?.provisional ?? false };
    if (entry) return { ...base, working: entry.kind === 'worked-saturday', reason: entry.kind, name: entry.name };
    const weekend = weekday === 0 || weekday === 6;
    return { ...base, working: !weekend, reason: weekend ? 'weekend' : 'weekday' };
  }

  isWorkingDay(day: number): boolean {
    return this.infoOfDay(day).working;
  }

  /** The n-th working day strictly after (step +1) or strictly before (step -1) `day`. */
  stepWorkingDays(day: number, n: number, step: 1 | -1): number {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new HubError('BAD_USER_INPUT', `A number of working days must be a whole number ≥ 0, got ${n}`, { reason: 'INVALID_WORKING_DAYS' });
    }
    let current = day;
    for (let counted = 0; counted < n;) {
      current += step;
      if (this.isWorkingDay(current)) counted += 1;
    }
    return current;
  }
}

/** Validates raw calendar data (a JSON string or a parsed object) and builds a calendar. */
export function loadCalendar(raw: unknown): WorkingCalendar {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch (err) {
      throw new CalendarDataError(`Calendar data is not JSON: ${(err as Error).message}`);
    }
  }
  const parsed = calendarFileSchema.safeParse(value);
  if (!parsed.success) throw new CalendarDataError(`Calendar data is invalid:\n${z.prettifyError(parsed.error)}`);
  return new WorkingCalendar(parsed.data);
}

export const DEFAULT_CALENDAR_FILE = new URL('./vn-public-holidays.json', import.meta.url);
let defaultInstance: WorkingCalendar | undefined;

/** The calendar from vn-public-holidays.json, validated on first use (call it at startup to fail fast). */
export function defaultCalendar(): WorkingCalendar {
  defaultInstance ??= loadCalendar(readFileSync(DEFAULT_CALENDAR_FILE, 'utf8'));
  return defaultInstance;
}

// ---------------------------------------------------------------------------------------------
// The public API: ISO dates in, ISO dates out. `calendar` is injectable for tests.

export function dayInfo(date: IsoDate, calendar = defaultCalendar()): DayInfo {
  return calendar.infoOfDay(dayNumber(date));
}

export function isWorkingDay(date: IsoDate, calendar = defaultCalendar()): boolean {
  return calendar.isWorkingDay(dayNumber(date));
}

/** Deadline "within n working days of the trigger": the n-th working day after the trigger. */
export function addWorkingDays(trigger: IsoDate, n: number, calendar = defaultCalendar()): IsoDate {
  return toIsoDate(calendar.stepWorkingDays(dayNumber(trigger), n, 1));
}

/**
 * "At least n working days before `date`": counting backwards from the day before
 * `date`, the n-th working day, i.e. the latest allowed day. From that day up to the day before
 * `date` there are exactly n working days.
 */
export function subtractWorkingDays(date: IsoDate, n: number, calendar = defaultCalendar()): IsoDate {
  return toIsoDate(calendar.stepWorkingDays(dayNumber(date), n, -1));
}

/** Working days in (a, b]: addWorkingDays(a, n) = b gives n. Negative when b is before a. */
export function workingDaysBetween(a: IsoDate, b: IsoDate, calendar = defaultCalendar()): number {
  const [from, to] = [dayNumber(a), dayNumber(b)];
  const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let day = lo + 1; day <= hi; day += 1) if (calendar.isWorkingDay(day)) count += 1;
  return sign * count;
}

/** Which years the data covers, with warnings relative to `today` (never the system clock). */
export function calendarCoverage(today: IsoDate, calendar = defaultCalendar()): CalendarCoverage {
  const year = yearOfDay(dayNumber(today));
  const covered = new Set(calendar.years);
  const warnings: CoverageWarning[] = [];
  if (!covered.has(year)) {
    warnings.push({ code: 'CURRENT_YEAR_MISSING', year, message: `No working-day data for ${year} (the current year): deadlines cannot be computed.` });
  }
  if (!covered.has(year + 1)) {
    warnings.push({
      code: 'NEXT_YEAR_MISSING',
      year: year + 1,
      message: `No working-day data for ${year + 1}: add it with its source notice before deadlines reach it.`,
    });
  }
  for (const y of calendar.data.years) {
    const proposed = y.daysOff.filter((d) => d.status === 'proposed').map((d) => d.date);
    if (proposed.length > 0) {
      warnings.push({ code: 'PROVISIONAL_DAYS', year: y.year, message: `Proposed, not announced, days off in ${y.year}: ${proposed.join(', ')}.` });
    }
  }
  return { schemaVersion: calendar.data.schemaVersion, dataVersion: calendar.data.dataVersion, years: [...calendar.years], warnings };
}
