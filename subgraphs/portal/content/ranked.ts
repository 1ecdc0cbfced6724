// contentItems(filter.search) in relevance order: the filter (every word in the folded title,
// summary, subjects, kind details or body, so without diacritics, đ = d, either tone placement)
// picks the items; of those, the newest RANK_CANDIDATES are ranked in SQL — the whole phrase in
// the title, then anywhere, then title similarity, full-text rank and adjacent-word (bigram)
// rank — then newest first.
// Every value is a bound parameter.
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import { pageWindow, toPage, type PageArgs } from '../../kit/pagination.ts';
import { containsPattern } from '../../kit/search-text.ts';
import type { PortalContext } from '../context.ts';
import { searchWords } from '../search.ts';
import { toNodes } from './nodes.ts';

/** Matches beyond this (the newest ones are kept) are not ranked: a broad query lists by date past it. */
export const RANK_CANDIDATES = 2_000;

const NEWEST_FIRST: Prisma.ContentItemOrderByWithRelationInput[] = [{ publishedAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }];

export async function listRanked(ctx: PortalContext, where: Prisma.ContentItemWhereInput, search: string, page: PageArgs) {
  const window = pageWindow(page);
  const words = searchWords(search);
  const [candidates, total] = await Promise.all([
    ctx.prisma.contentItem.findMany({ where, select: { id: true }, orderBy: NEWEST_FIRST, take: RANK_CANDIDATES }),
    ctx.prisma.contentItem.count({ where }),
  ]);
  if (!candidates.length || window.skip >= candidates.length) return toPage([], total, window);
  const text = words.join(' ');
  const lexemes = words.map((w) => w.replace(/[^a-z0-9]/g, '')).filter(Boolean);
  const bigrams =
    lexemes
      .slice(1)
      .map((w, i) => `${lexemes[i]} <-> ${w}`)
      .join(' | ') ||
    lexemes[0] ||
    'x';
  // The whole phrase as typed (two words or more) in the title, else anywhere, ranks first.
  const phrase = words.length > 1 ? containsPattern(text) : null;
  const ranked = await ctx.prisma.$queryRaw<{ id: string }[]>`
    SELECT c.id FROM portal_content_item c WHERE c.id = ANY(${candidates.map((c) => c.id)}::uuid[])
    ORDER BY 3 * (${phrase}::text IS NOT NULL AND c.title_folded LIKE ${phrase})::int + 2 * (${phrase}::text IS NOT NULL AND c.search_folded LIKE ${phrase})::int
      + word_similarity(${text}, c.title_folded)
      + ts_rank(to_tsvector('simple'::regconfig, c.search_folded), plainto_tsquery('simple'::regconfig, ${text}))
      + 2 * ts_rank(to_tsvector('simple'::regconfig, c.search_folded), to_tsquery('simple'::regconfig, ${bigrams})) DESC,
      c.published_at DESC NULLS LAST, c.id DESC
    LIMIT ${window.take} OFFSET ${window.skip}`;
  const rows = await ctx.prisma.contentItem.findMany({ where: { id: { in: ranked.map((r) => r.id) } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = ranked.map((r) => byId.get(r.id)).filter((r): r is (typeof rows)[number] => !!r);
  return toPage(await toNodes(ctx, ordered), total, window);
}
