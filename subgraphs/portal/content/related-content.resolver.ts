// The portal's contribution to the legal subgraph's LegalDocument: the content citing it
// (directives, law explainers, plans, investment projects …), newest first, as the caller may
// see it. A page of documents costs one statement for the pages and one for the items.
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { LegalDocumentCitation } from '../../kit/legal-basis.ts';
import { PageArgs, pageWindow, toPage } from '../../kit/pagination.ts';
import type { PortalContext } from '../context.ts';
import { ContentItemPage } from './content.resolver.ts';
import { draftAgencies, toNodes, type ItemRow } from './nodes.ts';

@Resolver(() => LegalDocumentCitation)
export class RelatedContentResolver {
  @FieldResolver(() => ContentItemPage, { description: 'Portal content citing this document as a legal basis, newest first (published items for the public).' })
  async relatedContent(@Root() doc: LegalDocumentCitation, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: PortalContext) {
    const window = pageWindow(page);
    const { ids, total } = await ctx.loaders.citingItems.load({ key: doc.numberKey, window, agencies: draftAgencies(ctx) });
    const rows = (await ctx.loaders.item.loadMany(ids)).filter((r): r is ItemRow => r !== null && !(r instanceof Error));
    return toPage(await toNodes(ctx, rows), total, window);
  }
}

/** LegalDocument representations: the number key is all the portal needs. */
export const legalDocumentReference = {
  __resolveReference: (ref: { numberKey?: unknown }) =>
    typeof ref.numberKey === 'string' && ref.numberKey.length > 0 && ref.numberKey.length <= 100 ? { numberKey: ref.numberKey } : null,
};
