// Sync status (public: when the catalogue was last refreshed and whether the last attempt
// failed — codes only, never upstream text) and the administrator's "sync now".
import { Arg, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { HubError } from '../../schema/errors.ts';
import { isAdmin, type ServicesContext } from './context.ts';
import { parseSyncJobKey } from './sync/syncer.ts';

@ObjectType({ description: 'Where one services sync job stands.' })
export class ServicesSyncStatus {
  @Field(() => String, { description: 'The job\'s key: `<system>:<feed>`, e.g. "national-service-portal:catalogue".' }) job!: string;
  @Field(() => String, { nullable: true, description: 'The upstream system (adapter id) the job reads.' }) system!: string | null;
  @Field(() => String, { description: 'What the job reads from it: catalogue or usage.' }) feed!: string;
  @Field(() => Boolean, { description: 'An upstream is configured for this job.' }) configured!: boolean;
  @Field(() => Date, { nullable: true }) lastRunAt!: Date | null;
  @Field(() => Date, { nullable: true }) lastSuccessAt!: Date | null;
  @Field(() => Date, { nullable: true }) lastErrorAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'UPSTREAM_* code of the last failure.' }) lastErrorCode!: string | null;
  @Field(() => Int) consecutiveFailures!: number;
  @Field(() => Date, { nullable: true, description: 'Newest upstream change fully processed.' }) cursor!: Date | null;
  @Field(() => String, { nullable: true, description: 'Counts of the last run, as JSON.' }) lastCounts!: string | null;
}

@ObjectType({ description: 'The outcome of a sync run.' })
export class ServicesSyncOutcome {
  @Field(() => String) job!: string;
  @Field(() => String, { description: 'SUCCEEDED, FAILED or BUSY (another process holds the job).' }) status!: string;
  @Field(() => String, { nullable: true }) errorCode!: string | null;
  @Field(() => String, { description: 'Counts as JSON (seen, created, updated, unchanged, withdrawn…).' }) counts!: string;
}

@Resolver()
export class ServicesSyncResolver {
  @Query(() => [ServicesSyncStatus], { description: 'Where each services sync stands: last success, last error code, cursor.' })
  async servicesSyncStatus(@Ctx() ctx: ServicesContext): Promise<ServicesSyncStatus[]> {
    const states = await ctx.prisma.servicesSyncState.findMany({ orderBy: { job: 'asc' } });
    const jobs = [...new Set([...ctx.runtime.syncer.jobs, ...states.map((s) => s.job)])].sort();
    return jobs.map((job) => {
      const s = states.find((x) => x.job === job);
      return {
        job,
        ...parseSyncJobKey(job),
        configured: ctx.runtime.syncer.jobs.includes(job),
        lastRunAt: s?.lastRunAt ?? null,
        lastSuccessAt: s?.lastSuccessAt ?? null,
        lastErrorAt: s?.lastErrorAt ?? null,
        lastErrorCode: s?.lastErrorCode ?? null,
        consecutiveFailures: s?.consecutiveFailures ?? 0,
        cursor: s?.cursor ?? null,
        lastCounts: s?.lastCounts ? JSON.stringify(s.lastCounts) : null,
      };
    });
  }

  @Mutation(() => ServicesSyncOutcome, { description: 'Run a services sync job now and wait for it (administrators).' })
  async runServicesSync(
    @Arg('job', () => String, { description: "The job's key, `<system>:<feed>` (see servicesSyncStatus)." }) job: string,
    @Ctx() ctx: ServicesContext,
  ): Promise<ServicesSyncOutcome> {
    if (!isAdmin(ctx.actor)) throw new HubError('FORBIDDEN', 'Only an administrator may start a sync.');
    if (!ctx.runtime.syncer.jobs.includes(job))
      throw new HubError('BAD_USER_INPUT', 'No such sync job is configured.', { field: 'job', jobs: ctx.runtime.syncer.jobs });
    const outcome = await ctx.runtime.syncer.run(job);
    return { ...outcome, counts: JSON.stringify(outcome.counts) };
  }
}
