// The notification worker: one call, deliverPending(), sends what is due in the outbox and
// returns. The job runner (or, until it lands, the interval in index.ts) calls it.
//
// Never twice: rows are claimed in a short transaction (FOR UPDATE SKIP LOCKED, status
// SENDING, a lease), so two workers or replicas never hold the same row; a sent row is marked
// SENT and its address erased. A failed send goes back to PENDING with exponential backoff, and
// to DEAD after the last attempt. The one window left is a crash between the SMTP server's
// "250 OK" and the SENT mark: after the lease the row is sent again, with the same Message-ID.
import type { Logger } from 'pino';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { Mailer } from './mailer.ts';
import { renderTemplate, type TemplateName } from './templates.ts';

export interface DeliveryOptions {
  prisma: PrismaClient;
  mailer: Mailer;
  logger: Logger;
  now?: () => Date;
  batchSize?: number;
  maxAttempts?: number;
  leaseMs?: number;
  /** Delay before the first retry; doubled at each attempt, capped at one hour. */
  baseBackoffMs?: number;
  /** Host part of Message-IDs. */
  messageIdDomain?: string;
}

export interface DeliveryRun {
  sent: number;
  retried: number;
  dead: number;
}

export const backoffMs = (attempt: number, base: number) => Math.min(base * 2 ** Math.max(0, attempt - 1), 3_600_000);

async function claim(prisma: PrismaClient, now: Date, batch: number, leaseMs: number): Promise<string[]> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM citizens_notification
      WHERE (status = 'PENDING' AND next_attempt_at <= ${now}) OR (status = 'SENDING' AND lease_until < ${now})
      ORDER BY next_attempt_at
      LIMIT ${batch}
      FOR UPDATE SKIP LOCKED`;
    const ids = rows.map((r) => r.id);
    if (ids.length) {
      await tx.notification.updateMany({
        where: { id: { in: ids } },
        data: { status: 'SENDING', leaseUntil: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
      });
    }
    return ids;
  });
}

/** What is kept of a failure: its code, never its message (SMTP replies quote addresses). */
const failureCode = (err: unknown) => {
  const e = err as { code?: string; responseCode?: number };
  return [e.code, e.responseCode].filter(Boolean).join(' ').slice(0, 100) || 'SEND_FAILED';
};

export async function deliverPending(opts: DeliveryOptions): Promise<DeliveryRun> {
  const now = (opts.now ?? (() => new Date()))();
  const maxAttempts = opts.maxAttempts ?? 8;
  const ids = await claim(opts.prisma, now, opts.batchSize ?? 50, opts.leaseMs ?? 120_000);
  const run: DeliveryRun = { sent: 0, retried: 0, dead: 0 };
  for (const id of ids) {
    const row = await opts.prisma.notification.findUnique({ where: { id } });
    if (!row || row.status !== 'SENDING' || !row.recipient) continue;
    try {
      const mail = renderTemplate(row.template as TemplateName, row.locale, row.payload as Record<string, unknown>);
      await opts.mailer.send({ ...mail, to: row.recipient, messageId: `<${row.id}@${opts.messageIdDomain ?? 'cong-hub.invalid'}>` });
      await opts.prisma.notification.update({ where: { id }, data: { status: 'SENT', sentAt: now, recipient: null, leaseUntil: null, lastError: null } });
      run.sent += 1;
    } catch (err) {
      const dead = row.attempts >= maxAttempts;
      await opts.prisma.notification.update({
        where: { id },
        data: {
          status: dead ? 'DEAD' : 'PENDING',
          leaseUntil: null,
          lastError: failureCode(err),
          nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts, opts.baseBackoffMs ?? 30_000)),
        },
      });
      if (dead) run.dead += 1;
      else run.retried += 1;
      opts.logger.warn({ notificationId: id, attempt: row.attempts, code: failureCode(err), dead }, 'notification not sent');
    }
  }
  return run;
}
