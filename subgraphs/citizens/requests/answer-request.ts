// An agency drafts the answer and submits it; the editorial board approves it (the asker is
// told) or returns it with a reason. Approval does not publish by itself: the board publishes
// the question and answer (optionally with the asker's text edited for publication) as a
// separate step. A DIRECT answer (sent straight to the asker) is uploaded here all the same, so
// it can be published.
import { HubError } from '../../../schema/errors.ts';
import { cleanOptionalText, cleanText } from '../../../schema/text/input.ts';
import type { CitizensContext } from '../context.ts';
import { dateColumn, localDateOf } from '../local-time.ts';
import { visibleAgencies } from '../roles.ts';
import { kindLabels } from './labels.ts';
import type { AnswerChannel } from './types.ts';
import { changeRequest, type RequestRow } from './workflow.ts';
import { fileColumns, inspectAttachments, storeAttachments, type AttachmentInput } from '../files.ts';
import { foldVietnamese } from '../../../schema/text/vietnamese.ts';
import { isUuid } from '../../kit/batch.ts';
import { spaced } from '../../kit/search-text.ts';
import type { Prisma } from '../../../schema/generated/prisma/client.ts';

export const ANSWER_MAX = 50_000;

export interface AnswerInput {
  text: string;
  /** Files of the answer (replacing those of an earlier, returned draft). */
  attachments?: AttachmentInput[] | null;
  channel?: AnswerChannel | null;
  /** The answering agency, when the editor acts for several of the routed ones. */
  agencyId?: string | null;
  expectedVersion?: number | null;
}

export async function submitAnswer(ctx: CitizensContext, id: string, input: AnswerInput) {
  const text = cleanText(input.text, { field: 'text', max: ANSWER_MAX, multiline: true });
  const files = inspectAttachments(input.attachments, ctx.runtime);
  return changeRequest(ctx, 'SUBMIT_ANSWER', id, {
    expectedVersion: input.expectedVersion,
    also: async (tx, row) => {
      await storeAttachments(files, ctx.runtime);
      await tx.citizenRequestFile.deleteMany({ where: { requestId: row.id, role: 'ANSWER' } });
      await tx.citizenRequestFile.createMany({ data: files.map((f) => ({ ...fileColumns(f), requestId: row.id, role: 'ANSWER' as const })) });
    },
    data: (row) => {
      const routed = row.agencies.map((a) => a.agencyId);
      const mine = visibleAgencies(ctx.actor);
      const candidates = mine === null ? routed : routed.filter((a) => mine.includes(a));
      const agencyId = input.agencyId ?? candidates.find((a) => row.agencies.some((r) => r.agencyId === a && r.lead)) ?? candidates[0] ?? null;
      if (agencyId && !candidates.includes(agencyId)) {
        throw new HubError('BAD_USER_INPUT', 'The answering agency must be one you act for among those routed to.', {
          field: 'agencyId',
          reason: 'AGENCY_NOT_ROUTED',
        });
      }
      return { answerText: text, answerChannel: input.channel ?? 'PORTAL', answerAgencyId: agencyId };
    },
  });
}

export async function returnAnswer(ctx: CitizensContext, id: string, reason: string, expectedVersion?: number | null) {
  const why = cleanText(reason, { field: 'reason', max: 2000, multiline: true });
  return changeRequest(ctx, 'RETURN_ANSWER', id, { expectedVersion, note: why });
}

export interface ApproveInput {
  note?: string | null;
  expectedVersion?: number | null;
  /** Publish at once (default true). */
  publish?: boolean | null;
  publicTitle?: string | null;
  publicBody?: string | null;
  /** Files of the request to publish with it (none by default: they are the asker's). */
  publishAttachmentIds?: string[] | null;
}

interface PublicationInput {
  publicTitle?: string | null;
  publicBody?: string | null;
  publishAttachmentIds?: string[] | null;
}

