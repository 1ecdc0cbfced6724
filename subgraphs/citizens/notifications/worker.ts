// One run of the outbox, scheduled as the `citizens.notify` job (index.ts): queue deadline
// reminders, then deliverPending(). Safe on several replicas (claims skip locked rows,
// reminders are deduplicated).
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
