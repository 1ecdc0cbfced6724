// Sync status and runs, as administrators and the portal see them.
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LegalLabel } from './values.types.ts';
import { LegalSyncRunStatus, LegalSyncSystem, LegalSyncTrigger } from './enums.ts';

@ObjectType({ description: 'One sync run and what it did.' })
export class LegalSyncRun {
  @Field(() => ID) id!: string;
  @Field(() => LegalSyncSystem) system!: string;
  @Field(() => LegalSyncTrigger) trigger!: string;
  @Field(() => LegalSyncRunStatus) status!: string;
  @Field(() => Date) startedAt!: Date;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why the run failed: UPSTREAM_*, INTERNAL_SERVER_ERROR, or INTERRUPTED (its process stopped).' })
  errorCode!: string | null;
  @Field(() => Int, { description: 'Records the source listed.' }) seen!: number;
  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => Int) withdrawn!: number;
  @Field(() => Int, { description: 'Differences where the provincial copy overrode the national one.' }) conflicts!: number;
  @Field(() => Int) filesStored!: number;
  @Field(() => Int) filesFailed!: number;
}

@ObjectType({ description: 'Where the sync of one source stands.' })
export class LegalSyncStatus {
  @Field(() => LegalSyncSystem) system!: string;
  @Field(() => LegalLabel) label!: LegalLabel;
  @Field(() => Boolean, { description: 'This hub has the source configured.' }) configured!: boolean;
  @Field(() => Date, { nullable: true }) lastSuccessAt!: Date | null;
  @Field(() => Date, { nullable: true }) lastErrorAt!: Date | null;
  @Field(() => String, { nullable: true }) lastErrorCode!: string | null;
  @Field(() => Int, { description: 'Failed runs since the last success.' }) consecutiveFailures!: number;
  @Field(() => Int, { nullable: true, description: 'Seconds since the last successful run.' }) lagSeconds!: number | null;
  @Field(() => Date, { nullable: true, description: 'The source change time the next incremental run starts from.' }) cursor!: Date | null;
  @Field(() => Int, { description: 'Documents (national database) or issues (gazette) held.' }) records!: number;
  @Field(() => LegalSyncRun, { nullable: true }) lastRun!: LegalSyncRun | null;
}
