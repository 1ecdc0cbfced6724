// Filters of the procedure and online-service lists.
import { Field, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../kit/scalars.ts';
import { OnlineServiceScope, ProcedureLevel, SubmissionChannel } from './enums.ts';

@InputType()
export class ProcedureFilter {
  @Field(() => ProcedureLevel, { nullable: true, description: 'Carried out at this level on `asOf` (default today).' }) level?: ProcedureLevel | null;
  @Field(() => LocalDateScalar, { nullable: true }) asOf?: string | null;
  @Field(() => [String], { nullable: true, description: 'Field codes (any of them).' }) fieldCodes?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Words of the sector name.' }) sector?: string | null;
  @Field(() => String, { nullable: true, description: 'Implementing agency code (QCVN 102).' }) agencyCode?: string | null;
  @Field(() => SubmissionChannel, { nullable: true, description: 'Can be done through this channel.' }) channel?: SubmissionChannel | null;
  @Field(() => Boolean, { nullable: true, description: 'Has an online service.' }) online?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Has an English version (procedures concerning foreigners, R-4.15d).' }) english?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Include procedures withdrawn from the catalogue (default false): with changedSince, the tombstones a harvester needs (withdrawn = true).',
  })
  includeWithdrawn?: boolean | null;
  @Field(() => Date, { nullable: true, description: 'Only procedures changed at or after this instant (incremental harvesting).' }) changedSince?: Date | null;
}

@InputType()
export class OnlineServiceFilter {
  @Field(() => String, { nullable: true, description: 'Words of the name or code.' }) query?: string | null;
  @Field(() => String, { nullable: true, description: 'Words of the sector name.' }) sector?: string | null;
  @Field(() => [String], { nullable: true }) fieldCodes?: string[] | null;
  @Field(() => Int, { nullable: true, description: 'At least this mức độ (1–4).' }) minLevel?: number | null;
  @Field(() => OnlineServiceScope, { nullable: true }) scope?: OnlineServiceScope | null;
  @Field(() => String, { nullable: true }) agencyCode?: string | null;
  @Field(() => Date, { nullable: true, description: 'Only services fetched or changed at or after this instant (incremental harvesting).' })
  changedSince?: Date | null;
}
