// A dossier as the public sees it (R-4.17b): status, appointment, lateness in working days,
// progress. Never the applicant's ID number or phone; the name only masked.
import { Field, Int, ObjectType } from 'type-graphql';
import { LocalizedText } from '../../kit/scalars.ts';
import { DossierStatus } from './enums.ts';

@ObjectType({ description: 'One step of processing: who, with which title, in which unit, when, what.' })
export class DossierProgressEntry {
  @Field(() => String, { nullable: true, description: 'The official who acted (a public servant acting in office).' }) actor!: string | null;
  @Field(() => String, { nullable: true }) role!: string | null;
  @Field(() => String, { nullable: true }) unit!: string | null;
  @Field(() => Date, { nullable: true }) at!: Date | null;
  @Field(() => String, { nullable: true }) action!: string | null;
  @Field(() => DossierStatus, { nullable: true }) status!: DossierStatus | null;
}

@ObjectType({ description: 'Hồ sơ: where a dossier stands in the one-stop system.' })
export class Dossier {
  @Field(() => String) code!: string;
  @Field(() => String, { nullable: true }) procedureCode!: string | null;
  @Field(() => String, { nullable: true }) procedureName!: string | null;
  @Field(() => DossierStatus) status!: DossierStatus;
  @Field(() => Int, { description: 'TrangThaiHoSo 1–10.' }) statusCode!: number;
  @Field(() => LocalizedText) statusLabel!: LocalizedText;
  @Field(() => String, { description: 'The applicant’s name, masked ("Nguyễn V. A.").' }) applicant!: string;
  @Field(() => Date, { nullable: true }) receivedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Ngày hẹn trả.' }) appointmentAt!: Date | null;
  @Field(() => Date, { nullable: true }) returnedAt!: Date | null;
  @Field(() => String, { nullable: true }) handlingUnit!: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Past its appointment date (finished late, or still open after it); null without an appointment.' })
  isLate!: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Working days past the appointment date (0 when on time); null when not computable.' })
  workingDaysLate!: number | null;
  @Field(() => [DossierProgressEntry], { description: 'Oldest first.' }) progress!: DossierProgressEntry[];
}

@ObjectType({ description: 'A dossier lookup: live from the one-stop system, or its last known state flagged stale.' })
export class DossierLookup {
  @Field(() => Dossier) dossier!: Dossier;
  @Field(() => Boolean, { description: 'The one-stop system could not be asked: this is the last known state.' }) stale!: boolean;
  @Field(() => Date, { description: 'When this state was fetched from the one-stop system.' }) fetchedAt!: Date;
  @Field(() => String, { nullable: true, description: 'Why the live answer is missing (UPSTREAM_* or RATE_LIMITED).' }) upstreamError!: string | null;
}
