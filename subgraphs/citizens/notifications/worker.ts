// Drives the outbox until the shared job runner takes over: every interval, queue deadline
// reminders, then deliverPending(). One run at a time per process; several replicas are safe
// (claims skip locked rows, reminders are deduplicated).
import type { Logger } from 'pino';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { CitizensRuntime } from '../context.ts';
import { deliverPending } from './deliver.ts';
import type { Mailer } from './mailer.ts';
import { queueDeadlineReminders } from './reminders.ts';

export async function notificationTick(prisma: PrismaClient, runtime: CitizensRuntime, mailer: Mailer, logger: Logger) {
  const reminders = await queueDeadlineReminders(prisma, runtime.calendar, runtime.now());
  const run = await deliverPending({ prisma, mailer, logger, now: runtime.now });
  return { reminders, ...run };
}

export function startNotificationWorker(prisma: PrismaClient, runtime: CitizensRuntime, mailer: Mailer, intervalMs: number, logger: Logger) {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    running ??= notificationTick(prisma, runtime, mailer, logger)
      .then((run) => {
        if (run.sent || run.retried || run.dead) logger.info(run, 'notifications delivered');
      })
      .catch((err: unknown) => logger.error({ err }, 'notification run failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      mailer.close();
    },
  };
}
