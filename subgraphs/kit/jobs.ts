// Scheduled work as data: a subgraph lists its jobs; the hub's job runner (schema/jobs, pg-boss
// on the hub's PostgreSQL) runs each one once per slot across replicas, with leases, retries
// and history. The kit only translates a subgraph's list into the runner's definitions.
import type { JobDefinition } from '../../schema/jobs/runner.ts';

export interface ScheduledJob {
  /** Stable name, unique in the hub: "<subgraph>.<what>[:<key>]" (e.g. "legal.sync:gazette"). */
  name: string;
  /** How often; 0 or less = not scheduled. */
  everyMs: number;
  /** Longest a run may take before it is taken as crashed and retried elsewhere (default 15 min). */
  leaseSeconds?: number;
  run(): Promise<unknown>;
}

/** The runner's job for a subgraph's: queue names allow letters, digits and `_ . - /`, so ":" becomes "/". */
export function runnerJobs(jobs: ScheduledJob[]): JobDefinition[] {
  return jobs
    .filter((job) => job.everyMs > 0)
    .map((job) => ({ name: job.name.replace(/[^\w.\-/]/g, '/'), everyMs: Math.max(1_000, job.everyMs), leaseSeconds: job.leaseSeconds, run: () => job.run() }));
}
