// Scheduled work as data: a subgraph lists its jobs, and a runner calls them. This runner is
// the simplest one (an interval per job in this process, never two runs of a job at once); the
// jobs themselves must stay safe to run on several replicas (they are: versioned updates, leases
// in the database), so a runner that runs each job once across replicas can replace it as is.
import type { Logger } from 'pino';

export interface ScheduledJob {
  /** Stable name, unique in the hub: "<subgraph>.<what>[:<key>]" (e.g. "legal.sync:gazette"). */
  name: string;
  /** How often; 0 or less = not scheduled. */
  everyMs: number;
  run(): Promise<unknown>;
}

export interface RunningJobs {
  stop(): Promise<void>;
}

export function startJobs(jobs: ScheduledJob[], logger: Logger): RunningJobs {
  const inFlight = new Map<string, Promise<unknown>>();
  const timers = jobs
    .filter((job) => job.everyMs > 0)
    .map((job) => {
      const timer = setInterval(() => {
        if (inFlight.has(job.name)) return;
        const run = job
          .run()
          .catch((err: unknown) => logger.error({ err, job: job.name }, 'scheduled job failed'))
          .finally(() => inFlight.delete(job.name));
        inFlight.set(job.name, run);
      }, job.everyMs);
      timer.unref();
      return timer;
    });
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      await Promise.all(inFlight.values());
    },
  };
}
