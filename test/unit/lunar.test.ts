import { describe, expect, it } from 'vitest';
import { hungKingsDate, lunarToSolar, proposeLunarHolidays, solarToLunar, tetDate } from '../../schema/calendar/lunar.ts';
import { defaultCalendar } from '../../schema/calendar/working-days.ts';

describe('Tết and Giỗ Tổ (UTC+7)', () => {
  it.each([
    [2024, '2024-02-10', '2024-04-18'],
    [2025, '2025-01-29', '2025-04-07'],
    [2026, '2026-02-17', '2026-04-26'],
  ])('%i: Tết %s, Giỗ Tổ %s', (year, tet, hungKings) => {
    expect(tetDate(year)).toBe(tet);
    expect(hungKingsDate(year)).toBe(hungKings);
  });

  it('agrees with earlier published years', () => {
    expect(tetDate(2020)).toBe('2020-01-25');
    expect(tetDate(2023)).toBe('2023-01-22');
    expect(hungKingsDate(2021)).toBe('2021-04-21');
    expect(hungKingsDate(2023)).toBe('2023-04-29');
  });
});

describe('the data file', () => {
  const entries = defaultCalendar().data.years.flatMap((y) => y.daysOff.map((d) => ({ ...d, year: y.year })));

  it('every entry with a lunar date falls on that lunar date', () => {
    const withLunar = entries.filter((e) => e.lunar);
    expect(withLunar).toHaveLength(6); // mùng 1 Tết and Giỗ Tổ for 2024–2026
    for (const e of withLunar) {
      expect(lunarToSolar({ ...e.lunar!, year: e.year }), e.date).toBe(e.date);
    }
  });

  it('Tết day names (mùng N, N tháng Chạp) match the computed lunar dates', () => {
    for (const e of entries.filter((x) => x.kind === 'tet' || x.name.vi.includes('Tết ('))) {
      const lunar = solarToLunar(e.date);
      const expected = lunar.month === 1 ? `mùng ${lunar.day}` : `${lunar.day} tháng Chạp`;
      expect(e.name.vi, e.date).toContain(expected);
    }
  });

  it('Giỗ Tổ entries are the computed 10/3', () => {
    const hung = entries.filter((e) => e.name.vi.startsWith('Giỗ Tổ'));
    expect(hung.map((e) => e.date)).toEqual([hungKingsDate(2024), hungKingsDate(2025), hungKingsDate(2026)]);
  });
});

describe('conversions', () => {
  it('solar → lunar around Tết', () => {
    expect(solarToLunar('2024-02-09')).toEqual({ day: 30, month: 12, year: 2023, leap: false });
    expect(solarToLunar('2025-01-28')).toEqual({ day: 29, month: 12, year: 2024, leap: false });
    expect(solarToLunar('2026-02-14')).toEqual({ day: 27, month: 12, year: 2025, leap: false });
  });
  it('leap months: 2023 has a leap 2nd month, 2025 a leap 6th month', () => {
    expect(solarToLunar('2023-03-22')).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(lunarToSolar({ day: 1, month: 6, year: 2025, leap: true })).toBe('2025-07-25');
    expect(() => lunarToSolar({ day: 1, month: 5, year: 2025, leap: true })).toThrow(RangeError);
    expect(() => lunarToSolar({ day: 1, month: 1, year: 2024, leap: true })).toThrow(RangeError);
  });
  it('round-trips every day of 2024–2027', () => {
    for (let t = Date.UTC(2024, 0, 1); t <= Date.UTC(2027, 11, 31); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      expect(lunarToSolar(solarToLunar(date))).toBe(date);
    }
  });
});

describe('proposeLunarHolidays', () => {
  it('proposes 2027 (not in the data file): 1/5/2027 is a Saturday, so Monday 3/5 in lieu', () => {
    expect(proposeLunarHolidays(2027)).toEqual({
      year: 2027,
      tet: '2027-02-06',
      lunarNewYearsEve: '2027-02-05',
      hungKings: '2027-04-16',
      aprilDaysInLieu: ['2027-05-03'],
    });
  });
  it('matches the data file for 2024–2026', () => {
    expect(proposeLunarHolidays(2024).aprilDaysInLieu).toEqual([]);
    expect(proposeLunarHolidays(2025).aprilDaysInLieu).toEqual([]);
    expect(proposeLunarHolidays(2026).aprilDaysInLieu).toEqual(['2026-04-27']);
    expect(
      defaultCalendar()
        .data.years[2]!.daysOff.filter((d) => d.kind === 'compensatory')
        .map((d) => d.date),
    ).toEqual(['2026-04-27']);
  });
  it('pushes days in lieu past each other (2023: Giỗ Tổ Sat 29/4, 30/4 Sun, 1/5 Mon)', () => {
    expect(proposeLunarHolidays(2023).aprilDaysInLieu).toEqual(['2023-05-02', '2023-05-03']);
  });
});
