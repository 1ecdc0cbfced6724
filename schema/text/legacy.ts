// Legacy 8-bit Vietnamese encodings → NFC Unicode (DOMAIN.md §5).
// Old provincial systems still emit TCVN3/ABC, VNI-Windows, Windows-1258 and VISCII. The bytes
// usually reach us already mis-decoded as Latin-1/Windows-1252 ("QuyÕt ®Þnh sè"), so besides
// decoding raw bytes we detect such strings and repair them — conservatively: a string is only
// rewritten when the repaired form reads clearly better as Vietnamese syllables than the
// original, and never when it already contains Vietnamese-only Unicode letters.
import iconv from 'iconv-lite';
import { nfc } from './vietnamese.ts';

export type LegacyEncoding = 'tcvn3' | 'vni' | 'windows-1258' | 'viscii';

const ICONV_NAME: Record<Exclude<LegacyEncoding, 'vni'>, string> = {
  tcvn3: 'tcvn',
  'windows-1258': 'windows1258',
  viscii: 'viscii',
};

/** Decode raw bytes in a legacy encoding to NFC Unicode. */
export function decodeLegacyBytes(bytes: Uint8Array, encoding: LegacyEncoding): string {
  const buffer = Buffer.from(bytes);
  if (encoding === 'vni') return nfc(vniToUnicode(iconv.decode(buffer, 'windows1252')));
  return nfc(iconv.decode(buffer, ICONV_NAME[encoding]));
}

// ---------------------------------------------------------------------------------------------
// VNI-Windows: not in iconv-lite. A toned vowel is the base letter followed by one mark byte
// ("eá" = ế); i-vowels, ỵ, đ, ơ, ư are single bytes. Table built from the marks, not typed out.
const TONES = ['\u0301', '\u0300', '\u0309', '\u0303', '\u0323'] as const; // sắc huyền hỏi ngã nặng
const PLAIN_MARKS = { lower: ['ù', 'ø', 'û', 'õ', 'ï'], upper: ['Ù', 'Ø', 'Û', 'Õ', 'Ï'] };
const CIRCUMFLEX_MARKS = { lower: ['â', 'á', 'à', 'å', 'ã', 'ä'], upper: ['Â', 'Á', 'À', 'Å', 'Ã', 'Ä'] };
const BREVE_MARKS = { lower: ['ê', 'é', 'è', 'ú', 'ü', 'ë'], upper: ['Ê', 'É', 'È', 'Ú', 'Ü', 'Ë'] };
const VNI_SINGLES: Record<string, string> = {
  ì: 'ì',
  í: 'í',
  æ: 'ỉ',
  ó: 'ĩ',
  ò: 'ị',
  î: 'ỵ',
  ñ: 'đ',
  ô: 'ơ',
  ö: 'ư',
  Ì: 'Ì',
  Í: 'Í',
  Æ: 'Ỉ',
  Ó: 'Ĩ',
  Ò: 'Ị',
  Î: 'Ỵ',
  Ñ: 'Đ',
  Ô: 'Ơ',
  Ö: 'Ư',
};

function buildVniTable(): Map<string, string> {
  const table = new Map<string, string>();
  const add = (vni: string, letter: string) => table.set(vni, letter.normalize('NFC'));
  for (const [marks, bases] of [
    [PLAIN_MARKS.lower, ['a', 'e', 'o', 'u', 'y', 'ô', 'ö']],
    [PLAIN_MARKS.upper, ['A', 'E', 'O', 'U', 'Y', 'Ô', 'Ö']],
  ] as const) {
    for (const base of bases) {
      const letter = VNI_SINGLES[base] ?? base;
      marks.forEach((mark, t) => add(base + mark, letter + TONES[t]));
    }
  }
  for (const [marks, bases, modifier] of [
    [CIRCUMFLEX_MARKS.lower, ['a', 'e', 'o'], '\u0302'],
    [CIRCUMFLEX_MARKS.upper, ['A', 'E', 'O'], '\u0302'],
    [BREVE_MARKS.lower, ['a'], '\u0306'],
    [BREVE_MARKS.upper, ['A'], '\u0306'],
  ] as const) {
    for (const base of bases) marks.forEach((mark, t) => add(base + mark, base + modifier + (t === 0 ? '' : TONES[t - 1])));
  }
  for (const [vni, letter] of Object.entries(VNI_SINGLES)) add(vni, letter);
  return table;
}

