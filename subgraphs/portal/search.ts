// Accent-insensitive matching on the stored folded columns: every word the user typed must
// appear in the folded text. Parameters only — user text never reaches SQL as code (A23).
import { foldVietnamese } from '../../schema/text/vietnamese.ts';
import { cleanText, TEXT_LIMITS } from '../../schema/text/input.ts';

export function searchWords(raw: string | null | undefined): string[] {
  if (!raw) return [];
  const folded = foldVietnamese(cleanText(raw, { field: 'search', max: TEXT_LIMITS.search, allowEmpty: true }));
  return folded.split(' ').filter(Boolean).slice(0, 12);
}

/** A Prisma `AND` list requiring each word in `column`. */
export function foldedContains<K extends string>(column: K, raw: string | null | undefined): Record<K, { contains: string }>[] {
  return searchWords(raw).map((w) => ({ [column]: { contains: w } }) as Record<K, { contains: string }>);
}
