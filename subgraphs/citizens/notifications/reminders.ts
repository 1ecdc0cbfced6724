// Deadline reminders: once when the answer is due within a working day (today or the next
// working day), once when the due date has passed. To whoever must act: the agencies a request
// is routed to (ROUTED, ANSWER_SUBMITTED), and the board's inbox (CITIZENS_BOARD_EMAIL) for
// requests waiting on the board — not yet routed (RECEIVED) or an answer waiting for approval
// (ANSWER_SUBMITTED). Queued through the outbox with a dedupe key per (request, recipient, due
// date, kind), so running this every few minutes, on every replica, queues each reminder exactly
// once; a new due date (re-routing with coordination) earns new reminders. Scheduled as the
// `citizens.deadline-reminders` job (index.ts), whether or not SMTP is configured yet.
import { addWorkingDays, type WorkingCalendar } from '../../../schema/calendar/working-days.ts';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import { dateColumn, isoOfColumn, localDateOf } from '../local-time.ts';
import { kindLabels } from '../requests/labels.ts';
import { enqueue, type OutgoingMessage } from './outbox.ts';

const BATCH = 500;

export async function queueDeadlineReminders(prisma: PrismaClient, calendar: WorkingCalendar, now: Date, boardEmail: string | null = null): Promise<number> {
  const today = localDateOf(now);
  const soon = addWorkingDays(today, 1, calendar);
  const states = boardEmail ? (['RECEIVED', 'ROUTED', 'ANSWER_SUBMITTED'] as const) : (['ROUTED', 'ANSWER_SUBMITTED'] as const);
  let queued = 0;
  // Oldest due first, in batches: a backlog is worked through, not cut at the first 500.
  for (let cursor: string | undefined; ;) {
    const open = await prisma.citizenRequest.findMany({
      where: { state: { in: [...states] }, dueOn: { lte: dateColumn(soon) } },
      select: { id: true, kind: true, state: true, trackingCode: true, title: true, dueOn: true, agencies: { select: { agencyId: true } } },
      orderBy: { id: 'asc' },
      take: BATCH,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    if (!open.length) break;
    const agencyIds = [...new Set(open.flatMap((r) => r.agencies.map((a) => a.agencyId)))];
    const inboxes = new Map((await prisma.agencyInbox.findMany({ where: { agencyId: { in: agencyIds } } })).map((i) => [i.agencyId, i.email]));
    const messages: OutgoingMessage[] = [];
    for (const r of open) {
      const dueOn = isoOfColumn(r.dueOn!);
      const template = dueOn < today ? 'DEADLINE_PASSED' : 'DEADLINE_NEAR';
      const payload = { trackingCode: r.trackingCode, title: r.title, dueOn, ...kindLabels(r.kind) };
      const to = (recipient: string | undefined, who: string) =>
        recipient && messages.push({ template, locale: 'vi', recipient, subjectId: r.id, payload, dedupeKey: `${template}:${r.id}:${who}:${dueOn}` });
      if (r.state !== 'RECEIVED') for (const { agencyId } of r.agencies) to(inboxes.get(agencyId), agencyId);
      if (boardEmail && r.state !== 'ROUTED') to(boardEmail, 'board');
    }
    await prisma.$transaction((tx) => enqueue(tx, messages, now));
    queued += messages.length;
    if (open.length < BATCH) break;
    cursor = open.at(-1)!.id;
  }
  return queued;
}
