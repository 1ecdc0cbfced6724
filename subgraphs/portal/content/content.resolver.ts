// The generic content surface: lists and lookups over every kind, and the fields every item
// has (agency, files, Dublin Core, locale-resolved text, print/save URLs, deadline, history).
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root, type ClassType } from 'type-graphql';
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import { dueDate, deadlineStatus } from '../../../schema/deadlines/deadline.ts';
import type { ContentCategory } from '../../../schema/deadlines/rules.ts';
import { HubError } from '../../../schema/errors.ts';
import { PageArgs, PageOf, pageWindow, toPage } from '../../kit/pagination.ts';
import { Locale, toLocalDate } from '../../kit/scalars.ts';
import { isStaff, type PortalContext } from '../context.ts';
import { toAgency } from '../mappers.ts';
import { Agency } from '../organisation.types.ts';
import { foldedContains } from '../search.ts';
import { isUuid } from '../../kit/batch.ts';
import { uuidArg } from './clean.ts';
import { contentJsonLd, jsonLdSourceOf } from '../harvest/content.metadata.ts';
import { dublinCore, vietnamDate } from './dublin-core.ts';
import { toContentFile } from './files.mapper.ts';
import { ContentCategoryEnum, ContentKind, KINDS } from './kinds.ts';
import { canSee, mayReadDrafts, toNode, toNodes, visibleWhere, WITHOUT_FOLDED } from './nodes.ts';
import { listRanked } from './ranked.ts';
import { ContentRevisionView, toRevision } from './revision.types.ts';
import { ItemDeadline, ContentFile, ContentItem, ContentText, DublinCore, FileRole, PublicationState, TranslationStatus } from './types.ts';

export const ContentItemPage = PageOf(ContentItem as unknown as ClassType<ContentItem>, 'ContentItemPage');

@InputType()
export class ContentFilter {
  @Field(() => [ContentKind], { nullable: true }) kinds?: ContentKind[] | null;
  @Field(() => ContentCategoryEnum, { nullable: true }) category?: string | null;
  @Field(() => ID, { nullable: true, description: 'Providing agency.' }) agencyId?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Words of the title, summary, details or body, with or without diacritics (đ = d, either tone placement); the list is then in relevance order.',
  })
  search?: string | null;
  @Field(() => PublicationState, { nullable: true, description: 'Staff only; the public always gets PUBLISHED.' }) state?: PublicationState | null;
  @Field(() => Locale, { nullable: true, description: 'EN = only items whose English version is complete (the English channel).' }) availableIn?: Locale | null;
  @Field(() => String, { nullable: true, description: 'A subject keyword (exact).' }) subject?: string | null;
  @Field(() => Date, {
    nullable: true,
    description: 'Only items changed at or after this instant (incremental harvesting; removals: removedContentItems).',
  })
  changedSince?: Date | null;
}

/** The WHERE of a content list: what the caller may see, narrowed by the filter. */
export function contentWhere(
  ctx: PortalContext,
  filter: ContentFilter | null | undefined,
  extra: Prisma.ContentItemWhereInput = {},
): Prisma.ContentItemWhereInput {
  if (filter?.state && !isStaff(ctx.actor) && filter.state !== PublicationState.PUBLISHED) {
    throw new HubError('FORBIDDEN', 'Only staff may list unpublished content.');
  }
  return {
    AND: [
      visibleWhere(ctx),
      extra,
      ...foldedContains('searchFolded', filter?.search),
      filter?.kinds?.length ? { kind: { in: filter.kinds } } : {},
      filter?.category ? { category: filter.category } : {},
      filter?.agencyId ? { agencyId: uuidArg(filter.agencyId, 'filter.agencyId')! } : {},
      filter?.state ? { state: filter.state } : {},
      filter?.availableIn === Locale.EN ? { translationStatus: TranslationStatus.COMPLETE } : {},
      filter?.subject ? { subjects: { has: filter.subject } } : {},
      filter?.changedSince ? { updatedAt: { gte: filter.changedSince } } : {},
    ],
  };
}

export const NEWEST_FIRST: Prisma.ContentItemOrderByWithRelationInput[] = [{ publishedAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }];

/** A page of content: newest first, or by relevance when a search text is given (ranked.ts). */
export async function listContent(ctx: PortalContext, where: Prisma.ContentItemWhereInput, page: PageArgs, search?: string | null) {
  if (search?.trim()) return listRanked(ctx, where, search, page);
  const window = pageWindow(page);
  const [rows, total] = await Promise.all([
    ctx.prisma.contentItem.findMany({ where, orderBy: NEWEST_FIRST, take: window.take, skip: window.skip, omit: WITHOUT_FOLDED }),
    ctx.prisma.contentItem.count({ where }),
  ]);
  return toPage(await toNodes(ctx, rows), total, window);
}

/** Which channel serves an item: English only when its English title and body exist, never a mix. */
export function resolveText(item: ContentItem, requested: Locale): ContentText {
  const hasEnglish = Boolean(item.title.en && (item.body.en || !item.body.vi));
  const served = requested === Locale.EN && hasEnglish ? Locale.EN : Locale.VI;
  const en = served === Locale.EN;
  return {
    requestedLocale: requested,
    servedLocale: served,
    isFallback: served !== requested,
    title: en ? item.title.en! : item.title.vi,
    summary: en ? (item.summary?.en ?? null) : (item.summary?.vi ?? null),
    body: en ? (item.body.en ?? '') : item.body.vi,
  };
}

export const requestLocale = (ctx: PortalContext, arg: Locale | null | undefined): Locale => arg ?? (ctx.locale === 'en' ? Locale.EN : Locale.VI);