const VNI_TABLE = buildVniTable();

/** VNI text read as Windows-1252 ("Quyeát ñònh soá") → Unicode ("Quyết định số"). */
export function vniToUnicode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length;) {
    const pair = VNI_TABLE.get(text.slice(i, i + 2));
    if (pair) {
      out += pair;
      i += 2;
      continue;
    }
    out += VNI_TABLE.get(text[i]!) ?? text[i];
    i += 1;
  }
  return nfc(out);
}

/** Unicode → VNI as Windows-1252 text: used to build fixtures and tests. */
export function unicodeToVni(text: string): string {
  const reverse = new Map([...VNI_TABLE].map(([vni, letter]) => [letter, vni]));
  return [...nfc(text)].map((ch) => reverse.get(ch) ?? ch).join('');
}

/**
 * Unicode → legacy bytes, the inverse of `decodeLegacyBytes`: fixtures and fake upstreams use
 * it to produce what old systems send. Windows-1258 keeps tones as combining marks.
 */
export function encodeLegacy(text: string, encoding: LegacyEncoding): Buffer {
  if (encoding === 'vni') return iconv.encode(unicodeToVni(text), 'windows1252');
  if (encoding !== 'windows-1258') return iconv.encode(nfc(text), ICONV_NAME[encoding]);
  const split = [...nfc(text)].map((ch) => {
    const parts = ch.normalize('NFD');
    const tones = parts.replace(/[^\u0300\u0301\u0303\u0309\u0323]/gu, '');
    return parts.replace(/[\u0300\u0301\u0303\u0309\u0323]/gu, '').normalize('NFC') + tones;
  });
  return iconv.encode(split.join(''), 'windows1258');
}

// ---------------------------------------------------------------------------------------------
// Scoring: the share of words that are well-formed Vietnamese syllables (onset, nucleus, coda,
// at most one tone mark). Mojibake ("QuyÕt", "ñònh", "®Þnh") fails it; real text passes.
const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?';
const NUCLEUS =
  '(?:iêu|yêu|oai|oao|oay|oeo|uây|uôi|uya|uyê|uyu|ươi|ươu|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|iê|oa|oă|oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ưu|ươ|yê|[aăâeêioôơuưy])';
const CODA = '(?:ch|ng|nh|[cmnpt])?';
const SYLLABLE = new RegExp(`^${ONSET}${NUCLEUS}${CODA}$`, 'u');
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;

function isSyllable(word: string): boolean {
  // Vietnamese words are lower-case, Capitalised or ALL CAPS: "ChÝnh" is a mis-decoding.
  if (/\p{Ll}\p{Lu}/u.test(word)) return false;
  const decomposed = word.toLowerCase().normalize('NFD');
  if ((decomposed.match(TONE_MARKS) ?? []).length > 1) return false;
  return SYLLABLE.test(decomposed.replace(TONE_MARKS, '').normalize('NFC'));
}

/** Share (0..1) of letter-bearing words that read as Vietnamese syllables. */
export function syllableScore(text: string): number {
  const words = nfc(text)
    .split(/[\s\p{P}]+/u)
    .filter((w) => /\p{L}/u.test(w));
  if (words.length === 0) return 0;
  return words.filter(isSyllable).length / words.length;
}

// ---------------------------------------------------------------------------------------------
// Detection and repair of mis-decoded strings.

// Letters only Vietnamese Unicode has (precomposed tone letters, ă đ ơ ư) and the combining
// marks Windows-1258 decodes to: their presence means the text is already Unicode.
const VIETNAMESE_LETTERS = /[\u1EA0-\u1EF9\u0102\u0103\u0110\u0111\u01A0\u01A1\u01AF\u01B0\u0128\u0129\u0168\u0169]/u;
const COMBINING_MARK = /\p{Mn}/u;
const isVietnameseUnicode = (text: string) => VIETNAMESE_LETTERS.test(text) || COMBINING_MARK.test(text);
// A mis-decoded legacy string always carries some Latin-1 / Windows-1252 high characters.
const HIGH_SINGLE_BYTE =
  /[\u0080-\u00FF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]/u;

