// R-17 figures of the citizens' side per agency and period: questions and petitions received,
// answered on time or late, overdue and pending, and the comments its drafts received.
// Pure over rows loaded in one statement per kind, whatever the number of agencies.
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import { dateColumn, isoOfColumn } from '../local-time.ts';

export interface AgencyFigures {
  agencyId: string;
  received: number;
  answeredOnTime: number;
  answeredLate: number;
  /** Received in the period, unanswered, due date passed as of the report day. */
  overdue: number;
  /** Received in the period, unanswered, still within the deadline. */
  pending: number;
  rejected: number;
  /** Drafts of the agency whose comment window closed in the period, and their comments. */
  consultations: number;
  comments: number;
  publishedComments: number;
}

export interface Period {
  from: string;
  to: string;
  /** Deadlines judged as of this day (the end of the period, or today if earlier). */
  asOf: string;
}

const empty = (agencyId: string): AgencyFigures => ({
  agencyId,
  received: 0,
  answeredOnTime: 0,
  answeredLate: 0,
  overdue: 0,
  pending: 0,
  rejected: 0,
  consultations: 0,
  comments: 0,
  publishedComments: 0,
});

/** Figures for the given agencies (null = every agency that has any). */
export async function agencyFigures(prisma: PrismaClient, agencyIds: string[] | null, period: Period): Promise<AgencyFigures[]> {
  const range = { gte: dateColumn(period.from), lte: dateColumn(period.to) };
  const scope = agencyIds ? { agencyId: { in: agencyIds } } : {};
  const [links, drafts] = await Promise.all([
    prisma.citizenRequestAgency.findMany({
      where: { ...scope, request: { OR: [{ receivedOn: range }, { answeredOn: range }] } },
      select: { agencyId: true, request: { select: { state: true, receivedOn: true, dueOn: true, answeredOn: true } } },
    }),
    prisma.consultation.findMany({
      where: { ...(agencyIds ? { draftingAgencyId: { in: agencyIds } } : {}), closesOn: range },
      select: { draftingAgencyId: true, comments: { select: { state: true } } },
    }),
  ]);
  const out = new Map((agencyIds ?? []).map((id) => [id, empty(id)]));
  const of = (id: string) => out.get(id) ?? out.set(id, empty(id)).get(id)!;
  const inRange = (d: Date | null) => d !== null && isoOfColumn(d) >= period.from && isoOfColumn(d) <= period.to;
  for (const { agencyId, request: r } of links) {
    const f = of(agencyId);
    const due = r.dueOn ? isoOfColumn(r.dueOn) : null;
    if (inRange(r.answeredOn) && r.state === 'ANSWERED') {
      if (due === null || isoOfColumn(r.answeredOn!) <= due) f.answeredOnTime += 1;
      else f.answeredLate += 1;
    }
    if (!inRange(r.receivedOn)) continue;
    f.received += 1;
    if (r.state === 'REJECTED') f.rejected += 1;
    else if (r.state !== 'ANSWERED') {
      if (due !== null && due < period.asOf) f.overdue += 1;
      else f.pending += 1;
    }
  }
  for (const d of drafts) {
    const f = of(d.draftingAgencyId);
    f.consultations += 1;
    f.comments += d.comments.length;
    f.publishedComments += d.comments.filter((c) => c.state === 'PUBLISHED').length;
  }
  return [...out.values()].sort((a, b) => a.agencyId.localeCompare(b.agencyId));
}
