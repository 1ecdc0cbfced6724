// The services sync jobs by name, each run under the lease of runner.ts; one run of a job at a
// time in this process (a second request waits for and returns the first one's outcome).
// Scheduled as the subgraph's jobs (index.ts); the lease decides who runs.
import type { Logger } from 'pino';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { ServicesSources } from '../config.ts';
import { CATALOGUE_JOB, catalogueSync } from './catalogue-sync.ts';
import { USAGE_JOB, usageSync } from './usage-sync.ts';
import { runJob, type JobBody, type JobOutcome } from './runner.ts';
import { contentChanged } from '../../../schema/cache/content-version.ts';

export interface ServicesSyncer {
  readonly jobs: string[];
  run(job: string): Promise<JobOutcome>;
  idle(): Promise<void>;
}

export function createServicesSyncer(opts: { prisma: PrismaClient; sources: ServicesSources; clock: () => Date; logger: Logger }): ServicesSyncer {
  const bodies = new Map<string, JobBody>();
  if (opts.sources.catalogue) bodies.set(CATALOGUE_JOB, catalogueSync(opts.prisma, opts.sources.catalogue, opts.clock));
  if (opts.sources.usage) bodies.set(USAGE_JOB, usageSync(opts.prisma, opts.sources.usage, opts.clock));
  const running = new Map<string, Promise<JobOutcome>>();
  const env = { prisma: opts.prisma, clock: opts.clock, logger: opts.logger, leaseMs: 15 * 60_000 };

  function run(job: string): Promise<JobOutcome> {
    const body = bodies.get(job);
    if (!body) return Promise.resolve({ job, status: 'FAILED', errorCode: 'NOT_CONFIGURED', counts: {} });
    let current = running.get(job);
    if (!current) {
      // A finished sync may have changed the catalogue: the gateway's cached answers are stale.
      current = runJob(env, job, body)
        .finally(() => contentChanged(`services.sync:${job}`))
        .finally(() => running.delete(job));
      running.set(job, current);
    }
    return current;
  }

  return {
    jobs: [...bodies.keys()],
    run,
    idle: async () => void (await Promise.allSettled(running.values())),
  };
}
