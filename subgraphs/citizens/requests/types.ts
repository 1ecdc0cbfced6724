// GraphQL types of questions and petitions. Three views on purpose, so that privacy is a
// matter of which type a query returns rather than of per-field checks: the public sees
// `PublishedQuestion` (no asker at all), the asker sees `TrackedRequest` (their own data),
// staff see `CitizenRequest` (with contact data, scoped to their agencies).
import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar, Locale } from '../../kit/scalars.ts';
import { PageOf } from '../../kit/pagination.ts';
import { DeadlineState } from '../shared.types.ts';
import { Attachment, AttachmentInput } from '../files.ts';

export enum RequestKind {
  QUESTION = 'QUESTION',
  PETITION = 'PETITION',
}
registerEnumType(RequestKind, { name: 'CitizenRequestKind', description: 'A question (R-4.13) or a petition on administrative regulations (R-4.12a).' });

export enum RequestState {
  RECEIVED = 'RECEIVED',
  ROUTED = 'ROUTED',
  ANSWER_SUBMITTED = 'ANSWER_SUBMITTED',
  ANSWERED = 'ANSWERED',
  REJECTED = 'REJECTED',
}
registerEnumType(RequestState, {
  name: 'CitizenRequestState',
  description: 'RECEIVED → ROUTED (board) → ANSWER_SUBMITTED (agency) → ANSWERED (board approves) or back to ROUTED; REJECTED by the board.',
});

export enum AnswerChannel {
  PORTAL = 'PORTAL',
  DIRECT = 'DIRECT',
}
registerEnumType(AnswerChannel, {
  name: 'AnswerChannel',
  description: 'PORTAL: answered on the portal. DIRECT: sent to the asker directly, and uploaded here to be published (R-4.13).',
});