@Resolver(() => ContentItem)
export class ContentItemResolver {
  @Query(() => ContentItemPage, { description: 'Content of every kind, newest first (by relevance with filter.search); the public sees published items only.' })
  async contentItems(
    @Arg('filter', () => ContentFilter, { nullable: true }) filter: ContentFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: PortalContext,
  ) {
    return listContent(ctx, contentWhere(ctx, filter), page, filter?.search);
  }

  @Query(() => ContentItem, { nullable: true, description: 'One item by id, or by kind and slug.' })
  async contentItem(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('kind', () => ContentKind, { nullable: true }) kind: ContentKind | null,
    @Arg('slug', () => String, { nullable: true }) slug: string | null,
    @Ctx() ctx: PortalContext,
  ) {
    if (!id === !(kind && slug)) throw new HubError('BAD_USER_INPUT', 'Give either id, or kind and slug.', { reason: 'ONE_OF' });
    if (id && !isUuid(id)) return null;
    const row = await ctx.prisma.contentItem.findFirst({ where: { AND: [id ? { id } : { kind: kind!, slug: slug! }, visibleWhere(ctx)] } });
    return row ? toNode(ctx, row) : null;
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The providing agency (R-5).' })
  async agency(@Root() item: ContentItem, @Ctx() ctx: PortalContext) {
    if (!item.agencyId) return null;
    const row = await ctx.loaders.agency.load(item.agencyId);
    return row ? toAgency(row) : null;
  }

  @FieldResolver(() => [ContentFile], { description: 'Files of the item, optionally of one role (photos, videos, reports …).' })
  async files(@Root() item: ContentItem, @Arg('role', () => FileRole, { nullable: true }) role: FileRole | null, @Ctx() ctx: PortalContext) {
    const rows = await ctx.loaders.filesByItem.load(item.id);
    return rows.filter((r) => !role || r.role === role).map((r) => toContentFile(r, ctx));
  }

  @FieldResolver(() => DublinCore, { description: 'Dublin Core metadata (15 elements where known).' })
  async dublinCore(@Root() item: ContentItem, @Ctx() ctx: PortalContext) {
    const agency = item.agencyId ? await ctx.loaders.agency.load(item.agencyId) : null;
    const url = `${ctx.linkBase()}/print/${KINDS[item.kind].segment}/${item.slug}`;
    return dublinCore(item, { agencyName: agency?.nameVi ?? null, publishedAt: item.publishedAt, url });
  }

  @FieldResolver(() => String, {
    description: 'schema.org JSON-LD of the item (NewsArticle, Dataset with its CSV, Article), serialised: embed it as <script type="application/ld+json">.',
  })
  async jsonLd(@Root() item: ContentItem, @Ctx() ctx: PortalContext) {
    const agency = item.agencyId ? await ctx.loaders.agency.load(item.agencyId) : null;
    const url = `${ctx.linkBase()}/print/${KINDS[item.kind].segment}/${item.slug}`;
    return JSON.stringify(
      contentJsonLd(jsonLdSourceOf(item), { url, linkBase: ctx.linkBase(), agency: agency ? { code: agency.code, nameVi: agency.nameVi } : null }),
    );
  }

  @FieldResolver(() => ContentText, { description: 'The text in one channel; default: the request’s locale (Accept-Language), else Vietnamese.' })
  text(@Root() item: ContentItem, @Arg('locale', () => Locale, { nullable: true }) locale: Locale | null, @Ctx() ctx: PortalContext) {
    return resolveText(item, requestLocale(ctx, locale));
  }

  @FieldResolver(() => String, { description: 'Print-friendly HTML page (R-4.17a), served for published items.' })
  printUrl(@Root() item: ContentItem, @Ctx() ctx: PortalContext) {
    return `${ctx.linkBase()}/print/${KINDS[item.kind].segment}/${item.slug}`;
  }

  @FieldResolver(() => String, { description: 'Saved copy as PDF (R-4.17a), served for published items.' })
  pdfUrl(@Root() item: ContentItem, @Ctx() ctx: PortalContext) {
    return `${ctx.linkBase()}/save/${KINDS[item.kind].segment}/${item.slug}.pdf`;
  }

  @FieldResolver(() => ItemDeadline, { nullable: true, description: 'R-7 deadline from the trigger date, when the item has one.' })
  deadline(@Root() item: ContentItem, @Ctx() ctx: PortalContext) {
    if (!item.triggerKind || !item.triggerDate) return null;
    const deliveredOn = item.firstPublishedAt ? vietnamDate(item.firstPublishedAt) : null;
    try {
      const due = dueDate(item.contentCategory as ContentCategory, { kind: item.triggerKind as never, date: toLocalDate(item.triggerDate)! });
      return { dueDate: due, deliveredOn, status: deadlineStatus({ due, deliveredOn, today: vietnamDate(ctx.now()) }) };
    } catch {
      return null;
    }
  }

  @FieldResolver(() => [String], { description: 'Reasons the board gave when it last returned the item (the board, and editors of its agency).' })
  returnReasons(@Root() item: ContentItem, @Ctx() ctx: PortalContext) {
    return mayReadDrafts(ctx, item) ? item.returnReasons : [];
  }

  @FieldResolver(() => [ContentRevisionView], { description: 'Every change, newest first (the board, and editors of its agency; at most 100).' })
  async revisions(@Root() item: ContentItem, @Ctx() ctx: PortalContext) {
    if (!mayReadDrafts(ctx, item)) throw new HubError('FORBIDDEN', 'Only the board and the editors of its agency may read the revision history.');
    return (await ctx.loaders.revisionsByItem.load(item.id)).slice(0, 100).map(toRevision);
  }
}

export { canSee };
