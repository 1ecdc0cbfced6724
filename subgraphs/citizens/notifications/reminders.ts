// Deadline reminders to the agencies a request is routed to: once when the answer is due
// within a working day (today or the next working day), once when the due date has passed.
// Queued through the outbox with a dedupe key per (request, agency, due date, kind), so running
// this every few minutes, on every replica, queues each reminder exactly once; a new due date
// (re-routing with coordination) earns new reminders.
import { addWorkingDays, type WorkingCalendar } from '../../../schema/calendar/working-days.ts';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import { dateColumn, isoOfColumn, localDateOf } from '../local-time.ts';
import { kindLabels } from '../requests/labels.ts';
import { enqueue, type OutgoingMessage } from './outbox.ts';

export async function queueDeadlineReminders(prisma: PrismaClient, calendar: WorkingCalendar, now: Date): Promise<number> {
  const today = localDateOf(now);
  const soon = addWorkingDays(today, 1, calendar);
  const open = await prisma.citizenRequest.findMany({
    where: { state: { in: ['ROUTED', 'ANSWER_SUBMITTED'] }, dueOn: { lte: dateColumn(soon) } },
    select: { id: true, kind: true, trackingCode: true, title: true, dueOn: true, agencies: { select: { agencyId: true } } },
    take: 500,
  });
  if (!open.length) return 0;
  const agencyIds = [...new Set(open.flatMap((r) => r.agencies.map((a) => a.agencyId)))];
  const inboxes = new Map((await prisma.agencyInbox.findMany({ where: { agencyId: { in: agencyIds } } })).map((i) => [i.agencyId, i.email]));
  const messages: OutgoingMessage[] = [];
  for (const r of open) {
    const dueOn = isoOfColumn(r.dueOn!);
    const template = dueOn < today ? 'DEADLINE_PASSED' : 'DEADLINE_NEAR';
    for (const { agencyId } of r.agencies) {
      const email = inboxes.get(agencyId);
      if (!email) continue;
      messages.push({
        template,
        locale: 'vi',
        recipient: email,
        subjectId: r.id,
        payload: { trackingCode: r.trackingCode, title: r.title, dueOn, ...kindLabels(r.kind) },
        dedupeKey: `${template}:${r.id}:${agencyId}:${dueOn}`,
      });
    }
  }
  await prisma.$transaction((tx) => enqueue(tx, messages, now));
  return messages.length;
}
