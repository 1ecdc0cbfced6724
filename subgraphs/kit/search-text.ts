// What a citizen types, turned into what the index holds: NFC and cleaned (cleanText), dash
// variants → "-", folded (no diacritics, đ→d — so "hoà"/"hòa" and "QĐ"/"QD" are equal),
// "/" and "-" spaced out for word matching, and every token that looks like a number/symbol
// as an exact key. Nothing here is SQL: the results travel as query parameters.
import { cleanText, TEXT_LIMITS } from '../../schema/text/input.ts';
import { documentNumberKey, foldVietnamese, normaliseDocumentNumber } from '../../schema/text/vietnamese.ts';

/** Abbreviations citizens type for issuers; the index holds the words. */
const ABBREVIATIONS: readonly [RegExp, string][] = Object.entries({ ubnd: 'uy ban nhan dan', hdnd: 'hoi dong nhan dan', 'ub nd': 'uy ban nhan dan' }).map(
  ([abbr, full]) => [new RegExp(`\\b${abbr}\\b`, 'g'), full],
);

export interface SearchText {
  /** Folded words, "/" and "-" as separators: for full-text and trigram matching. */
  words: string;
  /** Number/symbol keys in the text ("26/2017/QD-UBND"): an exact match ranks first. */
  numberKeys: string[];
  /** The longest number-like token, for partial number matches ("26/2017" → "%26/2017%"). */
  numberFragment: string | null;
}

export const spaced = (folded: string): string =>
  folded
    .replace(/[/\-–]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const looksLikeNumber = (token: string) => /\d/.test(token) && /[/]/.test(token);

export function searchText(raw: string | null | undefined): SearchText | null {
  if (!raw) return null;
  // Dash variants → "-", and "26/2017/QĐ - UBND": spaces around separators belong to the number.
  const cleaned = normaliseDocumentNumber(cleanText(raw, { field: 'query', max: TEXT_LIMITS.search, allowEmpty: true }));
  const words = spaced(foldVietnamese(cleaned));
  if (!words) return null;
  const tokens = cleaned.split(' ').filter(looksLikeNumber);
  const keys = [...new Set(tokens.map(documentNumberKey))].slice(0, 5);
  const whole = documentNumberKey(cleaned);
  if (looksLikeNumber(whole) && !keys.includes(whole)) keys.unshift(whole);
  const fragment = keys.reduce<string | null>((a, k) => (!a || k.length > a.length ? k : a), null);
  return { words, numberKeys: keys, numberFragment: fragment };
}

/** Folded words of a filter text, abbreviations expanded, for "every word appears" matching. */
export function filterWords(raw: string | null | undefined, field: string): string[] {
  if (!raw) return [];
  let folded = foldVietnamese(cleanText(raw, { field, max: TEXT_LIMITS.short, allowEmpty: true }));
  for (const [abbr, full] of ABBREVIATIONS) folded = folded.replace(abbr, full);
  return spaced(folded).split(' ').filter(Boolean).slice(0, 12);
}

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards escaped. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
