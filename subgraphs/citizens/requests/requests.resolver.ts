// Questions and petitions in the graph: public reads, the asker's tracking, staff workflow.
import { Arg, Args, Ctx, Field, ID, InputType, Int, Mutation, Query, Resolver } from 'type-graphql';
import { HubError } from '../../../schema/errors.ts';
import { isUuid } from '../../kit/batch.ts';
import { PageArgs } from '../../kit/pagination.ts';
import { newChallenge } from '../anti-abuse/proof-of-work.ts';
import type { CitizensContext } from '../context.ts';
import { localDateOf } from '../local-time.ts';
import { requireBoard } from '../roles.ts';
import { isEmail } from '../contact.ts';
import { ProofOfWorkChallenge } from '../shared.types.ts';
import { approveAnswer, publishRequest, returnAnswer, submitAnswer, unpublishRequest } from './answer-request.ts';
import { toStaff } from './mappers.ts';
import { publishedQuestion, publishedQuestions, staffRequest, staffRequests, trackRequest } from './queries.ts';
import { rejectRequest, routeRequest } from './route-request.ts';
import { submitRequestOnce } from './submit-request.ts';
import {
  AnswerChannel,
  CitizenRequest,
  CitizenRequestInput,
  CitizenRequestPage,
  PublishedQuestion,
  PublishedQuestionPage,
  RequestKind,
  RequestState,
  SubmissionReceipt,
  TrackedRequest,
} from './types.ts';
import type { RequestRow } from './workflow.ts';
import { AttachmentInput } from '../files.ts';

@InputType()
class CitizenRequestFilter {
  @Field(() => RequestState, { nullable: true }) state?: RequestState | null;
  @Field(() => RequestKind, { nullable: true }) kind?: RequestKind | null;
  @Field(() => ID, { nullable: true }) agencyId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Only unanswered requests past their due date.' }) overdue?: boolean | null;
}

@InputType()
class RouteCitizenRequestInput {
  @Field(() => [ID]) agencyIds!: string[];
  @Field(() => ID, { nullable: true, description: 'Default: the first agency.' }) leadAgencyId?: string | null;
  @Field(() => String) fieldName!: string;
  @Field(() => Boolean, { nullable: true, description: 'Sectors coordinate (10 working days); implied by several agencies.' }) coordination?: boolean | null;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType()
class CitizenAnswerInput {
  @Field(() => String) text!: string;
  @Field(() => [AttachmentInput], {
    nullable: true,
    description:
      'Files of the answer (up to 3; they replace those of a returned draft): the asker sees them once approved, the public with the published request.',
  })
  attachments?: AttachmentInput[] | null;
  @Field(() => AnswerChannel, { nullable: true }) channel?: AnswerChannel | null;
  @Field(() => ID, { nullable: true }) agencyId?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType()
class ApproveCitizenAnswerInput {
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Publish the question and answer at once (default true).' }) publish?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Title as published, when the asker’s must be edited (personal data).' }) publicTitle?: string | null;
  @Field(() => String, { nullable: true, description: 'Question text as published, when the asker’s must be edited.' }) publicBody?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Files of the request to publish with it (default none: they stay private).' })
  publishAttachmentIds?: string[] | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType()
class PublishCitizenRequestInput {
  @Field(() => String, { nullable: true }) publicTitle?: string | null;
  @Field(() => String, { nullable: true }) publicBody?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Files of the request to publish with it (default none: they stay private).' })
  publishAttachmentIds?: string[] | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

const staffView = (ctx: CitizensContext) => async (row: RequestRow) => (await staffRequest(ctx, row.id)) ?? toStaff(row, localDateOf(ctx.now()));

@Resolver()
export class CitizenRequestResolver {
  @Query(() => ProofOfWorkChallenge, { description: 'A fresh proof-of-work challenge for an anonymous submission (question, petition, comment).' })
  async submissionChallenge(@Ctx() ctx: CitizensContext): Promise<ProofOfWorkChallenge> {
    const challenge = await newChallenge(ctx.runtime.secret, ctx.runtime.powMaxNumber);
    return { json: JSON.stringify(challenge), expiresAt: new Date((challenge.parameters.expiresAt ?? 0) * 1000) };
  }

  @Query(() => PublishedQuestionPage, { description: 'Published questions and petitions with their answers, newest first (R-4.13).' })
  publishedQuestions(
    @Ctx() ctx: CitizensContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('kind', () => RequestKind, { nullable: true }) kind?: RequestKind | null,
    @Arg('agencyId', () => ID, { nullable: true }) agencyId?: string | null,
    @Arg('search', () => String, { nullable: true }) search?: string | null,
    @Arg('changedSince', () => Date, { nullable: true, description: 'Only questions changed at or after this instant (incremental harvesting).' })
    changedSince?: Date | null,
  ) {
    return publishedQuestions(ctx, { ...page, kind, agencyId, search, changedSince });
  }

  @Query(() => PublishedQuestion, { nullable: true })
  publishedQuestion(@Ctx() ctx: CitizensContext, @Arg('id', () => ID) id: string) {
    return publishedQuestion(ctx, id);
  }

