// GraphQL types of public consultation on drafts (R-4.12b, c).
import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../kit/scalars.ts';
import { PageOf } from '../../kit/pagination.ts';
import { AgencyRef, ContactDetailsInput } from '../requests/types.ts';
import { Attachment, AttachmentInput } from '../files.ts';

export enum ConsultationKind {
  LEGAL_DOCUMENT = 'LEGAL_DOCUMENT',
  POLICY = 'POLICY',
}
registerEnumType(ConsultationKind, { name: 'ConsultationKind', description: 'A draft legal document or a draft policy.' });

export enum ConsultationStatus {
  UPCOMING = 'UPCOMING',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(ConsultationStatus, { name: 'ConsultationStatus', description: 'Where the comment window stands now (Asia/Ho_Chi_Minh).' });

export enum CommentState {
  PENDING = 'PENDING',
  PUBLISHED = 'PUBLISHED',
  REJECTED = 'REJECTED',
}
registerEnumType(CommentState, { name: 'CommentState', description: 'Comments are moderated before publication.' });

/** The legal subgraph's LegalDocument, which a draft becomes once issued. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('LegalDocument')
export class LegalDocumentRef {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'Who receives the comments (R-4.12c).' })
export class ReceivingAgency {
  @Field(() => String) name!: string;
  @Field(() => String) address!: string;
  @Field(() => String) email!: string;
}

@ObjectType({ description: 'A published comment: the author’s name and organisation, never their contact data.' })
export class PublicComment {
  @Field(() => ID) id!: string;
  @Field(() => String) authorName!: string;
  @Field(() => String, { nullable: true }) organisation!: string | null;
  @Field(() => String, { nullable: true, description: 'The part of the draft commented on.' }) section!: string | null;
  @Field(() => String, { description: 'Plain text as submitted: render it escaped.' }) body!: string;
  @Field(() => Date) submittedAt!: Date;
  @Field(() => [Attachment], { description: 'Files sent with the comment: the public sees those published with it.' }) attachments!: Attachment[];
}
export const PublicCommentPage = PageOf(PublicComment, 'PublicCommentPage');

@ObjectType({ description: 'A comment as the drafting agency and the board see it.' })
export class StaffComment extends PublicComment {
  @Field(() => CommentState) state!: CommentState;
  @Field(() => String, { nullable: true }) authorEmail!: string | null;
  @Field(() => String, { nullable: true }) authorPhone!: string | null;
  @Field(() => String, { nullable: true }) moderationNote!: string | null;
}
export const StaffCommentPage = PageOf(StaffComment, 'StaffCommentPage');

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A draft posted for public comment (R-4.12b, c).' })
export class Consultation {
  @Field(() => ID) id!: string;
  @Field(() => String) slug!: string;
  @Field(() => ConsultationKind) kind!: ConsultationKind;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) summary!: string | null;
  @Field(() => String, { description: 'The full text of the draft.' }) body!: string;
  @Field(() => AgencyRef) draftingAgency!: AgencyRef;
  @Field(() => ReceivingAgency) receivingAgency!: ReceivingAgency;
  @Field(() => LocalDateScalar, { description: 'Comments accepted from 00:00 on this day (Asia/Ho_Chi_Minh).' }) opensOn!: string;
  @Field(() => LocalDateScalar, { description: 'Last day of comments, until 23:59:59 (Asia/Ho_Chi_Minh).' }) closesOn!: string;
  @Field(() => Date) opensAt!: Date;
  @Field(() => Date) closesAt!: Date;
  @Field(() => ConsultationStatus) status!: ConsultationStatus;
  @Field(() => Date, { nullable: true }) publishedAt!: Date | null;
  @Field(() => LegalDocumentRef, { nullable: true, description: 'The legal document the draft became once issued.' }) legalDocument!: LegalDocumentRef | null;
  @Field(() => Int, { description: 'Published comments.' }) commentCount!: number;
}
export const ConsultationPage = PageOf(Consultation, 'ConsultationPage');

@InputType()
export class ConsultationInput {
  @Field(() => ConsultationKind) kind!: ConsultationKind;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) summary?: string | null;
  @Field(() => String) body!: string;
  @Field(() => ID) draftingAgencyId!: string;
  @Field(() => String) receivingName!: string;
  @Field(() => String) receivingAddress!: string;
  @Field(() => String) receivingEmail!: string;
  @Field(() => LocalDateScalar) opensOn!: string;
  @Field(() => LocalDateScalar) closesOn!: string;
}

@InputType({ description: 'A comment on a draft: plain text, HTML kept as typed and shown escaped.' })
export class CommentInput {
  @Field(() => ContactDetailsInput) contact!: ContactDetailsInput;
  @Field(() => String, { nullable: true }) organisation?: string | null;
  @Field(() => String, { nullable: true }) section?: string | null;
  @Field(() => String) body!: string;
  @Field(() => String, { nullable: true, description: 'The solved ALTCHA payload, required from anonymous callers.' }) proofOfWork?: string | null;
  @Field(() => [AttachmentInput], {
    nullable: true,
    description: 'Up to 3 files (PDF, images, DOCX, XLSX), seen by the drafting agency; public only if the moderator publishes them.',
  })
  attachments?: AttachmentInput[] | null;
}

@ObjectType({ description: 'What submitting a comment returns: it is published once moderated.' })
export class CommentReceipt {
  @Field(() => ID) id!: string;
  @Field(() => CommentState) state!: CommentState;
  @Field(() => Date) submittedAt!: Date;
}
