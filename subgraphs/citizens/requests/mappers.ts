// Rows → the three views. Each view copies only what its audience may read.
import type { Db } from '../../../schema/db/prisma.ts';
import { Locale } from '../../kit/scalars.ts';
import { isoOfColumn } from '../local-time.ts';
import { answerStatus } from './deadlines.ts';
import { toAttachment } from '../files.ts';
import type { AnswerChannel, CitizenAnswer, CitizenRequest, PublishedQuestion, RequestKind, RequestState, TrackedRequest } from './types.ts';

type Row = Db.CitizenRequest & { agencies: Db.CitizenRequestAgency[]; events?: Db.CitizenRequestEvent[]; files?: Db.CitizenRequestFile[] };

const attachmentsOf = (row: Row, publishedOnly: boolean) => (row.files ?? []).filter((f) => !publishedOnly || f.published).map(toAttachment);

/** The asker sees what they sent, and the answer's files once the board approved the answer. */
const askerAttachments = (row: Row) => (row.files ?? []).filter((f) => f.role === 'REQUEST' || row.state === 'ANSWERED').map(toAttachment);

const agencyRefs = (row: Row) => [...row.agencies].sort((a, b) => Number(b.lead) - Number(a.lead)).map((a) => ({ id: a.agencyId }));

function answerOf(row: Row): CitizenAnswer | null {
  if (row.state !== 'ANSWERED' || !row.answerText) return null;
  return {
    text: row.answerText,
    channel: (row.answerChannel ?? 'PORTAL') as AnswerChannel,
    agency: row.answerAgencyId ? { id: row.answerAgencyId } : null,
    answeredAt: row.answeredAt,
  };
}

export function toPublished(row: Row): PublishedQuestion {
  return {
    id: row.id,
    kind: row.kind as RequestKind,
    title: row.publicTitle ?? row.title,
    body: row.publicBody ?? row.body,
    fieldName: row.fieldName,
    agencies: agencyRefs(row),
    receivedOn: isoOfColumn(row.receivedOn),
    answer: answerOf(row)!,
    publishedAt: row.publishedAt!,
    attachments: attachmentsOf(row, true),
  };
}

export function toTracked(row: Row): TrackedRequest {
  return {
    trackingCode: row.trackingCode,
    kind: row.kind as RequestKind,
    state: row.state as RequestState,
    title: row.title,
    body: row.body,
    asker: { name: row.askerName, email: row.askerEmail, phone: row.askerPhone },
    receivedAt: row.receivedAt,
    dueOn: row.dueOn ? isoOfColumn(row.dueOn) : null,
    answer: answerOf(row),
    rejectionReason: row.rejectionReason,
    published: row.publishedAt !== null,
    attachments: askerAttachments(row),
    // The asker sees what happened and when, not which official did it.
    history: (row.events ?? []).map((e) => ({ action: e.action, fromState: e.fromState as RequestState | null, toState: e.toState as RequestState, at: e.at })),
  };
}

export function toStaff(row: Row, today: string): CitizenRequest {
  const dueOn = row.dueOn ? isoOfColumn(row.dueOn) : null;
  const answeredOn = row.answeredOn ? isoOfColumn(row.answeredOn) : null;
  const lead = row.agencies.find((a) => a.lead);
  return {
    id: row.id,
    trackingCode: row.trackingCode,
    kind: row.kind as RequestKind,
    state: row.state as RequestState,
    version: row.version,
    title: row.title,
    body: row.body,
    topic: row.topic,
    regulation: row.regulation,
    fieldName: row.fieldName,
    coordination: row.coordination,
    agencies: agencyRefs(row),
    leadAgency: lead ? { id: lead.agencyId } : null,
    asker: { name: row.askerName, email: row.askerEmail, phone: row.askerPhone },
    locale: row.locale === 'en' ? Locale.EN : Locale.VI,
    receivedAt: row.receivedAt,
    receivedOn: isoOfColumn(row.receivedOn),
    dueOn,
    deadline: { dueOn, status: row.state === 'REJECTED' ? 'ON_TIME' : answerStatus(dueOn, answeredOn, today) },
    answerText: row.answerText,
    answerChannel: row.answerChannel as AnswerChannel | null,
    answeredAt: row.answeredAt,
    publishedAt: row.publishedAt,
    rejectionReason: row.rejectionReason,
    source: row.source,
    attachments: attachmentsOf(row, false),
    history: (row.events ?? []).map((e) => ({
      action: e.action,
      fromState: e.fromState as RequestState | null,
      toState: e.toState as RequestState,
      at: e.at,
      actorId: e.actorId,
      actorRoles: e.actorRoles,
      note: e.note,
    })),
  };
}