const MIN_REPAIRED_SCORE = 0.75;
const MIN_IMPROVEMENT = 0.25;
/** TCVN3 first: by far the most common in provincial archives; ties keep the earlier one. */
const CANDIDATES: readonly LegacyEncoding[] = ['tcvn3', 'vni', 'windows-1258', 'viscii'];

export interface Repair {
  text: string;
  /** The encoding the text was repaired from, or null when it was left as it was (NFC). */
  repairedFrom: LegacyEncoding | null;
}

/**
 * Repair a string that arrived as legacy bytes mis-decoded as Latin-1/Windows-1252.
 * Ordinary Unicode (including Latin-1-only words such as "Tô Lâm") is returned as NFC.
 */
export function repairLegacyText(input: string): Repair {
  const text = nfc(input);
  const unchanged: Repair = { text, repairedFrom: null };
  if (isVietnameseUnicode(text) || !HIGH_SINGLE_BYTE.test(text)) return unchanged;
  const bytes = toSingleBytes(text);
  if (!bytes) return unchanged;
  const before = syllableScore(text);
  let best = unchanged;
  let bestScore = before;
  for (const encoding of CANDIDATES) {
    const candidate = decodeCandidate(text, bytes, encoding);
    const score = syllableScore(candidate);
    // On a tie, the decoding that joined more bytes into letters (the shorter text) wins: VNI
    // writes a toned vowel as two bytes, and read one byte at a time they can look like
    // syllables too ("Chính phuû" is VNI "Chính phủ", not TCVN3 "Chớnh phuỷ").
    const shorter = best.repairedFrom !== null && [...candidate].length < [...best.text].length;
    const better = score > bestScore || (score === bestScore && shorter);
    if (better && isVietnameseUnicode(candidate)) {
      best = { text: candidate, repairedFrom: encoding };
      bestScore = score;
    }
  }
  return bestScore >= MIN_REPAIRED_SCORE && bestScore - before >= MIN_IMPROVEMENT ? best : unchanged;
}

/** The repaired text only (NFC either way). */
export const repairVietnamese = (input: string): string => repairLegacyText(input).text;

function decodeCandidate(text: string, bytes: Buffer, encoding: LegacyEncoding): string {
  if (encoding === 'vni') return vniToUnicode(text);
  const decoded = nfc(iconv.decode(bytes, ICONV_NAME[encoding]));
  return encoding === 'tcvn3' ? restoreCapitals(text, decoded) : decoded;
}

/**
 * TCVN3 (ABC) has no capital toned letters: capitals come from an upper-case font that reuses
 * the lower-case codes ("QUYÕT"). A word whose ASCII letters are all capitals was typed so.
 */
function restoreCapitals(original: string, decoded: string): string {
  const originalWords = original.split(/(\s+)/u);
  const decodedWords = decoded.split(/(\s+)/u);
  if (originalWords.length !== decodedWords.length) return decoded;
  return decodedWords
    .map((word, i) => {
      const ascii = (originalWords[i] ?? '').replace(/[^A-Za-z]/g, '');
      return ascii.length >= 2 && ascii === ascii.toUpperCase() ? word.toUpperCase() : word;
    })
    .join('');
}

// Windows-1252 characters outside Latin-1, mapped back to their byte.
const CP1252_EXTRAS = new Map<string, number>(
  [...iconv.decode(Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i)), 'windows1252')].map((ch, i): [string, number] => [ch, 0x80 + i]),
);

/** The single bytes a Latin-1 or Windows-1252 decoder turned into this text, or null. */
function toSingleBytes(text: string): Buffer | null {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const byte = code <= 0xff ? code : CP1252_EXTRAS.get(ch);
    if (byte === undefined) return null;
    out.push(byte);
  }
  return Buffer.from(out);
}
