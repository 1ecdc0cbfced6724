// How a legal basis as cited ("Quyết định số 26/2017/QĐ-UBND ngày …") names a document: by the
// search key of the number/symbol it contains (QĐ = QD, dash variants, spaces), the key the
// legal subgraph resolves LegalDocument by. Shared by the subgraphs citing documents and the seed.
import { documentNumberKey, normaliseDocumentNumber } from '../text/vietnamese.ts';

const TRAILING = /[.,;:)\]]+$/u;
const looksLikeNumber = (token: string) => /\d/u.test(token) && token.includes('/');

/** The number/symbol a citation names ("Quyết định số 26/2017/QĐ-UBND ngày …" → its key), if any. */
export function citedNumberKey(text: string): string | null {
  const token = normaliseDocumentNumber(text)
    .split(' ')
    .map((t) => t.replace(/^[([]+/u, '').replace(TRAILING, ''))
    .find(looksLikeNumber);
  return token ? documentNumberKey(token) : null;
}

/** The distinct keys a list of citations names, in citation order (what relatedContent looks up). */
export const citedNumberKeys = (texts: readonly string[]): string[] => [...new Set(texts.map(citedNumberKey).filter((k): k is string => k !== null))];
