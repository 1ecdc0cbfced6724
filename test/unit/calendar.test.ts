import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CalendarDataError,
  DEFAULT_CALENDAR_FILE,
  addWorkingDays,
  calendarCoverage,
  dayInfo,
  defaultCalendar,
  isWorkingDay,
  loadCalendar,
  subtractWorkingDays,
  toIsoDate,
  dayNumber,
  workingDaysBetween,
} from '../../schema/calendar/working-days.ts';
import { HubError } from '../../schema/errors.ts';

const rawFile = (): Record<string, unknown> => JSON.parse(readFileSync(DEFAULT_CALENDAR_FILE, 'utf8'));

/** The HubError thrown by fn, so its code and extensions can be checked. */
function hubErrorOf(fn: () => unknown): HubError {
  try {
    fn();
  } catch (err) {
    if (err instanceof HubError) return err;
    throw err;
  }
  throw new Error('expected a HubError');
}

describe('DOMAIN.md §6 worked examples (Civil Code art. 147–148)', () => {
  it.each([
    ['document issued Fri 24/01/2025 + 7, across Tết', '2025-01-24', 7, '2025-02-11'],
    ['question received Fri 25/04/2025 + 5, the worked Saturday 26/4 counts', '2025-04-25', 5, '2025-05-06'],
    ['approval Fri 26/04/2024 + 10, across 30/4–1/5 and the worked Sat 04/05', '2024-04-26', 10, '2024-05-14'],
    ['statistics announced Fri 29/08/2025 + 5, across 2/9', '2025-08-29', 5, '2025-09-09'],
  ])('%s', (_label, trigger, n, expected) => {
    expect(addWorkingDays(trigger, n)).toBe(expected);
    expect(workingDaysBetween(trigger, expected)).toBe(n);
  });
});

