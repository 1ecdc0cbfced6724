// Editorial mutations and the untranslated report. Every mutation answers
// with the item as it now is; every refusal carries a registry code.
import { Arg, Args, Ctx, Field, ID, InputType, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Db } from '../../../schema/db/prisma.ts';
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import { HubError } from '../../../schema/errors.ts';
import { idempotent, idempotencyScope, type WriteTransaction } from '../../kit/idempotency.ts';
import { PageArgs } from '../../kit/pagination.ts';
import { optMultiline, uuidArg } from '../content/clean.ts';
import { ContentItemPage, listContent } from '../content/content.resolver.ts';
import { ContentKind } from '../content/kinds.ts';
import { toNode } from '../content/nodes.ts';
import { ContentItem } from '../content/types.ts';
import { isBoard, isStaff, type PortalContext } from '../context.ts';
import { approveItem } from './approve-item.ts';
import { archiveItem } from './archive-item.ts';
import { attachFiles } from './attach-files.ts';
import { createItem } from './create-item.ts';
import { FileUploadInput } from './file-input.ts';
import { ContentItemInput } from './item-input.ts';
import { publishItem } from './publish-item.ts';
import { reopenItem } from './reopen-item.ts';
import { returnItem } from './return-item.ts';
import { submitAgencyContent } from './submit-agency-content.ts';
import { submitItem } from './submit-item.ts';
import { translateItem } from './translate-item.ts';
import { unpublishItem } from './unpublish-item.ts';
import { updateItem } from './update-item.ts';

@InputType({ description: 'The English version of an item (R-4.15).' })
export class TranslationInput {
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) summary?: string | null;
  @Field(() => String, { nullable: true, description: 'HTML or plain text; sanitised.' }) body?: string | null;
}

@InputType()
export class UntranslatedFilter {
  @Field(() => ID, { nullable: true }) agencyId?: string | null;
  @Field(() => String, { nullable: true, description: 'R-4.15 point a–e.' }) point?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Also items not yet published (default: published only).' }) includeUnpublished?: boolean | null;
}

/** The item as stored now (the request's loaders may hold the state before the change). */
async function fresh(ctx: PortalContext, row: Db.ContentItem) {
  ctx.loaders.detail(row.kind as ContentKind).clear(row.id);
  ctx.loaders.filesByItem.clear(row.id);
  ctx.loaders.revisionsByItem.clear(row.id);
  ctx.loaders.item.clear(row.id);
  return toNode(ctx, row);
}

async function freshById(ctx: PortalContext, id: string) {
  return fresh(ctx, await ctx.prisma.contentItem.findUniqueOrThrow({ where: { id } }));
}

/**
 * Runs a create/submit use-case once per Idempotency-Key (subgraphs/kit/idempotency.ts): a
 * retried request answers with the item the first one wrote.
 */
async function once(ctx: PortalContext, operation: string, input: unknown, run: (ctx: PortalContext) => Promise<string | { id: string }>) {
  const request = { key: ctx.idempotencyKey, scope: idempotencyScope(ctx.actor, ctx.clientKey), operation, input, now: ctx.now() };
  const idOf = (r: string | { id: string }) => (typeof r === 'string' ? r : r.id);
  const id = await idempotent(ctx.prisma, request, (transaction: WriteTransaction) => run({ ...ctx, transaction }), idOf);
  return freshById(ctx, id);
}

/** A note or reason on a workflow step: cleaned, and refused above 2,000 characters like every other (never cut). */
export const NOTE_MAX = 2000;
const noteArg = (note: string | null) => optMultiline(note, 'note', NOTE_MAX);

const V = () => Int;
const opt = { nullable: true } as const;

@Resolver()
export class EditorialResolver {
  @Mutation(() => ContentItem, { description: 'Create a draft (agency editors: for their own agencies).' })
  async createContentItem(
    @Arg('kind', () => ContentKind) kind: ContentKind,
    @Arg('input', () => ContentItemInput) input: ContentItemInput,
    @Ctx() ctx: PortalContext,
  ) {
    return once(ctx, 'createContentItem', { kind, input }, (c) => createItem(c, kind, input));
  }

  @Mutation(() => ContentItem, { description: 'R-6: an agency sends an item and its files; it arrives SUBMITTED for the editorial board.' })
  async submitAgencyContent(
    @Arg('kind', () => ContentKind) kind: ContentKind,
    @Arg('input', () => ContentItemInput) input: ContentItemInput,
    @Arg('files', () => [FileUploadInput], { nullable: true }) files: FileUploadInput[] | null,
    @Ctx() ctx: PortalContext,
  ) {
    return once(ctx, 'submitAgencyContent', { kind, input, files }, (c) => submitAgencyContent(c, kind, input, files ?? []));
  }

