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

/** The runner's job for a subgraph's: queue names allow letters, digits and `_ . - /`, so ":" becomes "/". */
export function runnerJobs(jobs: ScheduledJob[]): JobDefinition[] {
  return jobs
    .filter((job) => job.everyMs > 0)
    .map((job) => ({
      name: job.name.replace(/[^\w.\-/]/g, '/'),
      everyMs: Math.max(1_000, job.everyMs),
      leaseSeconds: job.leaseSeconds,
      run: async (ctx) => {
        const result = await job.run({ attempt: ctx.attempt, now: ctx.now });
        if (job.changesContent?.(result)) await contentChanged(job.name);
        return result;
      },
    }));
}
