// Scheduled work as data: a subgraph lists its jobs; the hub's job runner (schema/jobs, pg-boss
// on the hub's PostgreSQL) runs each one once per slot across replicas, with leases, retries
// and history. The kit only translates a subgraph's list into the runner's definitions.
import type { JobDefinition } from '../../schema/jobs/runner.ts';
import { contentChanged } from '../../schema/cache/content-version.ts';

export interface ScheduledJob {
  /** Stable name, unique in the hub: "<subgraph>.<what>[:<key>]" (e.g. "legal.sync:gazette"). */
  name: string;
  /** How often; 0 or less = not scheduled. */
  everyMs: number;
  /** Longest a run may take before it is taken as crashed and retried elsewhere (default 15 min). */
  leaseSeconds?: number;
  /**
   * The work. Throw when it failed (an upstream down, a sync recorded as FAILED): the runner then
   * retries with backoff and, out of retries, keeps the job as dead for operators. `attempt` is
   * 0 for the first try of a slot.
   */
  run(ctx?: { attempt: number; now: Date }): Promise<unknown>;
  /**
   * Whether a run's result changed public content (a sync that ran, items published): the
   * gateway's cached answers are then stale (schema/cache/content-version.ts). Absent = never.
   */
  changesContent?(result: unknown): boolean;
}

/** A sync that records its failure instead of throwing, failing its job so retries and dead letters apply. */
export class JobRunFailed extends Error {
  constructor(
    readonly job: string,
    readonly code: string,
  ) {
    super(`${job} failed: ${code}`);
  }
}

/** A job's name on the runner: queue names allow letters, digits and `_ . - /`, so ":" becomes "/". */
export const runnerJobName = (name: string) => name.replace(/[^\w.\-/]/g, '/');

function runnerJob(job: ScheduledJob, everyMs: number | undefined): JobDefinition {
  return {
    name: runnerJobName(job.name),
    everyMs,
    leaseSeconds: job.leaseSeconds,
    run: async (ctx) => {
      const result = await job.run({ attempt: ctx.attempt, now: ctx.now });
      if (job.changesContent?.(result)) await contentChanged(job.name);
      return result;
    },
  };
}

/** The runner's jobs for a subgraph's scheduled ones (those with an interval). */
export function runnerJobs(jobs: ScheduledJob[]): JobDefinition[] {
  return jobs.filter((job) => job.everyMs > 0).map((job) => runnerJob(job, Math.max(1_000, job.everyMs)));
}

/** The runner's jobs for work sent on demand only (a subgraph's deferred boot work): no schedule. */
export function onDemandJobs(jobs: ScheduledJob[]): JobDefinition[] {
  return jobs.map((job) => runnerJob(job, undefined));
}

/** What a boot sync of one source answers: whether it failed, and why. */
export interface BootSyncStep {
  failed: boolean;
  errorCode?: string | null;
}

/**
 * A subgraph's sync at boot, deferred because every source already has last-known-good data: the
 * hub starts serving that data at once and sends this job right after its gateway listens; the
 * job runner runs it in one process (its lease). Each source is synced in order unless its last
 * run began after `since` (this process's boot): another process booting at the same time has
 * synced it already, so a fleet restarting together syncs once. A failed source fails the job;
 * its retries (attempt > 0) sync again whatever ran meanwhile.
 */
export function deferredBootSync(opts: {
  name: string;
  keys: readonly string[];
  since: Date;
  lastRunAt(key: string): Promise<Date | null | undefined>;
  sync(key: string): Promise<BootSyncStep>;
}): ScheduledJob {
  return {
    name: opts.name,
    everyMs: 0,
    run: async (ctx) => {
      const ran: string[] = [];
      const failed: string[] = [];
      for (const key of opts.keys) {
        const last = await opts.lastRunAt(key);
        if ((ctx?.attempt ?? 0) === 0 && last && last.getTime() >= opts.since.getTime()) continue;
        const step = await opts.sync(key);
        ran.push(key);
        if (step.failed) failed.push(`${key}: ${step.errorCode ?? 'INTERNAL_SERVER_ERROR'}`);
      }
      if (failed.length) throw new JobRunFailed(opts.name, failed.join(', '));
      return { ran };
    },
  };
}
