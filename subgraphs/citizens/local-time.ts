// The province's clock: dates citizens see (received on, due on, a comment window's last day)
// are dates in Asia/Ho_Chi_Minh, whatever the server's zone. Vietnam keeps UTC+7 all year
// (no daylight saving since 1975), so a local midnight is a fixed offset from UTC.
import type { IsoDate } from '../../schema/calendar/working-days.ts';

export const PROVINCE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const DATE_FORMAT = new Intl.DateTimeFormat('en-CA', { timeZone: PROVINCE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The local calendar date of an instant. */
export const localDateOf = (instant: Date): IsoDate => DATE_FORMAT.format(instant);

/** The instant local midnight starts on a date. */
export const localMidnight = (date: IsoDate): Date => new Date(`${date}T00:00:00+07:00`);

/** The first instant after a local date (its end, exclusive). */
export const endOfLocalDay = (date: IsoDate): Date => new Date(localMidnight(date).getTime() + 86_400_000);

/** A DATE column (stored as UTC midnight) ↔ IsoDate. */
export const dateColumn = (date: IsoDate): Date => new Date(`${date}T00:00:00Z`);
export const isoOfColumn = (d: Date): IsoDate => d.toISOString().slice(0, 10);
