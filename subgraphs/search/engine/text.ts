// Index and query text on the same rules (DOMAIN.md §5, subgraphs/kit/search-text.ts): NFC,
// dash variants → "-", folded (no diacritics, đ→d — so either tone placement is one key),
// "/" and "-" spaced out so a number's parts are words too. Syllables are the words; adjacent
// pairs (bigrams) score phrases.
import { foldVietnamese, normaliseDocumentNumber } from '../../../schema/text/vietnamese.ts';
import { searchText, spaced } from '../../kit/search-text.ts';

/** Folded words of a stored text. */
export const foldForIndex = (text: string): string => spaced(foldVietnamese(normaliseDocumentNumber(text)));

export interface AnalysedQuery {
  /** Folded words, space-separated (plainto_tsquery: every word must appear). */
  words: string;
  list: string[];
  /** `a <-> b | b <-> c`: adjacent syllable pairs, for phrase scoring; null for one word. */
  bigrams: string | null;
  /** Exact number/code keys ("26/2017/QD-UBND", "1.001612"). */
  numberKeys: string[];
  numberFragment: string | null;
}

const CODE = /^\d{1,2}\.\d{6}(?:\.[\w.]+)?$/;
/** A tsquery lexeme: folded letters and digits only (nothing else can reach to_tsquery). */
const lexeme = (w: string) => w.replace(/[^a-z0-9]/g, '');

export function analyseQuery(raw: string | null): AnalysedQuery | null {
  const text = searchText(raw);
  if (!text) return null;
  const list = text.words.split(' ').map(lexeme).filter(Boolean).slice(0, 16);
  if (!list.length && !text.numberKeys.length) return null;
  const pairs = list.slice(1).map((w, i) => `${list[i]} <-> ${w}`);
  const trimmed = raw!.trim();
  const codes = CODE.test(trimmed) ? [trimmed] : [];
  return {
    words: list.join(' '),
    list,
    bigrams: pairs.length ? pairs.join(' | ') : null,
    numberKeys: [...new Set([...text.numberKeys, ...codes])],
    numberFragment: text.numberFragment,
  };
}