/** The portal's Agency entity: its own fields come from the portal; this subgraph adds R-17 figures. */
@Directive('@key(fields: "id")')
@ObjectType('Agency')
export class AgencyRef {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'An answer approved by the editorial board.' })
export class CitizenAnswer {
  @Field(() => String) text!: string;
  @Field(() => AnswerChannel) channel!: AnswerChannel;
  @Field(() => AgencyRef, { nullable: true, description: 'The agency that answered.' }) agency!: AgencyRef | null;
  @Field(() => Date, { nullable: true }) answeredAt!: Date | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A question or petition as the public sees it once published: never the asker.' })
export class PublishedQuestion {
  @Field(() => ID) id!: string;
  @Field(() => RequestKind) kind!: RequestKind;
  @Field(() => String) title!: string;
  @Field(() => String, { description: 'Plain text as submitted (or as the board edited it for publication): render it escaped.' }) body!: string;
  @Field(() => String, { nullable: true }) fieldName!: string | null;
  @Field(() => [AgencyRef]) agencies!: AgencyRef[];
  @Field(() => LocalDateScalar) receivedOn!: string;
  @Field(() => CitizenAnswer) answer!: CitizenAnswer;
  @Field(() => Date) publishedAt!: Date;
  @Field(() => [Attachment], { description: 'The answer’s files, and those of the asker’s the board published with the request.' }) attachments!: Attachment[];
}

@ObjectType({ description: 'One step of a request’s history.' })
export class RequestHistoryEntry {
  @Field(() => String) action!: string;
  @Field(() => RequestState, { nullable: true }) fromState!: RequestState | null;
  @Field(() => RequestState) toState!: RequestState;
  @Field(() => Date) at!: Date;
}

@ObjectType({ description: 'A step of the history as staff see it: who did it.' })
export class StaffHistoryEntry extends RequestHistoryEntry {
  @Field(() => String, { nullable: true }) actorId!: string | null;
  @Field(() => [String]) actorRoles!: string[];
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType({ description: 'Who asked: contact data, shown only to the asker and to the staff handling the request.' })
export class Asker {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
}

@ObjectType({ description: 'The asker’s own view, opened with the tracking code and its secret.' })
export class TrackedRequest {
  @Field(() => String) trackingCode!: string;
  @Field(() => RequestKind) kind!: RequestKind;
  @Field(() => RequestState) state!: RequestState;
  @Field(() => String) title!: string;
  @Field(() => String) body!: string;
  @Field(() => Asker) asker!: Asker;
  @Field(() => Date) receivedAt!: Date;
  @Field(() => LocalDateScalar, { nullable: true }) dueOn!: string | null;
  @Field(() => CitizenAnswer, { nullable: true }) answer!: CitizenAnswer | null;
  @Field(() => String, { nullable: true }) rejectionReason!: string | null;
  @Field(() => Boolean) published!: boolean;
  @Field(() => [Attachment], { description: 'The files you sent, and those of the answer once approved.' }) attachments!: Attachment[];
  @Field(() => [RequestHistoryEntry]) history!: RequestHistoryEntry[];
}

@ObjectType({ description: 'A request as the editorial board and the agencies it is routed to see it.' })
export class CitizenRequest {
  @Field(() => ID) id!: string;
  @Field(() => String) trackingCode!: string;
  @Field(() => RequestKind) kind!: RequestKind;
  @Field(() => RequestState) state!: RequestState;
  @Field(() => Int, { description: 'Pass it back as expectedVersion to detect concurrent changes.' }) version!: number;
  @Field(() => String) title!: string;
  @Field(() => String) body!: string;
  @Field(() => String, { nullable: true, description: 'The topic the asker chose.' }) topic!: string | null;
  @Field(() => String, { nullable: true, description: 'Petitions: the administrative regulation concerned.' }) regulation!: string | null;
  @Field(() => String, { nullable: true, description: 'The field the board classified it in.' }) fieldName!: string | null;
  @Field(() => Boolean, { description: 'Several sectors coordinate: 10 working days instead of 5 (R-7.7).' }) coordination!: boolean;
  @Field(() => [AgencyRef]) agencies!: AgencyRef[];
  @Field(() => AgencyRef, { nullable: true }) leadAgency!: AgencyRef | null;
  @Field(() => Asker) asker!: Asker;
  @Field(() => Locale) locale!: Locale;
  @Field(() => Date) receivedAt!: Date;
  @Field(() => LocalDateScalar) receivedOn!: string;
  @Field(() => LocalDateScalar, { nullable: true }) dueOn!: string | null;
  @Field(() => DeadlineState) deadline!: DeadlineState;
  @Field(() => String, { nullable: true, description: 'The answer as drafted or approved.' }) answerText!: string | null;
  @Field(() => AnswerChannel, { nullable: true }) answerChannel!: AnswerChannel | null;
  @Field(() => Date, { nullable: true }) answeredAt!: Date | null;
  @Field(() => Date, { nullable: true }) publishedAt!: Date | null;
  @Field(() => String, { nullable: true }) rejectionReason!: string | null;
  @Field(() => String, { description: 'PORTAL, or NATIONAL when it came from the national public-service portal.' }) source!: string;
  @Field(() => [Attachment], { description: 'The asker’s files and the answer’s (published: shown with the published request).' }) attachments!: Attachment[];
  @Field(() => [StaffHistoryEntry]) history!: StaffHistoryEntry[];
}

export const CitizenRequestPage = PageOf(CitizenRequest, 'CitizenRequestPage');
export const PublishedQuestionPage = PageOf(PublishedQuestion, 'PublishedQuestionPage');

@ObjectType({ description: 'What a submission returns: keep both values, the secret is shown only once.' })
export class SubmissionReceipt {
  @Field(() => String) trackingCode!: string;
  @Field(() => String, { description: 'Opens the private view with trackRequest; never shown again.' }) secret!: string;
  @Field(() => Date) receivedAt!: Date;
  @Field(() => LocalDateScalar, { description: 'Answer due by (5 working days; the board may extend to 10 for coordination).' }) dueOn!: string;
}

@InputType()
export class ContactDetailsInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
}

@InputType({ description: 'A question (R-4.13) or petition (R-4.12a). Plain text: HTML is kept as typed and shown escaped.' })
export class CitizenRequestInput {
  @Field(() => ContactDetailsInput) contact!: ContactDetailsInput;
  @Field(() => String, { nullable: true, description: 'Topic or field, as the asker sees it.' }) topic?: string | null;
  @Field(() => String) title!: string;
  @Field(() => String) body!: string;
  @Field(() => String, { nullable: true, description: 'Petitions: the administrative regulation concerned.' }) regulation?: string | null;
  @Field(() => Locale, { nullable: true, description: 'Language of the e-mails sent to the asker (default vi).' }) locale?: Locale | null;
  @Field(() => String, { nullable: true, description: 'The solved ALTCHA payload (base64), required from anonymous callers.' })
  proofOfWork?: string | null;
  @Field(() => [AttachmentInput], {
    nullable: true,
    description: 'Up to 3 files (PDF, images, DOCX, XLSX), private to the asker and the staff handling the request unless the board publishes them.',
  })
  attachments?: AttachmentInput[] | null;
}
