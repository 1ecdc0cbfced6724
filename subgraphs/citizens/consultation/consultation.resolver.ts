// Public consultation in the graph (R-4.12b, c).
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { HubError } from '../../../schema/errors.ts';
import { PageArgs } from '../../kit/pagination.ts';
import type { CitizensContext } from '../context.ts';
import { moderateComment, submitComment } from './comments.ts';
import { createConsultation, linkLegalDocument, publishConsultation } from './manage.ts';
import { commentSummaryCsv, publicConsultation, publicConsultations, publishedComments, staffComments, toConsultation, toStaffComment } from './queries.ts';
import {
  CommentInput,
  CommentReceipt,
  CommentState,
  Consultation,
  ConsultationInput,
  ConsultationPage,
  ConsultationStatus,
  PublicCommentPage,
  StaffComment,
  StaffCommentPage,
} from './types.ts';

@Resolver(() => Consultation)
export class ConsultationResolver {
  @Query(() => ConsultationPage, { description: 'Drafts posted for comment, latest deadline first; filter by where their window stands.' })
  consultations(
    @Ctx() ctx: CitizensContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('status', () => ConsultationStatus, { nullable: true }) status?: ConsultationStatus | null,
    @Arg('changedSince', () => Date, { nullable: true, description: 'Only drafts changed at or after this instant (incremental harvesting).' })
    changedSince?: Date | null,
  ) {
    return publicConsultations(ctx, { ...page, status, changedSince });
  }

  @Query(() => Consultation, { nullable: true, description: 'One posted draft, by id or slug.' })
  consultation(@Ctx() ctx: CitizensContext, @Arg('idOrSlug', () => String) idOrSlug: string) {
    return publicConsultation(ctx, idOrSlug);
  }

  @FieldResolver(() => PublicCommentPage, { description: 'Published comments, oldest first.' })
  comments(@Root() c: Consultation, @Ctx() ctx: CitizensContext, @Args(() => PageArgs) page: PageArgs) {
    return publishedComments(ctx, c.id, page);
  }

  @Query(() => StaffCommentPage, { description: 'Drafting agency and board: every comment with its state and contact data.' })
  consultationComments(
    @Ctx() ctx: CitizensContext,
    @Arg('consultationId', () => ID) consultationId: string,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('state', () => CommentState, { nullable: true }) state?: CommentState | null,
  ) {
    return staffComments(ctx, consultationId, { ...page, state });
  }

  @Query(() => String, { description: 'Drafting agency and board: every comment of a draft as CSV (UTF-8, times in Asia/Ho_Chi_Minh).' })
  consultationCommentsCsv(@Ctx() ctx: CitizensContext, @Arg('consultationId', () => ID) consultationId: string) {
    return commentSummaryCsv(ctx, consultationId);
  }

  @Mutation(() => CommentReceipt, { description: 'Comment on a draft within its window (COMMENT_WINDOW_CLOSED otherwise); published once moderated.' })
  submitComment(@Ctx() ctx: CitizensContext, @Arg('consultationId', () => ID) consultationId: string, @Arg('input', () => CommentInput) input: CommentInput) {
    return submitComment(ctx, consultationId, input);
  }

  @Mutation(() => StaffComment, { description: 'Drafting agency or board: publish or reject a comment.' })
  async moderateComment(
    @Ctx() ctx: CitizensContext,
    @Arg('id', () => ID) id: string,
    @Arg('decision', () => CommentState) decision: CommentState,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('publishAttachments', () => Boolean, { nullable: true, description: 'Publish the comment’s files with it (default false).' })
    publishAttachments?: boolean | null,
  ): Promise<StaffComment> {
    if (decision === CommentState.PENDING) throw new HubError('BAD_USER_INPUT', 'Decide PUBLISHED or REJECTED.', { field: 'decision', reason: 'DECISION' });
    return toStaffComment(await moderateComment(ctx, id, decision, note, publishAttachments));
  }

  @Mutation(() => Consultation, { description: 'Drafting agency or board: post a draft for comment (the board publishes it).' })
  async createConsultation(@Ctx() ctx: CitizensContext, @Arg('input', () => ConsultationInput) input: ConsultationInput) {
    return toConsultation(await createConsultation(ctx, input), 0, ctx.now());
  }

  @Mutation(() => Consultation, { description: 'Board: make a posted draft public.' })
  async publishConsultation(@Ctx() ctx: CitizensContext, @Arg('id', () => ID) id: string) {
    return toConsultation(await publishConsultation(ctx, id), 0, ctx.now());
  }

  @Mutation(() => Consultation, { description: 'Drafting agency or board: link the draft to the legal document it became (null to unlink).' })
  async linkConsultationToLegalDocument(
    @Ctx() ctx: CitizensContext,
    @Arg('id', () => ID) id: string,
    @Arg('legalDocumentId', () => ID, { nullable: true }) legalDocumentId: string | null,
  ) {
    return toConsultation(await linkLegalDocument(ctx, id, legalDocumentId), 0, ctx.now());
  }
}
