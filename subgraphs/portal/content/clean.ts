// Input rules for content fields: every string through cleanText (NFC, controls, length),
// rich text through an allowlist sanitiser, codes and numbers checked before they reach SQL.
import sanitizeHtml from 'sanitize-html';
import { HubError } from '../../../schema/errors.ts';
import { cleanOptionalText, cleanText, TEXT_LIMITS } from '../../../schema/text/input.ts';
import { nfc } from '../../../schema/text/vietnamese.ts';
import { fromLocalDate } from '../../kit/scalars.ts';
import { isUuid } from '../../kit/batch.ts';

export { TEXT_LIMITS };

export const bad = (field: string, reason: string, message: string) => new HubError('BAD_USER_INPUT', message, { field, reason });

export const text = (v: string, field: string, max: number = TEXT_LIMITS.short) => cleanText(v, { field, max });
export const optText = (v: string | null | undefined, field: string, max: number = TEXT_LIMITS.short) => cleanOptionalText(v, { field, max });
export const optMultiline = (v: string | null | undefined, field: string, max: number = TEXT_LIMITS.summary) =>
  cleanOptionalText(v, { field, max, multiline: true });
export const multiline = (v: string, field: string, max: number = TEXT_LIMITS.summary) => cleanText(v, { field, max, multiline: true });

/** Tags and attributes an editor may use in a body; everything else (scripts, styles, event handlers) is dropped. */
const RICH_TEXT: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'b',
    'em',
    'i',
    'u',
    'sub',
    'sup',
    'ul',
    'ol',
    'li',
    'h2',
    'h3',
    'h4',
    'blockquote',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'figure',
    'figcaption',
    'img',
    'hr',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'width', 'height'], th: ['colspan', 'rowspan', 'scope'], td: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
};

/** Sanitised HTML, NFC. Plain text passes through (escaped), so an editor may type either. */
export function richText(v: string, field: string, allowEmpty = false): string {
  const cleaned = cleanText(v, { field, max: TEXT_LIMITS.body, multiline: true, allowEmpty });
  return nfc(sanitizeHtml(cleaned, RICH_TEXT)).trim();
}
export const optRichText = (v: string | null | undefined, field: string) => (v === null || v === undefined ? null : richText(v, field, true) || null);

export interface LocalizedInput {
  vi: string;
  en?: string | null;
}

export function localizedIn(input: LocalizedInput, field: string, max: number, multi = false): { vi: string; en: string | null } {
  const clean = multi ? multiline : text;
  const optClean = multi ? optMultiline : optText;
  return { vi: clean(input.vi, `${field}.vi`, max), en: optClean(input.en, `${field}.en`, max) };
}

export function optLocalizedIn(input: LocalizedInput | null | undefined, field: string, max: number, multi = false) {
  return input ? localizedIn(input, field, max, multi) : { vi: null, en: null };
}

/** An id argument used as a filter: a malformed one is the caller's mistake, not a server error. */
export function uuidArg(v: string | null | undefined, field: string): string | null {
  if (v === null || v === undefined) return null;
  if (!isUuid(v)) throw bad(field, 'ID', `${field} is not a valid id.`);
  return v;
}

const UNIT_CODE = /^\d{2,5}$/;
/** Codes of the national list of administrative units (province 2, district 3, commune 5 digits). */
export function unitCodes(list: readonly string[] | null | undefined, field = 'unitCodes'): string[] {
  const codes = [...new Set((list ?? []).map((c) => c.trim()))];
  if (codes.length > 200) throw bad(field, 'TOO_MANY', `${field} lists too many units.`);
  for (const c of codes) if (!UNIT_CODE.test(c)) throw bad(field, 'UNIT_CODE', `${field} holds an invalid unit code.`);
  return codes;
}

export function stringList(list: readonly string[] | null | undefined, field: string, maxItems = 30, max = 120): string[] {
  const items = (list ?? []).map((s, i) => text(s, `${field}[${i}]`, max));
  if (items.length > maxItems) throw bad(field, 'TOO_MANY', `${field} has too many entries.`);
  return [...new Set(items)];
}

export const optDate = (s: string | null | undefined): Date | null => (s ? fromLocalDate(s) : null);

/** Money in VND: at most 18 integer digits and 2 decimals, not negative (DECIMAL(20,2)). */
export function money(v: string, field: string): string {
  if (!/^\d{1,18}(\.\d{1,2})?$/.test(v)) throw bad(field, 'MONEY', `${field} must be a non-negative amount in VND with at most 2 decimals.`);
  return v;
}
export const optMoney = (v: string | null | undefined, field: string) => (v === null || v === undefined ? null : money(v, field));

export function decimalIn(v: string, field: string, intDigits: number, scale: number): string {
  const re = new RegExp(`^-?\\d{1,${intDigits}}(\\.\\d{1,${scale}})?$`);
  if (!re.test(v)) throw bad(field, 'DECIMAL', `${field} is out of range.`);
  return v;
}

export function year(v: number | null | undefined, field: string): number | null {
  if (v === null || v === undefined) return null;
  if (!Number.isInteger(v) || v < 1900 || v > 2200) throw bad(field, 'YEAR', `${field} must be a year between 1900 and 2200.`);
  return v;
}

export function nonNegativeInt(v: number | null | undefined, field: string, max = 1_000_000_000): number | null {
  if (v === null || v === undefined) return null;
  if (!Number.isInteger(v) || v < 0 || v > max) throw bad(field, 'RANGE', `${field} is out of range.`);
  return v;
}

export function ordered(a: number | Date | null, b: number | Date | null, field: string) {
  if (a !== null && b !== null && a > b) throw bad(field, 'ORDER', `${field}: the start is after the end.`);
}
