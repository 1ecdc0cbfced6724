// The sync schedule as jobs, one per configured source (keyed by its system id): each run
// syncs the source when its last run, recorded in the database so several processes agree, is
// older than the interval. The clock is injected; tests call a job's `run()` directly.
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { ScheduledJob } from '../../kit/jobs.ts';
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

/** Sync `system` if it is due; answers whether it ran. */
export async function syncIfDue(opts: SyncJobOptions, system: SyncSystem): Promise<boolean> {
  const state = await opts.prisma.legalSyncState.findUnique({ where: { system } });
  const due = !state?.lastRunAt || opts.clock().getTime() - state.lastRunAt.getTime() >= opts.intervalMs;
  if (due) await opts.syncer.run(system, 'SCHEDULE');
  return due;
}

export function syncJobs(opts: SyncJobOptions): ScheduledJob[] {
  if (opts.intervalMs <= 0) return [];
  const everyMs = opts.tickMs ?? Math.min(60_000, Math.max(1_000, Math.floor(opts.intervalMs / 10)));
  return opts.syncer.systems.map((system) => ({ name: `legal.sync:${system}`, everyMs, run: () => syncIfDue(opts, system) }));
}
