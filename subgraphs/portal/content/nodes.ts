// Rows → GraphQL nodes: the common item fields plus the kind's detail, loaded through one
// DataLoader per detail table (a page of mixed kinds costs one query per kind present).
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import { isBoard, isStaff, type PortalContext } from '../context.ts';
import { localized, localizedOrNull, toLocalDate } from '../../kit/scalars.ts';
import { ContentKind, requirementOf } from './kinds.ts';
import { moduleOf } from './registry.ts';
import type { ContentItem, PublicationState, TranslationStatus } from './types.ts';

export { WITHOUT_FOLDED, type ItemRow } from './item-row.ts';
import type { ItemRow } from './item-row.ts';

/**
 * Whose unpublished work (drafts, revisions, return reasons) the caller may read (A34): the
 * board and administrators every agency's, an agency editor their own agencies' only, the
 * public nobody's. `null` = every agency.
 */
export function draftAgencies(ctx: PortalContext): string[] | null {
  if (isBoard(ctx.actor)) return null;
  return isStaff(ctx.actor) ? (ctx.actor.agencyIds ?? []) : [];
}

/** Whether the caller may read an item's unpublished state and history (see draftAgencies). */
export function mayReadDrafts(ctx: PortalContext, item: { agencyId: string | null }): boolean {
  const agencies = draftAgencies(ctx);
  return agencies === null || (item.agencyId !== null && agencies.includes(item.agencyId));
}

/** What the caller may see: published items, plus the unpublished ones of their agencies (R-3.1, R-3.4, A34). */
export function visibleWhere(ctx: PortalContext): Prisma.ContentItemWhereInput {
  const agencies = draftAgencies(ctx);
  if (agencies === null) return {};
  return agencies.length ? { OR: [{ state: 'PUBLISHED' }, { agencyId: { in: agencies } }] } : { state: 'PUBLISHED' };
}

export const canSee = (ctx: PortalContext, item: { state: string; agencyId: string | null }) => item.state === 'PUBLISHED' || mayReadDrafts(ctx, item);

export function commonFields(r: ItemRow): ContentItem {
  return {
    id: r.id,
    kind: r.kind as ContentKind,
    contentCategory: r.category,
    requirement: requirementOf(r.category),
    categoryPoint: r.categoryPoint,
    slug: r.slug,
    title: localized(r.titleVi, r.titleEn),
    summary: localizedOrNull(r.summaryVi, r.summaryEn),
    body: localized(r.bodyVi, r.bodyEn),
    state: r.state as PublicationState,
    version: r.version,
    publishedAt: r.publishedAt,
    firstPublishedAt: r.firstPublishedAt,
    scheduledAt: r.scheduledAt,
    trigger: r.triggerKind && r.triggerDate ? { kind: r.triggerKind, date: toLocalDate(r.triggerDate)! } : null,
    authorName: r.authorName,
    source: r.sourceName || r.sourceUrl || r.sourceAuthor ? { name: r.sourceName, url: r.sourceUrl, author: r.sourceAuthor } : null,
    isReused: r.isReused,
    subjects: r.subjects,
    translationRequired: r.translationPoint !== null,
    translationPoint: r.translationPoint,
    translationStatus: r.translationStatus as TranslationStatus,
    translatedAt: r.translatedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    agencyId: r.agencyId,
    sectionId: r.sectionId,
    triggerKind: r.triggerKind,
    triggerDate: r.triggerDate,
    contributor: r.contributor,
    coverage: r.coverage,
    rights: r.rights,
    relation: r.relation,
    returnReasons: r.returnReasons,
  };
}

/** One item with its kind's detail fields. */
export async function toNode(ctx: PortalContext, row: ItemRow): Promise<ContentItem> {
  const kind = row.kind as ContentKind;
  const detail = await ctx.loaders.detail(kind).load(row.id);
  return { ...commonFields(row), ...moduleOf(kind).fields(detail) } as ContentItem;
}

export const toNodes = (ctx: PortalContext, rows: ItemRow[]) => Promise.all(rows.map((r) => toNode(ctx, r)));

/** An item the caller may see, or null (hidden and missing look the same). */
export async function loadVisibleNode(ctx: PortalContext, id: string): Promise<ContentItem | null> {
  const row = await ctx.loaders.item.load(id);
  return row && canSee(ctx, row) ? toNode(ctx, row) : null;
}
