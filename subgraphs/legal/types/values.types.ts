// Small value types of legal documents: labels, number, kind, issuer, validity, publication,
// provenance, R-7.4 deadline.
import { Field, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../kit/scalars.ts';
import { LegalDeadlineStatus, LegalValidityStatus } from './enums.ts';
import type { DeadlineStatus } from '../../../schema/deadlines/deadline.ts';

@ObjectType({ description: 'A label in Vietnamese and English.' })
export class LegalLabel {
  @Field(() => String) vi!: string;
  @Field(() => String) en!: string;
}

@ObjectType({ description: 'Số ký hiệu: as written, normalised (dashes, spaces) and as a search key (QĐ = QD).' })
export class LegalDocumentNumber {
  @Field(() => String) raw!: string;
  @Field(() => String) normalised!: string;
  @Field(() => String) key!: string;
}

@ObjectType({ description: 'Loại văn bản: code (DECISION, DECREE, …) and Vietnamese name.' })
export class LegalDocumentKind {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

@ObjectType({ description: 'Cơ quan ban hành, chức danh, người ký (several for a joint document).' })
export class LegalIssuer {
  @Field(() => String) agency!: string;
  @Field(() => String, { nullable: true }) signerName!: string | null;
  @Field(() => String, { nullable: true }) signerTitle!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'How the agency is matched to the portal’s Agency (issuingAgencies): CODE (the source gave its QCVN 102 identifier) or NAME (its folded name).',
  })
  agencyMatch!: string | null;
}

@ObjectType({ description: 'A validity status with its labels.' })
export class LegalValidity {
  @Field(() => LegalValidityStatus) code!: string;
  @Field(() => LegalLabel) label!: LegalLabel;
}

@ObjectType({ description: 'The status a document had on a given day, derived from its validity history.' })
export class LegalValidityAsOf {
  @Field(() => LocalDateScalar) date!: string;
  @Field(() => LegalValidity, { nullable: true, description: 'Null before the document was issued.' }) status!: LegalValidity | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Since when it had this status.' }) since!: string | null;
}

@ObjectType({ description: 'Công báo issues a document was published in, as the legal-document database lists them.' })
export class LegalGazettePublication {
  @Field(() => Int) from!: number;
  @Field(() => Int) to!: number;
  @Field(() => Int) year!: number;
  @Field(() => LocalDateScalar, { nullable: true }) publishedDate!: string | null;
}

@ObjectType({ description: 'Where a copy of the data came from: system, its id, link, fetch time, content hash.' })
export class LegalProvenance {
  @Field(() => String) system!: string;
  @Field(() => String) sourceId!: string;
  @Field(() => String, { nullable: true }) sourceUrl!: string | null;
  @Field(() => Date) fetchedAt!: Date;
  @Field(() => String, { description: 'sha256 of the mapped record.' }) contentHash!: string;
  @Field(() => Boolean, { description: 'The source withdrew this copy.' }) withdrawn!: boolean;
}

@ObjectType({ description: 'R-7.4: a document issued by the province is published on the portal within 7 working days of its issue date.' })
export class LegalPublicationDeadline {
  @Field(() => LocalDateScalar) dueDate!: string;
  @Field(() => LocalDateScalar, { description: 'The day the portal first had the document (Asia/Ho_Chi_Minh).' }) deliveredOn!: string;
  @Field(() => LegalDeadlineStatus) status!: DeadlineStatus;
}