describe('dayInfo and isWorkingDay', () => {
  it('the worked Saturdays are working days', () => {
    expect(dayInfo('2024-05-04')).toMatchObject({ working: true, reason: 'worked-saturday', weekday: 6 });
    expect(isWorkingDay('2025-04-26')).toBe(true);
    expect(isWorkingDay('2026-01-10')).toBe(true);
    expect(isWorkingDay('2026-08-22')).toBe(true);
  });
  it('an ordinary Saturday and Sunday are not', () => {
    expect(dayInfo('2024-05-11')).toMatchObject({ working: false, reason: 'weekend' });
    expect(dayInfo('2025-04-27')).toMatchObject({ working: false, reason: 'weekend', weekday: 0 });
  });
  it('names holidays, Tết, bridge and compensatory days', () => {
    expect(dayInfo('2024-04-29')).toMatchObject({ working: false, reason: 'bridge' });
    expect(dayInfo('2025-01-29')).toMatchObject({ working: false, reason: 'tet', name: { vi: 'Tết Nguyên đán (mùng 1)' } });
    expect(dayInfo('2025-09-01')).toMatchObject({ working: false, reason: 'holiday' });
    expect(dayInfo('2026-04-27')).toMatchObject({ working: false, reason: 'compensatory', provisional: false });
    expect(dayInfo('2026-04-26').name?.vi).toContain('Giỗ Tổ');
  });
  it('an ordinary weekday is a working day with no name', () => {
    const info = dayInfo('2025-03-12');
    expect(info).toEqual({ date: '2025-03-12', weekday: 3, working: true, reason: 'weekday', provisional: false });
  });
  it('verified breaks are off on every weekday (DOMAIN.md §6)', () => {
    const off = (from: string, to: string) => {
      for (let d = dayNumber(from); d <= dayNumber(to); d++) expect(isWorkingDay(toIsoDate(d)), toIsoDate(d)).toBe(false);
    };
    off('2024-02-08', '2024-02-14');
    off('2024-04-27', '2024-05-01');
    off('2024-08-31', '2024-09-03');
    off('2025-01-25', '2025-02-02');
    off('2025-04-30', '2025-05-04');
    off('2025-08-30', '2025-09-02');
    off('2026-02-14', '2026-02-22');
    expect(isWorkingDay('2024-02-15')).toBe(true);
    expect(isWorkingDay('2025-02-03')).toBe(true);
    expect(isWorkingDay('2026-02-23')).toBe(true);
  });
  it('each year nets 11 weekdays off, as the Labour Code art. 112 gives (swaps are net zero)', () => {
    for (const year of [2024, 2025, 2026]) {
      let net = 0;
      for (let d = dayNumber(`${year}-01-01`); d <= dayNumber(`${year}-12-31`); d++) {
        const info = dayInfo(toIsoDate(d));
        const weekend = info.weekday === 0 || info.weekday === 6;
        if (!weekend && !info.working) net += 1;
        if (weekend && info.working) net -= 1;
      }
      expect(net, String(year)).toBe(11);
    }
  });
  it('rejects dates that are not real calendar dates', () => {
    for (const bad of ['2025-02-30', '2025-2-3', '03/02/2025', '2025-13-01', '']) {
      expect(hubErrorOf(() => isWorkingDay(bad)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_DATE' });
    }
  });
});

describe('addWorkingDays', () => {
  it('crosses 31/12 → 1/1 (New Year is off)', () => {
    expect(addWorkingDays('2024-12-27', 5)).toBe('2025-01-06');
  });
  it('crosses into 2026 with the New Year swap (Fri 2/1 off, Sat 10/1 worked)', () => {
    expect(addWorkingDays('2025-12-29', 10)).toBe('2026-01-13');
  });
  it('runs into Tết', () => {
    expect(addWorkingDays('2025-01-20', 5)).toBe('2025-02-03');
    expect(addWorkingDays('2026-02-09', 5)).toBe('2026-02-23');
  });
  it('a trigger on a holiday or weekend still counts from the next day', () => {
    expect(addWorkingDays('2025-01-01', 1)).toBe('2025-01-02');
    expect(addWorkingDays('2025-05-03', 1)).toBe('2025-05-05');
    expect(addWorkingDays('2024-02-11', 1)).toBe('2024-02-15');
    expect(addWorkingDays('2024-05-03', 1)).toBe('2024-05-04'); // Friday → the worked Saturday
  });
  it('0 working days is the trigger itself; negative or fractional counts are refused', () => {
    expect(addWorkingDays('2025-03-12', 0)).toBe('2025-03-12');
    expect(hubErrorOf(() => addWorkingDays('2025-03-12', -1)).extensions.reason).toBe('INVALID_WORKING_DAYS');
    expect(hubErrorOf(() => addWorkingDays('2025-03-12', 1.5)).extensions.reason).toBe('INVALID_WORKING_DAYS');
  });
});

describe('subtractWorkingDays (R-7.5: at least n working days before)', () => {
  it('counts back from the day before, over 30/4–4/5 and the worked Saturday 26/4', () => {
    expect(subtractWorkingDays('2025-05-05', 10)).toBe('2025-04-17');
  });
  it('counts back over Tết', () => {
    expect(subtractWorkingDays('2025-02-10', 7)).toBe('2025-01-23');
  });
  it('an effective date on a holiday (1/1/2026) counts back across the year boundary', () => {
    expect(subtractWorkingDays('2026-01-01', 10)).toBe('2025-12-18');
  });
  it('is the inverse of addWorkingDays when the effective date is a working day', () => {
    for (let d = dayNumber('2024-03-01'); d <= dayNumber('2026-11-30'); d += 3) {
      const date = toIsoDate(d);
      if (!isWorkingDay(date)) continue;
      expect(addWorkingDays(subtractWorkingDays(date, 10), 10)).toBe(date);
    }
  });
});

describe('workingDaysBetween', () => {
  it('counts working days in (a, b], negative when reversed, 0 for the same day', () => {
    expect(workingDaysBetween('2025-01-24', '2025-02-11')).toBe(7);
    expect(workingDaysBetween('2025-02-11', '2025-01-24')).toBe(-7);
    expect(workingDaysBetween('2025-03-12', '2025-03-12')).toBe(0);
  });
});

describe('missing years', () => {
  it('a count that needs 2027 throws CALENDAR_YEAR_MISSING', () => {
    const err = hubErrorOf(() => addWorkingDays('2026-12-28', 5));
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.extensions).toMatchObject({ reason: 'CALENDAR_YEAR_MISSING', year: 2027 });
  });
  it('a date before the data throws too, but a count that stays inside 2026 does not', () => {
    expect(hubErrorOf(() => isWorkingDay('2023-06-01')).extensions).toMatchObject({ reason: 'CALENDAR_YEAR_MISSING', year: 2023 });
    expect(addWorkingDays('2026-12-28', 3)).toBe('2026-12-31');
  });
  it('coverage warns when the year after today is missing', () => {
    const coverage = calendarCoverage('2026-11-29');
    expect(coverage.years).toEqual([2024, 2025, 2026]);
    expect(coverage.schemaVersion).toBe(1);
    expect(coverage.dataVersion).toMatch(/\S/);
    expect(coverage.warnings).toContainEqual(expect.objectContaining({ code: 'NEXT_YEAR_MISSING', year: 2027 }));
  });
  it('no warning while the next year is covered; both warnings when today is past the data', () => {
    expect(calendarCoverage('2025-06-01').warnings).toEqual([]);
    const codes = calendarCoverage('2027-03-01').warnings.map((w) => w.code);
    expect(codes).toEqual(['CURRENT_YEAR_MISSING', 'NEXT_YEAR_MISSING']);
  });
});

describe('loading the data file', () => {
  const minimal = () => ({
    schemaVersion: 1,
    dataVersion: 'test',
    years: [
      {
        year: 2030,
        sources: [{ vi: 'test' }],
        daysOff: [
          { date: '2030-01-01', kind: 'holiday', name: { vi: 'Tết Dương lịch', en: "New Year's Day" } },
          { date: '2030-04-29', kind: 'bridge', status: 'proposed', name: { vi: 'x', en: 'x' } },
        ],
        workedSaturdays: [{ date: '2030-05-04', replaces: '2030-04-29', name: { vi: 'x', en: 'x' } }],
      },
    ],
  });

  it('the shipped file is valid', () => {
    expect(defaultCalendar().years).toEqual([2024, 2025, 2026]);
    expect(() => loadCalendar(rawFile())).not.toThrow();
  });
  it('loads a custom calendar from an object or a string, and warns about proposed days', () => {
    const cal = loadCalendar(JSON.stringify(minimal()));
    expect(isWorkingDay('2030-05-04', cal)).toBe(true);
    expect(dayInfo('2030-04-29', cal)).toMatchObject({ working: false, provisional: true });
    expect(calendarCoverage('2030-02-01', cal).warnings.map((w) => w.code)).toEqual(['NEXT_YEAR_MISSING', 'PROVISIONAL_DAYS']);
  });

  const broken: [string, (f: ReturnType<typeof minimal>) => unknown, RegExp][] = [
    ['not JSON', () => '{"schemaVersion": 1,', /not JSON/],
    ['an unknown schema version', (f) => ({ ...f, schemaVersion: 2 }), /schemaVersion/],
    ['no dataVersion', (f) => ({ ...f, dataVersion: undefined }), /dataVersion/],
    ['an impossible date', (f) => ((f.years[0]!.daysOff[0]!.date = '2030-02-30'), f), /must be a real date/],
    ['an unknown kind', (f) => ((f.years[0]!.daysOff[0]!.kind = 'party'), f), /kind/],
    ['a date listed under the wrong year', (f) => ((f.years[0]!.daysOff[0]!.date = '2031-01-01'), f), /listed under year 2030/],
    ['a duplicate date', (f) => (f.years[0]!.daysOff.push({ ...f.years[0]!.daysOff[0]! }), f), /listed twice/],
    [
      'a worked "Saturday" that is a Sunday',
      (f) => ((f.years[0]!.workedSaturdays[0]!.date = '2030-05-05'), f),
      /2030-05-05: a worked Saturday must be a Saturday/,
    ],
    ['a bridge day without a make-up Saturday', (f) => ((f.years[0]!.workedSaturdays = []), f), /needs a worked Saturday/],
    ['a year without a source', (f) => ((f.years[0]!.sources = []), f), /sources/],
    ['a duplicate year', (f) => ({ ...f, years: [f.years[0], f.years[0]] }), /year 2030 appears twice/],
  ];
  it.each(broken)('rejects %s', (_label, mutate, message) => {
    const attempt = () => loadCalendar(mutate(minimal()));
    expect(attempt).toThrow(CalendarDataError);
    expect(attempt).toThrow(message);
  });
});

describe('time-zone independence', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });
  it.each([
    ['Pacific/Kiritimati', -840],
    ['America/Los_Angeles', 480],
    ['Pacific/Pago_Pago', 660],
    ['Asia/Ho_Chi_Minh', -420],
  ])('same answers in %s', (tz, offsetMinutes) => {
    process.env.TZ = tz; // Node re-reads TZ when it is assigned
    expect(new Date(Date.UTC(2025, 0, 1)).getTimezoneOffset()).toBe(offsetMinutes); // the switch took effect
    expect(addWorkingDays('2025-01-24', 7)).toBe('2025-02-11');
    expect(addWorkingDays('2024-04-26', 10)).toBe('2024-05-14');
    expect(subtractWorkingDays('2026-01-01', 10)).toBe('2025-12-18');
    expect(dayInfo('2024-05-04').weekday).toBe(6);
  });
});
