// Highlights cut from the display text (not the folded one, which has no diacritics): each
// character is folded on its own, so positions in the folded text map back to the original,
// and a query word is marked where it starts a word of the text. Ranges are UTF-16 offsets
// into `text`, for the frontend to wrap (no markup here: nothing to escape, nothing to inject).
import { foldVietnamese } from '../../../schema/text/vietnamese.ts';

export interface Highlight {
  field: 'title' | 'body';
  text: string;
  ranges: { start: number; length: number }[];
}

const SNIPPET = 240;
const MAX_RANGES = 20;

function foldMap(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    const f = /\s/.test(ch) ? ' ' : foldVietnamese(ch).replace(/[/\-–]/g, ' ');
    for (const c of f) {
      folded += c;
      origin.push(i);
    }
  }
  origin.push(text.length);
  return { folded, origin };
}

function matches(text: string, words: string[]): { start: number; length: number }[] {
  if (!words.length || !text) return [];
  const { folded, origin } = foldMap(text.normalize('NFC'));
  const ranges: { start: number; length: number }[] = [];
  for (const word of new Set(words)) {
    let at = folded.indexOf(word);
    while (at >= 0 && ranges.length < MAX_RANGES) {
      const startsWord = at === 0 || !/[a-z0-9]/.test(folded[at - 1]!);
      if (startsWord) {
        const start = origin[at]!;
        const end = origin[at + word.length - 1]! + 1;
        ranges.push({ start, length: end - start });
      }
      at = folded.indexOf(word, at + word.length);
    }
  }
  return ranges.sort((a, b) => a.start - b.start).filter((r, i, all) => i === 0 || r.start >= all[i - 1]!.start + all[i - 1]!.length);
}

/** The title with its matches, and a snippet of the body around the first match. */
export function highlights(title: string, body: string, words: string[]): Highlight[] {
  const out: Highlight[] = [{ field: 'title', text: title, ranges: matches(title, words) }];
  const all = matches(body, words);
  if (!all.length) return out;
  const from = Math.max(0, all[0]!.start - 60);
  const cut = body.slice(from, from + SNIPPET);
  const text = `${from > 0 ? '…' : ''}${cut}${from + SNIPPET < body.length ? '…' : ''}`;
  const shift = from > 0 ? 1 - from : 0;
  const ranges = all.filter((r) => r.start >= from && r.start + r.length <= from + SNIPPET).map((r) => ({ start: r.start + shift, length: r.length }));
  out.push({ field: 'body', text, ranges });
  return out;
}
