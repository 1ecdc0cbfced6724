// Vietnamese text rules shared by every boundary (R-2.1, DOMAIN.md §5).
// - Store and emit NFC. NFC does not fix tone placement ("hoà" ≠ "hòa"), so search keys
//   canonicalise it; display strings are kept as received.
// - Folding for diacritic-insensitive search maps đ/Đ → d/D (NFD stripping alone does not).

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/u;
const TONE_MARKS_G = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const COMBINING = /[\u0300-\u036f]/gu;
const VOWELS = 'aăâeêioôơuưy';
/** Vowels whose own diacritic (breve, circumflex, horn) attracts the tone mark. */
const MARKED_VOWELS = 'ăâêôơư';

/** NFC, as stored everywhere. */
export const nfc = (s: string): string => s.normalize('NFC');

/** Diacritic-free, lower-case, đ→d, single-spaced: the key for accent-insensitive search. */
export function foldVietnamese(s: string): string {
  return s.normalize('NFD').replace(COMBINING, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/**
 * Put each syllable's tone mark where the modern rule places it ("hòa" → "hoà",
 * "thủy" → "thuỷ"), keeping case and everything else, NFC out. Accent-sensitive search keys
 * use this so that both placements met in official data compare equal.
 */
export function canonicalTones(s: string): string {
  return nfc(s).replace(/\p{L}+/gu, canonicalSyllable);
}

function canonicalSyllable(word: string): string {
  const decomposed = word.normalize('NFD');
  const tone = decomposed.match(TONE_MARKS)?.[0];
  if (!tone) return word;
  // Base letters with their own diacritics (ă â ê ô ơ ư) but no tone.
  const bare = decomposed.replace(TONE_MARKS_G, '').normalize('NFC');
  const lower = bare.toLowerCase();
  const target = toneTargetIndex(lower);
  if (target < 0) return word;
  const chars = [...bare];
  chars[target] = (chars[target]! + tone).normalize('NFC');
  return chars.join('');
}

function toneTargetIndex(lower: string): number {
  const chars = [...lower];
  let start = chars.findIndex((c) => VOWELS.includes(c));
  if (start < 0) return -1;
  // "gi" and "qu": the i/u belongs to the consonant when another vowel follows.
  if (start > 0 && ((chars[start - 1] === 'g' && chars[start] === 'i') || (chars[start - 1] === 'q' && chars[start] === 'u'))) {
    if (chars[start + 1] && VOWELS.includes(chars[start + 1]!)) start += 1;
  }
  let end = start;
  while (end < chars.length && VOWELS.includes(chars[end]!)) end += 1;
  const nucleus = chars.slice(start, end);
  const hasCoda = end < chars.length;
  const marked = nucleus.findLastIndex((c) => MARKED_VOWELS.includes(c));
  if (marked >= 0) return start + marked;
  if (nucleus.length === 1) return start;
  if (nucleus.length >= 3) return start + 1;
  const pair = nucleus.join('');
  if (hasCoda || pair === 'oa' || pair === 'oe' || pair === 'uy') return start + 1;
  return start;
}

/** Tone-canonical and lower-case: equal for "Hoà"/"hòa", different from "hoa". */
export const accentKey = (s: string): string => canonicalTones(s).toLowerCase();

const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/gu;

/**
 * Number/symbol of a legal document as indexed: NFC, every dash variant → "-", spaces
 * collapsed and removed around "/" and "-". "Không số" is kept as it is.
 */
export function normaliseDocumentNumber(raw: string): string {
  return nfc(raw)
    .replace(DASHES, '-')
    .replace(/\s+/gu, ' ')
    .replace(/\s*([/-])\s*/gu, '$1')
    .trim();
}

/** The search key of a number/symbol: normalised, folded (QĐ → qd), upper-cased. */
export const documentNumberKey = (raw: string): string => foldVietnamese(normaliseDocumentNumber(raw)).toUpperCase();

/** URL slug from Vietnamese text: "Tỉnh Vĩnh Phúc" → "tinh-vinh-phuc". */
export function slugify(s: string, maxLength = 120): string {
  return foldVietnamese(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}
