// `search` in the graph (R-4.17a): the outbox is drained first (the next query after a
// publication sees it), then the index answers; hits become entity references for the gateway.
import { Arg, Args, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { HubError } from '../../schema/errors.ts';
import { PageArgs, pageWindow, toPage } from '../kit/pagination.ts';
import type { SearchContext } from './context.ts';
import { highlights } from './engine/highlight.ts';
import { SEARCH_KINDS } from './sources/registry.ts';
import { SearchKind, SearchResults, SearchSort, type EntityRef, type SearchHit } from './types.ts';

const MAX_KINDS = SEARCH_KINDS.length;

function checkArgs(kinds: string[] | null | undefined, year: number | null | undefined) {
  if (kinds && kinds.length > MAX_KINDS) throw new HubError('BAD_USER_INPUT', `At most ${MAX_KINDS} kinds.`, { field: 'kinds', reason: 'TOO_MANY' });
  if (year !== null && year !== undefined && (!Number.isInteger(year) || year < 1945 || year > 2200)) {
    throw new HubError('BAD_USER_INPUT', 'year is out of range.', { field: 'year', reason: 'RANGE' });
  }
}

const entityRef = (typename: string, keyField: string, key: string): EntityRef => ({ __typename: typename, key, [keyField]: key }) as EntityRef;

@Resolver()
export class SearchResolver {
  @Query(() => SearchResults, {
    description:
      'One search over every public kind: text typed with or without diacritics (đ = d, either tone placement), phrases, ' +
      'document numbers and procedure codes (QĐ/QD, any dash, spaces) — an exact number ranks first. Facets by kind, agency and year.',
  })
  async search(
    @Ctx() ctx: SearchContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('query', () => String, { nullable: true }) query?: string | null,
    @Arg('kinds', () => [SearchKind], { nullable: true }) kinds?: string[] | null,
    @Arg('agency', () => ID, { nullable: true, description: 'Only items of this portal Agency.' }) agency?: string | null,
    @Arg('year', () => Int, { nullable: true }) year?: number | null,
    @Arg('sort', () => SearchSort, { nullable: true, defaultValue: SearchSort.RELEVANCE }) sort?: SearchSort | null,
  ) {
    checkArgs(kinds, year);
    const window = pageWindow(page);
    await ctx.search.refresh();
    const answer = await ctx.search.index.search({
      query: query ?? null,
      kinds: kinds?.length ? kinds : null,
      agencyId: agency ?? null,
      year: year ?? null,
      sort: sort ?? SearchSort.RELEVANCE,
      take: window.take,
      skip: window.skip,
      now: ctx.clock(),
    });
    // Types this subgraph owns are answered here, whole (the gateway fetches the others).
    const own = await Promise.all(answer.hits.map((h) => (h.typename === 'HarvestedItem' ? ctx.portals.item.load(h.entityId) : null)));
    const nodes: SearchHit[] = answer.hits.map((h, i) => ({
      kind: h.kind,
      item:
        h.typename === 'HarvestedItem'
          ? own[i]
            ? ({ __typename: 'HarvestedItem', ...own[i] } as unknown as EntityRef)
            : null
          : entityRef(h.typename, h.keyField, h.entityId),
      title: h.title,
      date: h.date,
      score: h.score,
      exactMatch: h.exactMatch,
      highlights: highlights(h.title, h.bodyText, answer.words),
      agencies: h.agencyIds.map((id) => ({ id })),
      external: h.external,
      sourceUrl: h.sourceUrl,
      sourceName: h.sourceName,
    }));
    return {
      ...toPage(nodes, answer.total, window),
      facets: {
        kinds: answer.facets.kinds.map((f) => ({ kind: f.value, count: f.count })),
        agencies: answer.facets.agencies.map((f) => ({ agency: { id: f.value }, count: f.count })),
        years: answer.facets.years.map((f) => ({ year: f.value, count: f.count })),
      },
    };
  }
}
