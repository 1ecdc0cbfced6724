// A small interval scheduler: every tick, each configured source whose last run (recorded in
// the database, so several processes agree) is older than the interval is synced. The clock is
// injected; tests call `tick()` themselves instead of waiting or faking timers.
import type { Logger } from 'pino';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { LegalSyncer } from './syncer.ts';

export interface SchedulerOptions {
  prisma: PrismaClient;
  syncer: LegalSyncer;
  intervalMs: number;
  /** How often to check (default: a tenth of the interval, at most a minute). */
  tickMs?: number;
  clock: () => Date;
  logger: Logger;
}

export interface SyncScheduler {
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export function startSyncScheduler(opts: SchedulerOptions): SyncScheduler {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  async function tick(): Promise<void> {
    for (const system of opts.syncer.systems) {
      if (stopped) return;
      const state = await opts.prisma.legalSyncState.findUnique({ where: { system } });
      const due = !state?.lastRunAt || opts.clock().getTime() - state.lastRunAt.getTime() >= opts.intervalMs;
      if (due) await opts.syncer.run(system, 'SCHEDULE');
    }
  }

  const guarded = () => {
    running = running.then(tick).catch((err: unknown) => opts.logger.error({ err }, 'legal sync scheduler tick failed'));
    return running;
  };
  const timer = setInterval(() => void guarded(), opts.tickMs ?? Math.min(60_000, Math.max(1_000, Math.floor(opts.intervalMs / 10))));
  timer.unref();

  return {
    tick: guarded,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
