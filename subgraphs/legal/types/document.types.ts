// The LegalDocument entity (federation key: id) and the lists hanging off it. Scalar fields are
// mapped from the row; lists and derived fields are field resolvers (document.resolver.ts) that
// go through per-request DataLoaders.
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../kit/scalars.ts';
import { PageOf } from '../../kit/pagination.ts';
import { LegalLookupOrigin, LegalRelationType, LegalValidityAction } from './enums.ts';
import { LegalDocumentKind, LegalDocumentNumber, LegalGazettePublication, LegalLabel, LegalValidity } from './values.types.ts';

@Directive('@key(fields: "id")')
@Directive('@key(fields: "numberKey")')
@ObjectType({ description: 'Văn bản quy phạm pháp luật: a legal document, merged from the national database and the official gazette.' })
export class LegalDocument {
  @Field(() => ID) id!: string;
  @Field(() => LegalDocumentKind) type!: LegalDocumentKind;
  @Field(() => LegalDocumentNumber) number!: LegalDocumentNumber;
  @Field(() => String, { description: 'The number/symbol as a search key (= number.key): how other subgraphs cite the document (LegalBasis).' })
  numberKey!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { description: 'Trích yếu.' }) summary!: string;
  @Field(() => LocalDateScalar, { nullable: true }) issueDate!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) effectiveDate!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) expiryDate!: string | null;
  @Field(() => LegalValidity, { nullable: true, description: 'Current validity status as the source states it.' }) status!: LegalValidity | null;
  @Field(() => [String], { description: 'Lĩnh vực.' }) fields!: string[];
  @Field(() => String, { nullable: true, description: 'Phạm vi ("Toàn quốc", "Tỉnh Vĩnh Phúc").' }) scope!: string | null;
  @Field(() => String, { nullable: true }) fullText!: string | null;
  @Field(() => [LegalGazettePublication], { description: 'Issue-number ranges the legal-document database lists.' })
  gazettePublications!: LegalGazettePublication[];
  @Field(() => Boolean, { description: 'The source withdrew the document; kept and flagged, never silently dropped.' }) withdrawn!: boolean;
  @Field(() => Boolean, { description: 'Issued by the province itself (R-7.4 applies; the provincial copy wins conflicts).' }) locallyIssued!: boolean;
  @Field(() => Date, { description: 'When the portal first had the document.' }) firstPublishedAt!: Date;
}

@ObjectType({ description: 'A relation seen from one document, with its inverse as seen from the other.' })
export class LegalRelation {
  @Field(() => LegalRelationType) type!: string;
  @Field(() => LegalLabel) label!: LegalLabel;
  @Field(() => LegalRelationType) inverseType!: string;
  @Field(() => LegalLabel) inverseLabel!: LegalLabel;
  @Field(() => LegalDocument, { nullable: true, description: 'The other document, when the hub has it.' }) document!: LegalDocument | null;
  /** Id of the other document, resolved through the loader. */
  documentId!: string | null;
  @Field(() => String, { nullable: true, description: 'The other document’s number, as the source gave it.' }) number!: string | null;
  @Field(() => String, { nullable: true }) title!: string | null;
}

@ObjectType({ description: 'A row of the validity history.' })
export class LegalValidityEvent {
  @Field(() => LocalDateScalar) date!: string;
  @Field(() => LegalValidityAction) action!: string;
  @Field(() => LegalLabel) label!: LegalLabel;
  @Field(() => LegalDocument, { nullable: true, description: 'The document that caused it, when the hub has it.' }) sourceDocument!: LegalDocument | null;
  sourceDocumentId!: string | null;
  @Field(() => String, { nullable: true }) sourceNumber!: string | null;
  @Field(() => String, { nullable: true, description: 'Which part ("Điểm c khoản 2 Điều 8"); null for the whole.' }) scopeText!: string | null;
}

@ObjectType({ description: 'A downloadable file, served through the gateway once mirrored.' })
export class LegalFile {
  @Field(() => String) name!: string;
  @Field(() => String) mediaType!: string;
  @Field(() => Int, { nullable: true, description: 'Bytes.' }) size!: number | null;
  @Field(() => String, { nullable: true }) sha256!: string | null;
  @Field(() => String, { nullable: true, description: 'Download link through the gateway; null until the hub holds a verified copy.' })
  downloadUrl!: string | null;
}

export const LegalDocumentPage = PageOf(LegalDocument, 'LegalDocumentPage');
export const LegalRelationPage = PageOf(LegalRelation, 'LegalRelationPage');
export const LegalValidityEventPage = PageOf(LegalValidityEvent, 'LegalValidityEventPage');
export const LegalFilePage = PageOf(LegalFile, 'LegalFilePage');

@ObjectType({ description: 'A document found by number/symbol: the hub’s copy, or one fetched live; `stale` when the live fetch failed.' })
export class LegalDocumentLookup {
  @Field(() => LegalDocument) document!: LegalDocument;
  @Field(() => Boolean, { description: 'The upstream could not be reached: this is the last-known copy.' }) stale!: boolean;
  @Field(() => Date, { description: 'When this copy was fetched from its source.' }) fetchedAt!: Date;
  @Field(() => LegalLookupOrigin) origin!: LegalLookupOrigin;
  @Field(() => String, { nullable: true, description: 'Why the live fetch did not happen or failed: its UPSTREAM_* code, or RATE_LIMITED.' }) upstreamError!:
    string | null;
}