  @Query(() => TrackedRequest, { description: 'The asker’s own request, by tracking code and secret (R-4.17b). Limited per client.' })
  trackRequest(@Ctx() ctx: CitizensContext, @Arg('trackingCode', () => String) code: string, @Arg('secret', () => String) secret: string) {
    return trackRequest(ctx, code, secret);
  }

  @Query(() => CitizenRequestPage, { description: 'Staff: requests routed to your agencies (all for the board).' })
  citizenRequests(
    @Ctx() ctx: CitizensContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => CitizenRequestFilter, { nullable: true }) filter?: CitizenRequestFilter | null,
  ) {
    return staffRequests(ctx, { ...page, filter });
  }

  @Query(() => CitizenRequestPage, { description: 'Staff: unanswered requests past their due date, most overdue first.' })
  overdueCitizenRequests(@Ctx() ctx: CitizensContext, @Args(() => PageArgs) page: PageArgs) {
    return staffRequests(ctx, { ...page, filter: { overdue: true } });
  }

  @Query(() => CitizenRequest, { nullable: true })
  citizenRequest(@Ctx() ctx: CitizensContext, @Arg('id', () => ID) id: string) {
    return staffRequest(ctx, id);
  }

  @Mutation(() => SubmissionReceipt, {
    description: 'Ask a question (R-4.13). Anonymous callers must send a solved proofOfWork. Send an Idempotency-Key header to retry safely.',
  })
  submitQuestion(@Ctx() ctx: CitizensContext, @Arg('input', () => CitizenRequestInput) input: CitizenRequestInput) {
    return submitRequestOnce(ctx, RequestKind.QUESTION, input);
  }

  @Mutation(() => SubmissionReceipt, { description: 'Send a petition on an administrative regulation (R-4.12a).' })
  submitPetition(@Ctx() ctx: CitizensContext, @Arg('input', () => CitizenRequestInput) input: CitizenRequestInput) {
    return submitRequestOnce(ctx, RequestKind.PETITION, input);
  }

  @Mutation(() => CitizenRequest, { description: 'Board: classify and route to the competent agency or agencies.' })
  async routeCitizenRequest(
    @Ctx() ctx: CitizensContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => RouteCitizenRequestInput) input: RouteCitizenRequestInput,
  ) {
    return staffView(ctx)(await routeRequest(ctx, id, input));
  }

  @Mutation(() => CitizenRequest, { description: 'Board: refuse a request, with the reason the asker will read.' })
  async rejectCitizenRequest(
    @Ctx() ctx: CitizensContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ) {
    return staffView(ctx)(await rejectRequest(ctx, id, reason, expectedVersion));
  }

  @Mutation(() => CitizenRequest, { description: 'Agency: submit the answer for the board’s approval.' })
  async submitCitizenAnswer(@Ctx() ctx: CitizensContext, @Arg('id', () => ID) id: string, @Arg('input', () => CitizenAnswerInput) input: CitizenAnswerInput) {
    return staffView(ctx)(await submitAnswer(ctx, id, input));
  }

  @Mutation(() => CitizenRequest, { description: 'Board: send the answer back to the agency with a reason.' })
  async returnCitizenAnswer(
    @Ctx() ctx: CitizensContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ) {
    return staffView(ctx)(await returnAnswer(ctx, id, reason, expectedVersion));
  }

  @Mutation(() => CitizenRequest, { description: 'Board: approve the answer; the asker is told, and it is published unless publish is false.' })
  async approveCitizenAnswer(
    @Ctx() ctx: CitizensContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ApproveCitizenAnswerInput, { nullable: true }) input?: ApproveCitizenAnswerInput | null,
  ) {
    return staffView(ctx)(await approveAnswer(ctx, id, input ?? {}));
  }

  @Mutation(() => CitizenRequest, { description: 'Board: publish an answered request.' })
  async publishCitizenRequest(
    @Ctx() ctx: CitizensContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => PublishCitizenRequestInput, { nullable: true }) input?: PublishCitizenRequestInput | null,
  ) {
    return staffView(ctx)(await publishRequest(ctx, id, input ?? {}));
  }

  @Mutation(() => CitizenRequest, { description: 'Board: withdraw a published request from the public.' })
  async unpublishCitizenRequest(
    @Ctx() ctx: CitizensContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ) {
    return staffView(ctx)(await unpublishRequest(ctx, id, reason, expectedVersion));
  }

  @Mutation(() => Boolean, { description: 'Board: the address where an agency receives routed requests and deadline reminders.' })
  async setAgencyInbox(@Ctx() ctx: CitizensContext, @Arg('agencyId', () => ID) agencyId: string, @Arg('email', () => String) email: string) {
    requireBoard(ctx.actor);
    if (!isUuid(agencyId)) throw new HubError('BAD_USER_INPUT', 'agencyId is not a valid id.', { field: 'agencyId', reason: 'ID' });
    const address = email.trim().toLowerCase();
    if (!isEmail(address)) throw new HubError('BAD_USER_INPUT', 'The e-mail address is not valid.', { field: 'email', reason: 'EMAIL_FORMAT' });
    await ctx.prisma.agencyInbox.upsert({ where: { agencyId }, create: { agencyId, email: address }, update: { email: address } });
    return true;
  }
}
