// Administrative procedures as the graph shows them. Entities of other subgraphs appear
// as keys only (federation.types.ts): the gateway fetches the rest from their owners.
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DecimalScalar, Locale, LocalDateScalar, LocalizedText } from '../../kit/scalars.ts';
import { Agency, LegalBasis } from './federation.types.ts';
import { ProcedureLevel, PublicationStatus, SubmissionChannel, TimeLimitUnit } from './enums.ts';

@ObjectType({ description: 'A level the procedure is carried out at, with the dates it applied.' })
export class ProcedureLevelPeriod {
  @Field(() => ProcedureLevel) level!: ProcedureLevel;
  @Field(() => LocalDateScalar, { nullable: true }) validFrom!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) validTo!: string | null;
}

@ObjectType({ description: 'Lĩnh vực: a field of the national catalogue.' })
export class ProcedureField {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

@ObjectType({ description: 'Thành phần hồ sơ: one document to bring, how many originals and copies, and its form template.' })
export class DossierComponent {
  @Field(() => String, { nullable: true }) code!: string | null;
  @Field(() => String) name!: string;
  @Field(() => Int, { nullable: true, description: 'Bản chính.' }) originals!: number | null;
  @Field(() => Int, { nullable: true, description: 'Bản sao.' }) copies!: number | null;
  @Field(() => String, { nullable: true, description: 'Mẫu đơn, tờ khai.' }) templateName!: string | null;
  @Field(() => String, { nullable: true }) templateUrl!: string | null;
}

@ObjectType({ description: 'A fee or charge (phí, lệ phí), exact in đồng.' })
export class ProcedureFee {
  @Field(() => String, { nullable: true }) code!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Exact amount in VND; "0" when free; null when the text sets no fixed amount.' })
  amountVnd!: string | null;
  @Field(() => String, { nullable: true, description: 'As written: "Đồng/Hồ sơ", "Đồng/trang".' }) unit!: string | null;
  @Field(() => String, { nullable: true, description: 'The description as published, whole (reductions, exemptions).' }) description!: string | null;
}

@ObjectType({ description: 'A time limit (thời hạn giải quyết) with the fees that go with it.' })
export class ProcedureTimeLimit {
  @Field(() => DecimalScalar, { nullable: true, description: '"10", "0.5"; null when only text is given.' }) value!: string | null;
  @Field(() => TimeLimitUnit) unit!: TimeLimitUnit;
  @Field(() => String, { nullable: true, description: 'The unit as written ("Ngày làm việc").' }) unitText!: string | null;
  @Field(() => String, { nullable: true, description: 'When this limit applies ("Trường hợp phải xác minh").' }) description!: string | null;
  @Field(() => [ProcedureFee]) fees!: ProcedureFee[];
}

@ObjectType({ description: 'How the procedure is done through one channel: its time limits and fees differ per channel.' })
export class ProcedureChannel {
  @Field(() => SubmissionChannel) channel!: SubmissionChannel;
  @Field(() => LocalizedText) label!: LocalizedText;
  @Field(() => [ProcedureTimeLimit]) timeLimits!: ProcedureTimeLimit[];
}

@ObjectType({ description: 'Who handles the procedure (R-4.8: name and contact).' })
export class ProcedureContact {
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
}

@ObjectType({ description: 'The procedure in one channel language, English falling back to Vietnamese as a whole (R-4.15d).' })
export class ProcedureText {
  @Field(() => Locale) requestedLocale!: Locale;
  @Field(() => Locale) servedLocale!: Locale;
  @Field(() => Boolean) isFallback!: boolean;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) summary!: string | null;
}

@ObjectType({ description: 'R-7.5: published at least 10 working days before the rule it implements takes effect.' })
export class ProcedurePublicationDeadline {
  @Field(() => LocalDateScalar, { nullable: true, description: 'When the governing rule takes effect.' }) ruleEffectiveDate!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The latest day to publish: 10 working days before, counted back with the calendar.' })
  dueDate!: string | null;
  @Field(() => LocalDateScalar, { description: 'The day the portal first published the procedure (Asia/Ho_Chi_Minh).' }) publishedOn!: string;
  @Field(() => PublicationStatus, { nullable: true, description: 'Null when the effective date is unknown or outside the calendar data.' })
  status!: PublicationStatus | null;
}

@ObjectType({ description: 'Where the record came from.' })
export class ServiceProvenance {
  @Field(() => String) system!: string;
  @Field(() => String) sourceId!: string;
  @Field(() => String, { nullable: true }) sourceUrl!: string | null;
  @Field(() => Date, { nullable: true }) modifiedAt!: Date | null;
  @Field(() => Date) fetchedAt!: Date;
  @Field(() => String) contentHash!: string;
}

@Directive('@key(fields: "id")')
@Directive('@key(fields: "code")')
@ObjectType({ description: 'Thủ tục hành chính: an administrative procedure of the national catalogue as the province carries it out (R-4.8).' })
export class AdministrativeProcedure {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'National code (MATTHC), e.g. "1.001612".' }) code!: string;
  @Field(() => String, { nullable: true, description: 'The province’s local variant, e.g. "1.001612.000.00.00.H43".' }) localCode!: string | null;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: 'Ngành.' }) sector!: string | null;
  @Field(() => [ProcedureField]) fields!: ProcedureField[];
  @Field(() => [ProcedureLevelPeriod], { description: 'Every level with its dates, the district tier included for history.' })
  levelHistory!: ProcedureLevelPeriod[];
  @Field(() => [String], { description: 'Trình tự thực hiện, in order.' }) steps!: string[];
  @Field(() => [DossierComponent]) components!: DossierComponent[];
  @Field(() => [ProcedureChannel], { description: 'Per channel: time limits and fees.' }) channels!: ProcedureChannel[];
  @Field(() => [String], { description: 'Đối tượng thực hiện.' }) applicants!: string[];
  @Field(() => String, { nullable: true, description: 'Yêu cầu, điều kiện.' }) conditions!: string | null;
  @Field(() => [String], { description: 'Kết quả thực hiện.' }) results!: string[];
  @Field(() => String, { nullable: true }) whereToSubmit!: string | null;
  @Field(() => ProcedureContact, { nullable: true }) contact!: ProcedureContact | null;
  @Field(() => [Agency], { description: 'Cơ quan thực hiện, resolved by the portal from their codes.' }) implementingAgencies!: Agency[];
  @Field(() => [LegalBasis], { description: 'Căn cứ pháp lý as published, each with the legal document when the hub has it.' }) legalBases!: LegalBasis[];
  @Field(() => String, { nullable: true, description: 'The decision that announced the procedure.' }) announcedBy!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) validFrom!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) validTo!: string | null;
  @Field(() => Boolean, { description: 'Withdrawn from the national catalogue: kept and flagged.' }) withdrawn!: boolean;
  @Field(() => ServiceProvenance) source!: ServiceProvenance;

  nameEn!: string | null;
  summaryEn!: string | null;
  effectiveDate!: string | null;
  firstPublishedAt!: Date;
}
