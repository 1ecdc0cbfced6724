// The services sync jobs, keyed by system: `<system>:<feed>`, where the system id is the one the
// source carries from its adapter definition (adapters/registry.ts — `national-service-portal`,
// `one-stop`) and the feed is what the job reads from it (`catalogue`, `usage`). Each job runs
// under the lease of runner.ts (the key is its row in services_sync_state); one run of a job at
// a time in this process (a second request waits for and returns the first one's outcome).
// Scheduled as the subgraph's jobs (index.ts); the lease decides who runs.
import type { Logger } from 'pino';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { ServicesSources } from '../config.ts';
import { CATALOGUE_FEED, catalogueSync } from './catalogue-sync.ts';
import { USAGE_FEED, usageSync } from './usage-sync.ts';
import { runJob, type JobBody, type JobOutcome } from './runner.ts';
import { contentChanged } from '../../../schema/cache/content-version.ts';

export type ServicesFeed = typeof CATALOGUE_FEED | typeof USAGE_FEED;

/** The key of a sync job: `<system>:<feed>` ("national-service-portal:catalogue"). */
export const syncJobKey = (system: string, feed: ServicesFeed): string => `${system}:${feed}`;

/** The system and feed of a job key; a key without a system (none after the migration) has system null. */
export function parseSyncJobKey(job: string): { system: string | null; feed: string } {
  const at = job.lastIndexOf(':');
  return at < 0 ? { system: null, feed: job } : { system: job.slice(0, at), feed: job.slice(at + 1) };
}

export interface ServicesSyncer {
  /** The configured jobs' keys. */
  readonly jobs: string[];
  /** The configured job reading `feed`, if any. */
  jobOf(feed: ServicesFeed): string | undefined;
  run(job: string): Promise<JobOutcome>;
  idle(): Promise<void>;
}

export function createServicesSyncer(opts: { prisma: PrismaClient; sources: ServicesSources; clock: () => Date; logger: Logger }): ServicesSyncer {
  const bodies = new Map<string, JobBody>();
  const byFeed = new Map<ServicesFeed, string>();
  const add = (system: string, feed: ServicesFeed, body: JobBody) => {
    const key = syncJobKey(system, feed);
    bodies.set(key, body);
    byFeed.set(feed, key);
  };
  const { catalogue, usage } = opts.sources;
  if (catalogue) add(catalogue.system, CATALOGUE_FEED, catalogueSync(opts.prisma, catalogue, opts.clock));
  if (usage) add(usage.system, USAGE_FEED, usageSync(opts.prisma, usage, opts.clock));
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
    jobOf: (feed) => byFeed.get(feed),
    run,
    idle: async () => void (await Promise.allSettled(running.values())),
  };
}
