// Incremental harvesting over GraphQL: every content list takes `filter.changedSince`
// (content.resolver.ts) and `removedContentItems(since)` answers, on request, the tombstones of
// items that were public once and are not now (unpublished, archived, back in the workflow), so
// a harvester learns of removals too. A tombstone carries no content: only what identifies it.
import { Arg, Args, Ctx, Field, ID, ObjectType, Query, Resolver, type ClassType } from 'type-graphql';
import { HubError } from '../../../schema/errors.ts';
import { PageArgs, PageOf, pageWindow, toPage } from '../../kit/pagination.ts';
import type { PortalContext } from '../context.ts';
import { ContentKind, KINDS } from '../content/kinds.ts';

@ObjectType({ description: 'An item that was published and is not any more: what a harvester needs to drop it.' })
export class ContentTombstone {
  @Field(() => ID) id!: string;
  @Field(() => ContentKind) kind!: ContentKind;
  @Field(() => String) slug!: string;
  @Field(() => String, { description: 'The public URL it had: its identifier in OAI-PMH, sitemaps, feeds and Dublin Core.' }) url!: string;
  @Field(() => Date, { description: 'When it stopped being public (its last change).' }) removedAt!: Date;
  @Field(() => String, { description: 'UNPUBLISHED, ARCHIVED, or the workflow state it went back to.' }) state!: string;
}

export const ContentTombstonePage = PageOf(ContentTombstone as unknown as ClassType<ContentTombstone>, 'ContentTombstonePage');

@Resolver()
export class RemovedContentResolver {
  @Query(() => ContentTombstonePage, { description: 'Tombstones of content removed from public view since a moment, oldest first.' })
  async removedContentItems(
    @Arg('since', () => Date) since: Date,
    @Arg('kinds', () => [ContentKind], { nullable: true }) kinds: ContentKind[] | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: PortalContext,
  ) {
    if (Number.isNaN(since.getTime())) throw new HubError('BAD_USER_INPUT', 'since is not a valid instant.', { field: 'since' });
    const window = pageWindow(page);
    const where = {
      firstPublishedAt: { not: null },
      state: { not: 'PUBLISHED' as const },
      updatedAt: { gte: since },
      ...(kinds?.length ? { kind: { in: kinds } } : {}),
    };
    const [rows, total] = await Promise.all([
      ctx.prisma.contentItem.findMany({
        where,
        select: { id: true, kind: true, slug: true, state: true, updatedAt: true },
        orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
        skip: window.skip,
        take: window.take,
      }),
      ctx.prisma.contentItem.count({ where }),
    ]);
    const nodes = rows.map((r) => ({
      id: r.id,
      kind: r.kind as ContentKind,
      slug: r.slug,
      url: `${ctx.linkBase()}/print/${KINDS[r.kind as ContentKind].segment}/${r.slug}`,
      removedAt: r.updatedAt,
      state: r.state,
    }));
    return toPage(nodes, total, window);
  }
}
