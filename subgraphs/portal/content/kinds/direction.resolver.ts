// direction and administration: the GraphQL types of directives, responses to petitions,
// commendations and sanctions (the kinds' modules: direction.module.ts).
import { Directive as KeyDirective, Field, ObjectType } from 'type-graphql';
import { LegalBasis } from '../../../kit/legal-basis.ts';
import { DecimalScalar, LocalDateScalar, LocalizedText } from '../../../kit/scalars.ts';
import { ContentItem } from '../types.ts';
import { CommendationKind, DirectionKind } from './direction.module.ts';

@KeyDirective('@key(fields: "id")')
@ObjectType({ implements: ContentItem, description: 'A directive or administration item of the UBND and its leaders (R-4.3).' })
export class Directive extends ContentItem {
  @Field(() => DirectionKind) directionKind!: DirectionKind;
  @Field(() => String, { nullable: true, description: 'Number/symbol (số ký hiệu), e.g. 12/CT-UBND.' }) documentNumber!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) issuedOn!: string | null;
  @Field(() => String, { nullable: true }) signerName!: string | null;
  @Field(() => String, { nullable: true }) signerTitle!: string | null;
  @Field(() => [LegalBasis], { description: 'Legal bases (căn cứ) as cited, with the documents the hub has.' }) legalBases!: LegalBasis[];
}

@KeyDirective('@key(fields: "id")')
@ObjectType({ implements: ContentItem, description: 'The response to a petition of organisations or voters (R-4.3).' })
export class PetitionResponse extends ContentItem {
  @Field(() => String, { description: 'Who petitioned (an organisation or group; no personal contact data).' }) petitioner!: string;
  @Field(() => LocalizedText) petitionSummary!: LocalizedText;
  @Field(() => LocalDateScalar, { nullable: true }) receivedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) respondedOn!: string | null;
  @Field(() => String, { nullable: true }) responseNumber!: string | null;
}

@KeyDirective('@key(fields: "id")')
@ObjectType({ implements: ContentItem, description: 'A commendation or sanction of an organisation (R-4.3).' })
export class Commendation extends ContentItem {
  @Field(() => CommendationKind) decisionKind!: CommendationKind;
  @Field(() => String, { description: 'The organisation commended or sanctioned.' }) subjectName!: string;
  @Field(() => String, { description: 'Bằng khen, Cờ thi đua, Cảnh cáo, Phạt tiền …' }) form!: string;
  @Field(() => String, { nullable: true }) decisionNumber!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) decidedOn!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Prize or fine in VND.' }) amountVnd!: string | null;
}
