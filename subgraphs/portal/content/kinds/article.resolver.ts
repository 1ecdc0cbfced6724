// news articles: the GraphQL type and queries (the kind's module: article.module.ts). Its
// shape (category = the editorial section, attachments) is kept for existing clients.
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Directive, Field, FieldResolver, ID, Info, InputType, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { fieldsAt, selects } from '../../../kit/selection.ts';
import type { Db } from '../../../../schema/db/prisma.ts';
import { HubError } from '../../../../schema/errors.ts';
import { PageArgs, PageOf, pageWindow, toPage } from '../../../kit/pagination.ts';
import { LocalizedText } from '../../../kit/scalars.ts';
import type { PortalContext } from '../../context.ts';
import { isUuid } from '../../../kit/batch.ts';
import { contentWhere, listContent } from '../content.resolver.ts';
import { toContentFile } from '../files.mapper.ts';
import { ContentKind } from '../kinds.ts';
import { toNode, toNodes, visibleWhere } from '../nodes.ts';
import { articlePage } from '../article-page.ts';
import { uuidArg } from '../clean.ts';
import { searchWords } from '../../search.ts';
import { ContentFile, ContentItem } from '../types.ts';

@ObjectType({ description: 'An editorial section of the news (Tin tức – Sự kiện, Chuyển đổi số …).' })
export class ArticleCategory {
  @Field(() => ID) id!: string;
  @Field(() => String) slug!: string;
  @Field(() => LocalizedText) name!: LocalizedText;
  parentId!: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ implements: ContentItem, description: 'A news article with photos and videos (R-4.2).' })
export class Article extends ContentItem {}

export const ArticlePage = PageOf(Article, 'ArticlePage');

@InputType()
export class ArticleFilter {
  @Field(() => String, { nullable: true, description: 'Words of the title or summary, with or without diacritics.' }) search?: string | null;
  @Field(() => String, { nullable: true, description: 'Editorial section.' }) categorySlug?: string | null;
  @Field(() => ID, { nullable: true }) agencyId?: string | null;
}

const toCategory = (r: Db.ArticleCategory): ArticleCategory => ({ id: r.id, slug: r.slug, name: { vi: r.nameVi, en: r.nameEn }, parentId: r.parentId });

/**
 * Fields of an article that never read its body: a list whose nodes ask only these (the front
 * page's) is read without the bodies. Any other field — `body`, `text`, `jsonLd`, `dublinCore`,
 * one added later — reads them as before.
 */
const READ_WITHOUT_BODY = new Set([
  '__typename',
  'id',
  'kind',
  'contentCategory',
  'requirement',
  'categoryPoint',
  'slug',
  'title',
  'summary',
  'state',
  'version',
  'publishedAt',
  'firstPublishedAt',
  'scheduledAt',
  'trigger',
  'authorName',
  'source',
  'isReused',
  'subjects',
  'translationRequired',
  'translationPoint',
  'translationStatus',
  'translatedAt',
  'createdAt',
  'updatedAt',
  'agency',
  'category',
  'files',
  'attachments',
  'printUrl',
  'pdfUrl',
  'deadline',
  'returnReasons',
  'revisions',
]);

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => ArticlePage, { description: 'News articles, newest first; the public sees published ones only.' })
  async articles(
    @Arg('filter', () => ArticleFilter, { nullable: true }) filter: ArticleFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: PortalContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    if (!filter?.search?.trim() && !searchWords(filter?.search).length) {
      // The front page's list: the page and its total in one statement.
      const window = pageWindow(page);
      const agencyId = filter?.agencyId ? uuidArg(filter.agencyId, 'filter.agencyId') : null;
      // The nodes' section, agency and files, when asked, in the same statement (primed into the loaders).
      const asked = fieldsAt(info, ['nodes']);
      const also = {
        body: asked !== null && [...asked].some((field) => !READ_WITHOUT_BODY.has(field)),
        category: selects(info, ['nodes', 'category']),
        agency: selects(info, ['nodes', 'agency']) || selects(info, ['nodes', 'dublinCore']) || selects(info, ['nodes', 'jsonLd']),
        files: selects(info, ['nodes', 'attachments']) || selects(info, ['nodes', 'files']),
      };
      const { rows, total, categories, agencies, files } = await articlePage(ctx, { agencyId, categorySlug: filter?.categorySlug }, window, also);
      rows.forEach((row, i) => {
        if (categories && row.sectionId) ctx.loaders.category.prime(row.sectionId, categories[i]!);
        if (agencies && row.agencyId) ctx.loaders.agency.prime(row.agencyId, agencies[i]!);
        if (files) ctx.loaders.filesByItem.prime(row.id, files[i]!);
      });
      return toPage(await toNodes(ctx, rows), total, window);
    }
    const where = contentWhere(
      ctx,
      { search: filter?.search, agencyId: filter?.agencyId },
      {
        kind: ContentKind.ARTICLE,
        ...(filter?.categorySlug ? { section: { slug: filter.categorySlug } } : {}),
      },
    );
    return listContent(ctx, where, page, filter?.search);
  }

  @Query(() => Article, { nullable: true, description: 'One article by id or slug.' })
  async article(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('slug', () => String, { nullable: true }) slug: string | null,
    @Ctx() ctx: PortalContext,
  ) {
    if (!id === !slug) throw new HubError('BAD_USER_INPUT', 'Give exactly one of id or slug.', { reason: 'ONE_OF' });
    if (id && !isUuid(id)) return null;
    const row = await ctx.prisma.contentItem.findFirst({ where: { AND: [{ kind: ContentKind.ARTICLE }, id ? { id } : { slug: slug! }, visibleWhere(ctx)] } });
    return row ? toNode(ctx, row) : null;
  }

  @FieldResolver(() => ArticleCategory, { nullable: true, description: 'The editorial section.' })
  async category(@Root() article: Article, @Ctx() ctx: PortalContext) {
    if (!article.sectionId) return null;
    const row = await ctx.loaders.category.load(article.sectionId);
    return row ? toCategory(row) : null;
  }

  @FieldResolver(() => [ContentFile], { description: 'Files, photos and videos of the article.' })
  async attachments(@Root() article: Article, @Ctx() ctx: PortalContext) {
    return (await ctx.loaders.filesByItem.load(article.id)).map((f) => toContentFile(f, ctx));
  }
}

@Resolver(() => ArticleCategory)
export class ArticleCategoryResolver {
  @Query(() => [ArticleCategory], { description: 'Top-level editorial sections of the news.' })
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
