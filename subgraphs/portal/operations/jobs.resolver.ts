// The hub's jobs in the graph, for administrators (the operator console reads them here): every
// scheduled and background job of the one job runner (schema/jobs) with its queue (queued,
// retrying, running), dead letters, schedule, last run and history, and recent failures. Read
// from the job runner's tables in the hub's database, so whichever process runs the jobs, the
// answer is the same. The portal hosts it as the subgraph of the hub's own administration.
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { HubError } from '../../../schema/errors.ts';
import { readJobFailures, readJobHistory, readJobOverview, retryDeadJob, type JobOverview, type JobRun, type SqlRunner } from '../../../schema/jobs/inspect.ts';
import { Db } from '../../../schema/db/prisma.ts';
import type { PortalContext } from '../context.ts';

export enum OperatorJobState {
  QUEUED = 'queued',
  RETRYING = 'retrying',
  RUNNING = 'running',
  DONE = 'done',
  DEAD = 'dead',
  CANCELLED = 'cancelled',
}
registerEnumType(OperatorJobState, {
  name: 'OperatorJobState',
  description:
    'QUEUED: waiting to run. RETRYING: an attempt failed, the next waits its backoff. RUNNING: leased by a worker. DONE: finished. DEAD: out of retries (a dead letter, until an operator retries it). CANCELLED.',
});

const MAX_RUNS = 100;

@ObjectType({ description: 'One run (attempt chain) of a job.' })
export class OperatorJobRun {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The job it belongs to.' }) job!: string;
  @Field(() => OperatorJobState) state!: OperatorJobState;
  @Field(() => Int, { description: 'Retries so far (0 for the first attempt).' }) attempt!: number;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'The schedule slot it ran for; null for a job sent on demand.' }) slot!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed (retrying and dead runs): a code and a short message.' })
  error!: string | null;
  @Field(() => String, { nullable: true, description: 'What a finished run returned, as JSON text (counts, the backup written…).' })
  output!: string | null;
}

@ObjectType({ description: 'A job of the hub’s job runner: its queue, dead letters, schedule and last run.' })
export class OperatorJob {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: 'e.g. "daily at 02:00 (Asia/Ho_Chi_Minh)"; null for a job only sent on demand.' })
  schedule!: string | null;
  @Field(() => Date, { nullable: true, description: 'The next slot after the last one queued.' }) nextDueAt!: Date | null;
  @Field(() => Int, { description: 'Attempts after the first before a run is dead.' }) retryLimit!: number;
  @Field(() => Int, { description: 'How long an attempt may hold its lease before it is taken as crashed.' }) leaseSeconds!: number;
  @Field(() => Int, { description: 'Waiting to run (queue depth).' }) queued!: number;
  @Field(() => Int, { description: 'Failed once or more, waiting for the next attempt.' }) retrying!: number;
  @Field(() => Int) running!: number;
  @Field(() => Int, { description: 'Out of retries: dead letters.' }) dead!: number;
  @Field(() => Int, { description: 'Finished runs still in the history (JOBS_HISTORY_DAYS).' }) done!: number;
  @Field(() => OperatorJobRun, { nullable: true, description: 'The last run that finished, done or dead.' }) lastRun!: OperatorJobRun | null;
}

const toRun = (r: JobRun): OperatorJobRun =>
  Object.assign(new OperatorJobRun(), {
    ...r,
    state: r.state as OperatorJobState,
    output: r.output === null || r.output === undefined ? null : JSON.stringify(r.output).slice(0, 2_000),
  });

const toJob = (j: JobOverview): OperatorJob =>
  Object.assign(new OperatorJob(), {
    name: j.name,
    schedule: j.schedule,
    nextDueAt: j.nextDueAt,
    retryLimit: j.retryLimit,
    leaseSeconds: j.leaseSeconds,
    ...j.counts,
    lastRun: j.lastRun ? toRun(j.lastRun) : null,
  });

function adminOnly(ctx: PortalContext) {
  if (!ctx.actor.roles.includes('ADMIN')) throw new HubError('FORBIDDEN', 'Only an administrator may read the job runner.');
}

/** The inspector's statements ($1… placeholders) as Prisma's parameterised SQL: values stay bound parameters. */
const sqlOf =
  (ctx: PortalContext): SqlRunner =>
  (text, params) => {
    const parts = text.split(/\$(\d+)/);
    const strings = parts.filter((_, i) => i % 2 === 0);
    const values = parts.filter((_, i) => i % 2 === 1).map((n) => params[Number(n) - 1]);
    return ctx.prisma.$queryRaw<Record<string, unknown>[]>(new Db.Prisma.Sql(strings, values));
  };

const limitArg = (first: number) => {
  if (!Number.isInteger(first) || first < 1 || first > MAX_RUNS) throw new HubError('BAD_USER_INPUT', `first must be 1–${MAX_RUNS}.`, { field: 'first' });
  return first;
};

@Resolver(() => OperatorJob)
export class OperatorJobsResolver {
  @Query(() => [OperatorJob], { description: 'Every job of the hub’s job runner with its queue, dead letters and last run (administrators).' })
  async operatorJobs(@Ctx() ctx: PortalContext): Promise<OperatorJob[]> {
    adminOnly(ctx);
    return (await readJobOverview(sqlOf(ctx))).map(toJob);
  }

  @Query(() => [OperatorJobRun], { description: 'Failed attempts of any job, newest first: dead letters and runs waiting to retry (administrators).' })
  async operatorJobFailures(@Arg('first', () => Int, { defaultValue: 10 }) first: number, @Ctx() ctx: PortalContext): Promise<OperatorJobRun[]> {
    adminOnly(ctx);
    return (await readJobFailures(sqlOf(ctx), limitArg(first))).map(toRun);
  }

  @Mutation(() => OperatorJobRun, {
    description: 'Put a dead job back in the queue with one more attempt, due now (administrators). NOT_FOUND when that job has no dead run with this id.',
  })
  async retryOperatorJob(@Arg('job', () => String) job: string, @Arg('id', () => ID) id: string, @Ctx() ctx: PortalContext): Promise<OperatorJobRun> {
    adminOnly(ctx);
    const run = await retryDeadJob(sqlOf(ctx), job.slice(0, 200), id);
    if (!run) throw new HubError('NOT_FOUND', 'No dead run of this job has this id.');
    return toRun(run);
  }

  @FieldResolver(() => [OperatorJobRun], { description: 'This job’s runs, newest first (kept JOBS_HISTORY_DAYS).' })
  async history(@Root() job: OperatorJob, @Arg('first', () => Int, { defaultValue: 10 }) first: number, @Ctx() ctx: PortalContext): Promise<OperatorJobRun[]> {
    adminOnly(ctx);
    return (await readJobHistory(sqlOf(ctx), job.name, limitArg(first))).map(toRun);
  }
}
