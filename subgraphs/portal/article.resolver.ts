import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Prisma } from '../../schema/generated/prisma/client.ts';
import { HubError } from '../../schema/errors.ts';
import { pageWindow, PageArgs, toPage } from '../kit/pagination.ts';
import { isStaff, type PortalContext } from './context.ts';
import { toAgency, toArticle, toAttachment, toCategory } from './mappers.ts';
import { Agency } from './organisation.types.ts';
import { Article, ArticleCategory, ArticleFilter, ArticlePage, Attachment, PublicationState } from './article.types.ts';
import { foldedContains } from './search.ts';

/** What the caller may see: the public sees published items only. */
export function visibleArticles(ctx: PortalContext): Prisma.ArticleWhereInput {
  return isStaff(ctx.actor) ? {} : { state: 'PUBLISHED' };
}

export const canSeeArticle = (ctx: PortalContext, article: { state: string }) => isStaff(ctx.actor) || article.state === PublicationState.PUBLISHED;

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => ArticlePage, { description: 'Published articles, newest first.' })
  async articles(
    @Arg('filter', () => ArticleFilter, { nullable: true }) filter: ArticleFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: PortalContext,
  ) {
    const window = pageWindow(page);
    const where: Prisma.ArticleWhereInput = {
      AND: [
        visibleArticles(ctx),
        ...foldedContains('titleFolded', filter?.search),
        filter?.categorySlug ? { category: { slug: filter.categorySlug } } : {},
        filter?.agencyId ? { agencyId: filter.agencyId } : {},
      ],
    };
    const [rows, total] = await Promise.all([
      ctx.prisma.article.findMany({ where, orderBy: [{ publishedAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }], take: window.take, skip: window.skip }),
      ctx.prisma.article.count({ where }),
    ]);
    return toPage(rows.map(toArticle), total, window);
  }

  @Query(() => Article, { nullable: true, description: 'One article by id or slug.' })
  async article(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('slug', () => String, { nullable: true }) slug: string | null,
    @Ctx() ctx: PortalContext,
  ) {
    if (!id === !slug) throw new HubError('BAD_USER_INPUT', 'Give exactly one of id or slug.', { reason: 'ONE_OF' });
    const row = await ctx.prisma.article.findFirst({ where: { AND: [id ? { id } : { slug: slug! }, visibleArticles(ctx)] } });
    return row ? toArticle(row) : null;
  }

  @FieldResolver(() => ArticleCategory, { nullable: true })
  async category(@Root() article: Article, @Ctx() ctx: PortalContext) {
    const row = await ctx.loaders.category.load(article.categoryId);
    return row ? toCategory(row) : null;
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The providing agency (R-5).' })
  async agency(@Root() article: Article, @Ctx() ctx: PortalContext) {
    if (!article.agencyId) return null;
    const row = await ctx.loaders.agency.load(article.agencyId);
    return row ? toAgency(row) : null;
  }

  @FieldResolver(() => [Attachment])
  async attachments(@Root() article: Article, @Ctx() ctx: PortalContext) {
    return (await ctx.loaders.attachmentsByArticle.load(article.id)).map(toAttachment);
  }
}

@Resolver(() => ArticleCategory)
export class ArticleCategoryResolver {
  @Query(() => [ArticleCategory], { description: 'Top-level article categories.' })
  async articleCategories(@Ctx() ctx: PortalContext) {
    const rows = await ctx.prisma.articleCategory.findMany({ where: { parentId: null }, orderBy: { sortOrder: 'asc' }, take: 100 });
    return rows.map(toCategory);
  }

  @FieldResolver(() => ArticleCategory, { nullable: true })
  async parent(@Root() category: ArticleCategory, @Ctx() ctx: PortalContext) {
    if (!category.parentId) return null;
    const row = await ctx.loaders.category.load(category.parentId);
    return row ? toCategory(row) : null;
  }

  @FieldResolver(() => [ArticleCategory])
  async children(@Root() category: ArticleCategory, @Ctx() ctx: PortalContext) {
    return (await ctx.loaders.categoryChildren.load(category.id)).map(toCategory);
  }
}