const publicText = (input: PublicationInput) => ({
  publicTitle: cleanOptionalText(input.publicTitle, { field: 'publicTitle', max: 300 }),
  publicBody: cleanOptionalText(input.publicBody, { field: 'publicBody', max: 10_000, multiline: true }),
});

/** What public search matches: the title and text as published, the answer and the field, folded. */
export const publicSearchText = (parts: (string | null | undefined)[]): string => spaced(foldVietnamese(parts.filter(Boolean).join(' ')));

/** The columns a publication writes: the edited text and its search key. */
const publication = (row: RequestRow, edits: ReturnType<typeof publicText>, now: Date): Prisma.CitizenRequestUncheckedUpdateManyInput => ({
  publishedAt: now,
  ...edits,
  searchFolded: publicSearchText([edits.publicTitle ?? row.title, edits.publicBody ?? row.body, row.answerText, row.fieldName]),
});

function attachmentIds(input: PublicationInput): string[] {
  const ids = [...new Set(input.publishAttachmentIds ?? [])];
  if (ids.length > 10 || !ids.every(isUuid)) {
    throw new HubError('BAD_USER_INPUT', 'publishAttachmentIds must be ids of this request’s files.', { field: 'publishAttachmentIds', reason: 'FILE_ID' });
  }
  return ids;
}

/**
 * Publishes the answer's files with the request, and of the asker's files those chosen (the
 * others stay private); an id that is not one of the asker's files of this request is refused.
 */
async function publishFiles(tx: Prisma.TransactionClient, requestId: string, ids: string[]): Promise<void> {
  await tx.citizenRequestFile.updateMany({ where: { requestId, role: 'ANSWER' }, data: { published: true } });
  await tx.citizenRequestFile.updateMany({ where: { requestId, role: 'REQUEST', id: { notIn: ids } }, data: { published: false } });
  if (!ids.length) return;
  const done = await tx.citizenRequestFile.updateMany({ where: { requestId, role: 'REQUEST', id: { in: ids } }, data: { published: true } });
  if (done.count !== ids.length) {
    throw new HubError('BAD_USER_INPUT', 'publishAttachmentIds must be ids of this request’s files.', { field: 'publishAttachmentIds', reason: 'FILE_ID' });
  }
}

export async function approveAnswer(ctx: CitizensContext, id: string, input: ApproveInput) {
  const note = cleanOptionalText(input.note, { field: 'note', max: 2000, multiline: true });
  const edits = publicText(input);
  const files = attachmentIds(input);
  const publish = input.publish !== false;
  const now = ctx.now();
  return changeRequest(ctx, 'APPROVE_ANSWER', id, {
    expectedVersion: input.expectedVersion,
    note,
    data: (row) => ({ answeredAt: now, answeredOn: dateColumn(localDateOf(now)), ...(publish ? publication(row, edits, now) : {}) }),
    also: publish ? (tx, row) => publishFiles(tx, row.id, files) : undefined,
    notify: (_tx, row) => [
      {
        template: 'REQUEST_ANSWERED',
        locale: row.locale,
        recipient: row.askerEmail,
        subjectId: row.id,
        payload: { trackingCode: row.trackingCode, title: row.title, ...kindLabels(row.kind) },
      },
    ],
  });
}

export async function publishRequest(ctx: CitizensContext, id: string, input: PublicationInput & { expectedVersion?: number | null }) {
  const edits = publicText(input);
  const files = attachmentIds(input);
  const now = ctx.now();
  return changeRequest(ctx, 'PUBLISH', id, {
    expectedVersion: input.expectedVersion,
    data: (row) => publication(row, edits, now),
    also: (tx, row) => publishFiles(tx, row.id, files),
  });
}

export async function unpublishRequest(ctx: CitizensContext, id: string, reason: string, expectedVersion?: number | null) {
  const why = cleanText(reason, { field: 'reason', max: 2000, multiline: true });
  return changeRequest(ctx, 'UNPUBLISH', id, { expectedVersion, note: why, data: () => ({ publishedAt: null }) });
}