  @Mutation(() => ContentItem, { description: 'Save a draft or returned item (full form).' })
  async updateContentItem(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ContentItemInput) input: ContentItemInput,
    @Arg('expectedVersion', V, opt) expectedVersion: number | null,
    @Arg('note', () => String, opt) note: string | null,
    @Ctx() ctx: PortalContext,
  ) {
    return fresh(ctx, await updateItem(ctx, id, expectedVersion, input, noteArg(note)));
  }

  @Mutation(() => ContentItem, { description: 'Add files (photos, videos, reports) to a draft or returned item.' })
  async attachContentFiles(
    @Arg('id', () => ID) id: string,
    @Arg('files', () => [FileUploadInput]) files: FileUploadInput[],
    @Arg('expectedVersion', V, opt) expectedVersion: number | null,
    @Ctx() ctx: PortalContext,
  ) {
    return fresh(ctx, await attachFiles(ctx, id, files, expectedVersion));
  }

  @Mutation(() => ContentItem, { description: 'DRAFT/RETURNED → SUBMITTED.' })
  async submitContentItem(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', V, opt) v: number | null,
    @Arg('note', () => String, opt) note: string | null,
    @Ctx() ctx: PortalContext,
  ) {
    return once(ctx, 'submitContentItem', { id, v, note }, (c) => submitItem(c, id, v, noteArg(note)));
  }

  @Mutation(() => ContentItem, { description: 'SUBMITTED → APPROVED (editorial board).' })
  async approveContentItem(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', V, opt) v: number | null,
    @Arg('note', () => String, opt) note: string | null,
    @Ctx() ctx: PortalContext,
  ) {
    return fresh(ctx, await approveItem(ctx, id, v, noteArg(note)));
  }

  @Mutation(() => ContentItem, { description: 'SUBMITTED/APPROVED → RETURNED with reasons (editorial board).' })
  async returnContentItem(
    @Arg('id', () => ID) id: string,
    @Arg('reasons', () => [String]) reasons: string[],
    @Arg('expectedVersion', V, opt) v: number | null,
    @Ctx() ctx: PortalContext,
  ) {
    return fresh(ctx, await returnItem(ctx, id, reasons, v));
  }

  @Mutation(() => ContentItem, {
    description: 'APPROVED/UNPUBLISHED → PUBLISHED now, or at `at` (scheduled). Refused with PUBLISH_PRECONDITION_FAILED listing what is missing.',
  })
  async publishContentItem(
    @Arg('id', () => ID) id: string,
    @Arg('at', () => Date, opt) at: Date | null,
    @Arg('expectedVersion', V, opt) v: number | null,
    @Ctx() ctx: PortalContext,
  ) {
    return fresh(ctx, await publishItem(ctx, id, { at, expectedVersion: v }));
  }

  @Mutation(() => ContentItem, { description: 'PUBLISHED → UNPUBLISHED with a reason (editorial board).' })
  async unpublishContentItem(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('expectedVersion', V, opt) v: number | null,
    @Ctx() ctx: PortalContext,
  ) {
    return fresh(ctx, await unpublishItem(ctx, id, reason, v));
  }

  @Mutation(() => ContentItem, { description: 'PUBLISHED/UNPUBLISHED → ARCHIVED.' })
  async archiveContentItem(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, opt) reason: string | null,
    @Arg('expectedVersion', V, opt) v: number | null,
    @Ctx() ctx: PortalContext,
  ) {
    return fresh(ctx, await archiveItem(ctx, id, reason, v));
  }

  @Mutation(() => ContentItem, { description: 'UNPUBLISHED → DRAFT, for correction and resubmission.' })
  async reopenContentItem(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, opt) reason: string | null,
    @Arg('expectedVersion', V, opt) v: number | null,
    @Ctx() ctx: PortalContext,
  ) {
    return fresh(ctx, await reopenItem(ctx, id, reason, v));
  }

  @Mutation(() => ContentItem, { description: 'Set the English version (R-4.15).' })
  async translateContentItem(
    @Arg('id', () => ID) id: string,
    @Arg('translation', () => TranslationInput) translation: TranslationInput,
    @Arg('expectedVersion', V, opt) v: number | null,
    @Ctx() ctx: PortalContext,
  ) {
    return fresh(ctx, await translateItem(ctx, id, translation, v));
  }

  @Query(() => ContentItemPage, { description: 'R-4.15: items of the mandatory English set (a–e) whose English version is missing or partial (staff).' })
  async untranslatedContent(
    @Arg('filter', () => UntranslatedFilter, opt) filter: UntranslatedFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: PortalContext,
  ) {
    if (!isStaff(ctx.actor)) throw new HubError('FORBIDDEN', 'Only staff may read this report.');
    if (filter?.point && !/^[a-e]$/.test(filter.point)) throw new HubError('BAD_USER_INPUT', 'point must be one of a–e.', { field: 'point', reason: 'POINT' });
    const where: Prisma.ContentItemWhereInput = {
      AND: [
        { translationPoint: filter?.point ?? { not: null } },
        { translationStatus: { not: 'COMPLETE' } },
        filter?.includeUnpublished ? { state: { not: 'ARCHIVED' } } : { state: 'PUBLISHED' },
        filter?.agencyId ? { agencyId: uuidArg(filter.agencyId, 'filter.agencyId')! } : {},
        isBoard(ctx.actor) ? {} : { agencyId: { in: ctx.actor.agencyIds ?? [] } },
      ],
    };
    return listContent(ctx, where, page);
  }
}
