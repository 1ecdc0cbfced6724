// The Vietnamese lunisolar calendar (âm lịch), after Hồ Ngọc Đức's well-known algorithm
// ("Lịch Việt Nam", astronomical new moons and solar terms, Meeus-style series). Vietnam uses
// UTC+7, which is why Tết sometimes differs from the Chinese New Year (UTC+8).
// Use: *propose* next year's lunar holidays (Tết 1/1, Giỗ Tổ Hùng Vương 10/3). The data file
// vn-public-holidays.json stays authoritative: the government decides the actual days off.
// Accurate for roughly 1900–2100, the range the series were fitted for.
import { dayNumber, toIsoDate, weekdayOf, type IsoDate } from './working-days.ts';

export const VIETNAM_UTC_OFFSET_HOURS = 7;
const JD_UNIX_EPOCH = 2_440_588; // Julian day number of 1970-01-01
const SYNODIC_MONTH = 29.530588853;
const JD_1900_NEW_MOON = 2_415_021.076998695; // new moon of 1900-01-01, the series' epoch
const DR = Math.PI / 180;
const int = Math.floor;

export interface LunarDate {
  day: number;
  month: number;
  /** The lunar year, named after the solar year in which it mostly falls. */
  year: number;
  leap: boolean;
}

/** Julian day (fractional) of the k-th new moon after 1900-01-01, in UT. */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2_415_020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DR);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * DR) + 0.0021 * Math.sin(2 * DR * M);
  c1 += -0.4068 * Math.sin(Mpr * DR) + 0.0161 * Math.sin(DR * 2 * Mpr) - 0.0004 * Math.sin(DR * 3 * Mpr);
  c1 += 0.0104 * Math.sin(DR * 2 * F) - 0.0051 * Math.sin(DR * (M + Mpr));
  c1 += -0.0074 * Math.sin(DR * (M - Mpr)) + 0.0004 * Math.sin(DR * (2 * F + M));
  c1 += -0.0004 * Math.sin(DR * (2 * F - M)) - 0.0006 * Math.sin(DR * (2 * F + Mpr));
  c1 += 0.001 * Math.sin(DR * (2 * F - Mpr)) + 0.0005 * Math.sin(DR * (2 * Mpr + M));
  const deltaT = T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** The sun's apparent longitude in radians, normalised to [0, 2π), at Julian day `jd` (UT). */
function sunLongitude(jd: number): number {
  const T = (jd - 2_451_545.0) / 36_525;
  const T2 = T * T;
  const M = 357.5291 + 35_999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36_000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DR * M);
  DL += (0.019993 - 0.000101 * T) * Math.sin(DR * 2 * M) + 0.00029 * Math.sin(DR * 3 * M);
  const L = (L0 + DL) * DR;
  return L - Math.PI * 2 * int(L / (Math.PI * 2));
}

const tz = VIETNAM_UTC_OFFSET_HOURS;
/** Julian day number of the local day holding the k-th new moon. */
const newMoonDay = (k: number): number => int(newMoon(k) + 0.5 + tz / 24);
/** Which of the 12 solar-term sectors (0–11) the sun is in at the start of local day `jdn`. */
const sunSector = (jdn: number): number => int((sunLongitude(jdn - 0.5 - tz / 24) / Math.PI) * 6);

/** Start (Julian day number) of lunar month 11, the month holding the winter solstice, of year `yy`. */
function lunarMonth11(yy: number): number {
  const off = dayNumber(`${yy}-12-31`) + JD_UNIX_EPOCH - 2_415_021;
  const k = int(off / SYNODIC_MONTH);
  const nm = newMoonDay(k);
  return sunSector(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

/** In a 13-month year starting at month 11 `a11`: index of the first month without a solar term (the leap month). */
function leapMonthOffset(a11: number): number {
  const k = int((a11 - JD_1900_NEW_MOON) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i += 1;
    arc = sunSector(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

/** The solar date of a lunar date; throws RangeError for a leap month that does not exist that year. */
export function lunarToSolar(lunar: { day: number; month: number; year: number; leap?: boolean }): IsoDate {
  const { day, month, year, leap = false } = lunar;
  const [a11, b11] = month < 11 ? [lunarMonth11(year - 1), lunarMonth11(year)] : [lunarMonth11(year), lunarMonth11(year + 1)];
  const k = int(0.5 + (a11 - JD_1900_NEW_MOON) / SYNODIC_MONTH);
  let off = (month - 11 + 12) % 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    const leapMonth = (leapOff - 2 + 12) % 12;
    if (leap && month !== leapMonth) throw new RangeError(`Lunar year ${year} has no leap month ${month}`);
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    throw new RangeError(`Lunar year ${year} has no leap month`);
  }
  return toIsoDate(newMoonDay(k + off) + day - 1 - JD_UNIX_EPOCH);
}

/** The lunar date of a solar date. */
export function solarToLunar(date: IsoDate): LunarDate {
  const jdn = dayNumber(date) + JD_UNIX_EPOCH;
  const yy = Number(date.slice(0, 4));
  const k = int((jdn - JD_1900_NEW_MOON) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1);
  if (monthStart > jdn) monthStart = newMoonDay(k);
  let a11 = lunarMonth11(yy);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = yy;
    a11 = lunarMonth11(yy - 1);
  } else {
    year = yy + 1;
    b11 = lunarMonth11(yy + 1);
  }
  const diff = int((monthStart - a11) / 29);
  let month = diff + 11;
  let leap = false;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { day: jdn - monthStart + 1, month, year, leap };
}

export const tetDate = (year: number): IsoDate => lunarToSolar({ day: 1, month: 1, year });
export const hungKingsDate = (year: number): IsoDate => lunarToSolar({ day: 10, month: 3, year });

export interface LunarHolidayProposal {
  year: number;
  /** Mùng 1 Tết. The 5 Tết days off around it are chosen by the government each year. */
  tet: IsoDate;
  /** The last day of the previous lunar year (29 or 30 tháng Chạp). */
  lunarNewYearsEve: IsoDate;
  hungKings: IsoDate;
  /** Days in lieu for Giỗ Tổ, 30/4 and 1/5 falling on a weekend (Labour Code art. 111(3)). */
  aprilDaysInLieu: IsoDate[];
}

/**
 * Art. 111(3): a holiday on a weekly rest day gives the next working day off. Holidays close
 * together push each other on (2023: Sat 29/4, Sun 30/4, Mon 1/5 → Tue 2/5 and Wed 3/5 off).
 */
function daysInLieu(holidays: number[]): number[] {
  const taken = new Set(holidays);
  const isWeekend = (day: number) => [0, 6].includes(weekdayOf(toIsoDate(day)));
  const result: number[] = [];
  for (const h of [...holidays].sort((a, b) => a - b)) {
    if (!isWeekend(h)) continue;
    let d = h + 1;
    while (isWeekend(d) || taken.has(d)) d += 1;
    taken.add(d);
    result.push(d);
  }
  return result;
}

/** Lunar holidays of `year`, computed: input for a human adding the year to the data file. */
export function proposeLunarHolidays(year: number): LunarHolidayProposal {
  const tet = tetDate(year);
  const hungKings = hungKingsDate(year);
  const april = [hungKings, `${year}-04-30`, `${year}-05-01`].map(dayNumber);
  return {
    year,
    tet,
    lunarNewYearsEve: toIsoDate(dayNumber(tet) - 1),
    hungKings,
    aprilDaysInLieu: daysInLieu(april).map(toIsoDate),
  };
}
