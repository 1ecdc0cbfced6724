// Agency portals in the graph: the links directory, what was harvested, and the
// administrator's registration. Every join is batched (portalLoaders).
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../kit/pagination.ts';
import { AgencyRef } from '../agency.ts';
import type { SearchContext } from '../context.ts';
import { listItems, listPortals, registerPortal, removePortal } from './queries.ts';
import { AgencyPortal, AgencyPortalInput, AgencyPortalPage, HarvestedItem, HarvestedItemPage } from './types.ts';

@Resolver(() => AgencyPortal)
export class AgencyPortalResolver {
  @Query(() => AgencyPortalPage, { description: "Links directory: agencies' own web portals (R-4.18), in display order." })
  agencyPortals(@Ctx() ctx: SearchContext, @Args(() => PageArgs) page: PageArgs, @Arg('agency', () => ID, { nullable: true }) agency?: string | null) {
    return listPortals(ctx.prisma, { ...page, agency });
  }

  @Query(() => HarvestedItemPage, { description: "Items harvested from agency portals, newest first: external, link to each item's url." })
  harvestedItems(@Ctx() ctx: SearchContext, @Args(() => PageArgs) page: PageArgs, @Arg('agency', () => ID, { nullable: true }) agency?: string | null) {
    return listItems(ctx.prisma, { ...page, agency });
  }

  @FieldResolver(() => HarvestedItemPage, { description: 'What was harvested from this portal, newest first.' })
  items(@Root() portal: AgencyPortal, @Ctx() ctx: SearchContext, @Args(() => PageArgs) page: PageArgs) {
    return listItems(ctx.prisma, { ...page, portalId: portal.id });
  }

  @Mutation(() => AgencyPortal, { description: 'Add or update an agency portal (by agency and URL) with its feeds and sitemaps. ADMIN only.' })
  registerAgencyPortal(@Ctx() ctx: SearchContext, @Arg('input', () => AgencyPortalInput) input: AgencyPortalInput) {
    return registerPortal(ctx.prisma, ctx.search.guard, ctx.actor, input);
  }

  @Mutation(() => Boolean, {
    description:
      'Remove an agency portal from the registry: no longer listed nor harvested; its items become tombstones (OAI-PMH deleted records). False when already removed. ADMIN only.',
  })
  removeAgencyPortal(@Ctx() ctx: SearchContext, @Arg('id', () => ID) id: string) {
    return removePortal(ctx.prisma, ctx.actor, id, ctx.clock());
  }
}

@Resolver(() => HarvestedItem)
export class HarvestedItemResolver {
  @FieldResolver(() => AgencyPortal, { nullable: true, description: 'The portal it was harvested from.' })
  portal(@Root() item: HarvestedItem, @Ctx() ctx: SearchContext) {
    return ctx.portals.portal.load(item.portalId);
  }
}

@Resolver(() => AgencyRef)
export class AgencyPortalsOfAgencyResolver {
  @Directive('@listSize(assumedSize: 3)')
  @FieldResolver(() => [AgencyPortal], { description: "The agency's own web portals (R-4.18 links directory)." })
  webPortals(@Root() agency: AgencyRef, @Ctx() ctx: SearchContext) {
    return ctx.portals.byAgency.load(agency.id);
  }
}
