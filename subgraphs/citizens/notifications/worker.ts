// One run of the outbox, scheduled as the `citizens.notify` job (index.ts) once SMTP is
// configured: deliverPending(). Safe on several replicas (claims skip locked rows). Deadline
// reminders are queued by their own job (reminders.ts), so they wait in the outbox even before
// SMTP is set up.
import type { Logger } from 'pino';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { CitizensRuntime } from '../context.ts';
import { deliverPending } from './deliver.ts';
import type { Mailer } from './mailer.ts';

export function notificationTick(prisma: PrismaClient, runtime: CitizensRuntime, mailer: Mailer, logger: Logger) {
  return deliverPending({ prisma, mailer, logger, now: runtime.now });
}
