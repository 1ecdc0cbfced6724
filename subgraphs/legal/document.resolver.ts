// Queries on legal documents: by id, by number/symbol (with live lookup), and the search tool.
import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import { HubError } from '../../schema/errors.ts';
import { pageWindow, PageArgs, toPage } from '../kit/pagination.ts';
import { isUuid } from '../kit/batch.ts';
import type { LegalContext } from './context.ts';
import { lookupByNumber } from './lookup/lookup-by-number.ts';
import { toDocument } from './mappers.ts';
import { searchDocumentIds } from './search/search-documents.ts';
import { LegalDocument, LegalDocumentLookup, LegalDocumentPage } from './types/document.types.ts';
import { LegalDocumentSort } from './types/enums.ts';
import { LegalDocumentFilter } from './types/search.types.ts';

@Resolver(() => LegalDocument)
export class LegalDocumentResolver {
  @Query(() => LegalDocument, { nullable: true, description: 'One legal document by id.' })
  async legalDocument(@Arg('id', () => ID) id: string, @Ctx() ctx: LegalContext): Promise<LegalDocument | null> {
    if (!isUuid(id)) return null;
    const row = await ctx.loaders.document.load(id);
    return row ? toDocument(row) : null;
  }

  @Query(() => LegalDocumentLookup, {
    nullable: true,
    description:
      'One legal document by number/symbol, spelled any way ("26/2017/QĐ-UBND", "26/2017/QD-UBND", any dash). Not yet synced, or `refresh`: asked live from the national database; if that fails, the last-known copy is returned with stale: true.',
  })
  async legalDocumentByNumber(
    @Arg('number', () => String) number: string,
    @Arg('refresh', () => Boolean, { defaultValue: false }) refresh: boolean,
    @Ctx() ctx: LegalContext,
  ): Promise<LegalDocumentLookup | null> {
    const found = await lookupByNumber(ctx, number, refresh);
    if (!found) return null;
    return Object.assign(new LegalDocumentLookup(), {
      document: toDocument(found.row),
      stale: found.stale,
      fetchedAt: found.fetchedAt,
      origin: found.origin,
      upstreamError: found.upstreamError,
    });
  }

  @Query(() => LegalDocumentPage, {
    description:
      'The legal-document search tool: words of the number/symbol, title and summary as a citizen types them (accents optional, đ = d, either tone placement, QĐ = QD, any dash), filters, paginated; sorted by relevance (exact number first) or by date.',
  })
  async searchLegalDocuments(
    @Arg('query', () => String, { nullable: true }) query: string | null,
    @Arg('filter', () => LegalDocumentFilter, { nullable: true }) filter: LegalDocumentFilter | null,
    @Arg('sort', () => LegalDocumentSort, { nullable: true }) sort: LegalDocumentSort | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: LegalContext,
  ) {
    const window = pageWindow(page);
    if (filter?.types && filter.types.length > 20) throw new HubError('BAD_USER_INPUT', 'Too many types.', { field: 'types', reason: 'TOO_MANY' });
    const { ids, total } = await searchDocumentIds(ctx.prisma, { query, filter, sort, take: window.take, skip: window.skip });
    const rows = await ctx.loaders.document.loadMany(ids);
    const documents = rows.flatMap((r) => (r && !(r instanceof Error) ? [toDocument(r)] : []));
    return toPage(documents, total, window);
  }
}
