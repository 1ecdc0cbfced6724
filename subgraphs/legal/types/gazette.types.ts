// GazetteIssue (federation key: id): one issue of the official gazette and the documents in it.
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../kit/scalars.ts';
import { PageOf } from '../../kit/pagination.ts';
import { LegalDocument } from './document.types.ts';
import { LegalDocumentKind, LegalProvenance } from './values.types.ts';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Công báo: an issue of the official gazette ("Số 45 + 46" has number 45 and numberTo 46).' })
export class GazetteIssue {
  @Field(() => ID) id!: string;
  @Field(() => Int) number!: number;
  @Field(() => Int, { nullable: true }) numberTo!: number | null;
  @Field(() => String, { description: '"Số 45" or "Số 45 + 46".' }) label!: string;
  @Field(() => Int) year!: number;
  @Field(() => LocalDateScalar) date!: string;
  @Field(() => String) publisher!: string;
  @Field(() => LegalProvenance) provenance!: LegalProvenance;
}

@ObjectType({ description: 'A document as printed in a gazette issue: its summary and page.' })
export class GazetteEntry {
  @Field(() => GazetteIssue) issue!: GazetteIssue;
  issueId!: string;
  @Field(() => LegalDocument) document!: LegalDocument;
  documentId!: string;
  @Field(() => String) number!: string;
  @Field(() => LegalDocumentKind) type!: LegalDocumentKind;
  @Field(() => String) issuer!: string;
  @Field(() => LocalDateScalar, { nullable: true }) issueDate!: string | null;
  @Field(() => String, { description: 'Trích yếu as printed.' }) summary!: string;
  @Field(() => Int) page!: number;
  @Field(() => Int, { nullable: true }) pageTo!: number | null;
}

export const GazetteIssuePage = PageOf(GazetteIssue, 'GazetteIssuePage');
export const GazetteEntryPage = PageOf(GazetteEntry, 'GazetteEntryPage');
