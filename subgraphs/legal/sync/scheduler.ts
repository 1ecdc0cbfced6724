// The sync schedule as jobs, one per configured source (keyed by its system id): each run
// syncs the source when its last run, recorded in the database so several processes agree, is
// older than the interval. The clock is injected; tests call a job's `run()` directly.
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import { JobRunFailed, type ScheduledJob } from '../../kit/jobs.ts';
import type { LegalSyncer, SyncSystem } from './syncer.ts';

export interface SyncJobOptions {
  prisma: PrismaClient;
  syncer: LegalSyncer;
  /** 0 = not scheduled. */
  intervalMs: number;
  /** How often to check (default: a tenth of the interval, at least a second, at most a minute). */
  tickMs?: number;
  clock: () => Date;
}

/**
 * Sync `system` if it is due (or `force`: the job's retry of a failed run); answers whether it
 * ran. A run that failed (recorded as FAILED, last-known-good data kept) fails the job, so the
 * runner retries it with backoff and, out of retries, shows it as dead.
 */
export async function syncIfDue(opts: SyncJobOptions, system: SyncSystem, force = false): Promise<boolean> {
  const state = await opts.prisma.legalSyncState.findUnique({ where: { system } });
  const due = force || !state?.lastRunAt || opts.clock().getTime() - state.lastRunAt.getTime() >= opts.intervalMs;
  if (!due) return false;
  const run = await opts.syncer.run(system, 'SCHEDULE');
  if (run.status === 'FAILED') throw new JobRunFailed(`legal.sync:${system}`, run.errorCode ?? 'INTERNAL_SERVER_ERROR');
  return true;
}

export function syncJobs(opts: SyncJobOptions): ScheduledJob[] {
  if (opts.intervalMs <= 0) return [];
  const everyMs = opts.tickMs ?? Math.min(60_000, Math.max(1_000, Math.floor(opts.intervalMs / 10)));
  return opts.syncer.systems.map((system) => ({ name: `legal.sync:${system}`, everyMs, run: (ctx) => syncIfDue(opts, system, (ctx?.attempt ?? 0) > 0) }));
}
