// Text and dates as they arrive from Vietnamese upstreams, made safe for the domain:
// legacy 8-bit encodings repaired and NFC (DOMAIN.md §5), whitespace tidied, and dates read in
// Vietnam's calendar (Asia/Ho_Chi_Minh, UTC+7, no daylight saving).
import type { IsoDate } from '../../schema/domain/legal.ts';
import { repairVietnamese } from '../../schema/text/legacy.ts';

/** One-line text: legacy encodings repaired, NFC, whitespace collapsed. */
export const cleanLine = (text: string): string => repairVietnamese(text).replace(/\s+/gu, ' ').trim();

/** Like `cleanLine`, null for missing or blank. */
export const cleanOptional = (text: string | null | undefined): string | null => (text ? cleanLine(text) || null : null);

/** Multi-line text (full text of a document): repaired, NFC, line breaks normalised. */
export const cleanBlock = (text: string | null | undefined): string | null => (text ? repairVietnamese(text).replace(/\r\n?/g, '\n').trim() || null : null);

/** Text from an HTML-bearing field (an RSS description): tags dropped, then `cleanLine`. */
export const textFromHtml = (html: string): string => cleanLine(html.replace(/<[^>]*>/g, ' '));

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+)?$/;

/**
 * A calendar date in Vietnam. Text without a zone is Vietnam local time ("2006-01-02T15:04:05",
 * "2017-08-17"); a Date, zoned text or an RFC 822 date is an instant, shifted to UTC+7.
 */
export function vietnamDate(value: Date | string | null | undefined): IsoDate | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' && LOCAL_DATE_TIME.test(value)) return validDate(value.slice(0, 10));
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (Number.isNaN(ms)) return null;
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as ISO-8601 UTC; zone-less text is Vietnam local time. */
export function vietnamInstant(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const zoned = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(value) ? `${value}+07:00` : value;
  const ms = typeof zoned === 'string' ? Date.parse(zoned) : zoned.getTime();
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** "YYYY-MM-DD" that exists in the calendar (no 2017-02-30), else null. */
function validDate(text: string): IsoDate | null {
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(text) ? text : null;
}
