// The search tool's inputs: filters combine with AND; text is cleaned and length-limited in
// the resolver (cleanText) before it reaches SQL as a parameter.
import { Field, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../kit/scalars.ts';
import { LegalValidityStatus } from './enums.ts';

@InputType({ description: 'Filters of the legal-document search; all optional, combined with AND.' })
export class LegalDocumentFilter {
  @Field(() => [String], { nullable: true, description: 'Type codes: DECISION, DECREE, LAW, CIRCULAR, …' }) types?: string[] | null;
  @Field(() => String, {
    nullable: true,
    description: 'Issuing agency, any spelling ("UBND tinh Vinh Phuc" finds "Ủy ban nhân dân tỉnh Vĩnh Phúc" by its words).',
  })
  issuer?: string | null;
  @Field(() => String, { nullable: true, description: 'Lĩnh vực, accents optional.' }) field?: string | null;
  @Field(() => [LegalValidityStatus], { nullable: true }) statuses?: string[] | null;
  @Field(() => LocalDateScalar, { nullable: true }) issuedFrom?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) issuedTo?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) effectiveFrom?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) effectiveTo?: string | null;
  @Field(() => Int, { nullable: true, description: 'Year of issue.' }) year?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Only documents issued by the province.' }) locallyIssued?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Include withdrawn documents (default false): with changedSince, the tombstones a harvester needs (withdrawn = true).',
  })
  includeWithdrawn?: boolean | null;
  @Field(() => Date, { nullable: true, description: 'Only documents changed at or after this instant (incremental harvesting).' })
  changedSince?: Date | null;
}
