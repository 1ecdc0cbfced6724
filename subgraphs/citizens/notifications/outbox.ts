// The notification outbox (transactional outbox pattern): a message is a row written in the
// SAME transaction as the state change it announces, so a change is never committed without
// its e-mail, nor an e-mail queued for a change that rolled back. The worker (deliver.ts)
// sends the rows. A `dedupeKey` makes queueing idempotent (a reminder is queued once).
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import type { TemplateName } from './templates.ts';
import { kindLabels } from '../requests/labels.ts';

export type Tx = Prisma.TransactionClient;

export interface OutgoingMessage {
  template: TemplateName;
  /** 'vi' or 'en' (the asker's choice); agencies get Vietnamese. */
  locale: string;
  /** No address, no message: askers who gave only a phone are not e-mailed. */
  recipient: string | null;
  subjectId?: string;
  payload: Record<string, string | number | boolean | null>;
  dedupeKey?: string;
}

export async function enqueue(tx: Tx, messages: OutgoingMessage[], now: Date): Promise<void> {
  const rows = messages.filter((m) => m.recipient);
  if (!rows.length) return;
  await tx.notification.createMany({
    data: rows.map((m) => ({
      template: m.template,
      locale: m.locale === 'en' ? 'en' : 'vi',
      recipient: m.recipient,
      subjectId: m.subjectId ?? null,
      payload: m.payload,
      dedupeKey: m.dedupeKey ?? null,
      nextAttemptAt: now,
    })),
    skipDuplicates: true,
  });
}

/** The board's notice of a new question or petition (none when no board inbox is configured). */
export function boardNewRequest(
  boardEmail: string | null,
  requestId: string,
  r: { trackingCode: string; title: string; dueOn: string; kind: 'QUESTION' | 'PETITION'; source: string },
): OutgoingMessage {
  return {
    template: 'BOARD_NEW_REQUEST',
    locale: 'vi',
    recipient: boardEmail,
    subjectId: requestId,
    payload: { trackingCode: r.trackingCode, title: r.title, dueOn: r.dueOn, source: r.source, ...kindLabels(r.kind) },
    dedupeKey: `BOARD_NEW_REQUEST:${requestId}`,
  };
}

/** The inbox addresses of agencies, for routing and deadline messages. */
export async function agencyInboxes(tx: Tx, agencyIds: string[]): Promise<{ agencyId: string; email: string }[]> {
  if (!agencyIds.length) return [];
  return tx.agencyInbox.findMany({ where: { agencyId: { in: agencyIds } }, select: { agencyId: true, email: true } });
}
