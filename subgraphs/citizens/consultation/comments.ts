// Public comments on a draft: submitted within the window (00:00 of the opening day to the end
// of the closing day, Asia/Ho_Chi_Minh; COMMENT_WINDOW_CLOSED otherwise), with the same
// anti-abuse as questions, moderated by the drafting agency or the board before publication.
import { HubError } from '../../../schema/errors.ts';
import type { Db } from '../../../schema/db/prisma.ts';
import { cleanOptionalText, cleanText } from '../../../schema/text/input.ts';
import { isUuid } from '../../kit/batch.ts';
import { idempotencyScope, idempotent, writeTransaction, type WriteTransaction } from '../../kit/idempotency.ts';
import { admitSubmission, submitterClientKey, type Counter } from '../anti-abuse/admit.ts';
import { cleanContact } from '../contact.ts';
import type { CitizensContext } from '../context.ts';
import { fileColumns, inspectAttachments, storeAttachments } from '../files.ts';
import { loadConsultation, requireDrafter } from './manage.ts';
import type { CommentInput, CommentReceipt, CommentState } from './types.ts';

export const COMMENT_MAX = 20_000;

const COMMENT_COUNTER: Counter = {
  byClient: (tx, clientKey, since) => tx.consultationComment.count({ where: { clientKey, submittedAt: { gt: since } } }),
  byContact: (tx, contactKey, since) => tx.consultationComment.count({ where: { contactKey, submittedAt: { gt: since } } }),
};

export function windowOpen(c: Pick<Db.Consultation, 'opensAt' | 'closesAt' | 'publishedAt'>, now: Date): boolean {
  return c.publishedAt !== null && c.publishedAt <= now && c.opensAt <= now && now < c.closesAt;
}

export async function submitComment(ctx: CitizensContext, consultationId: string, input: CommentInput): Promise<CommentReceipt> {
  const request = {
    key: ctx.idempotencyKey,
    scope: idempotencyScope(ctx.actor, ctx.clientKey),
    operation: 'submitComment',
    input: { consultationId, ...input, proofOfWork: null },
    now: ctx.now(),
  };
  const stored = await idempotent(
    ctx.prisma,
    request,
    (transaction) => writeComment(ctx, consultationId, input, transaction),
    (r) => ({ id: r.id, state: r.state, submittedAt: r.submittedAt.toISOString() }),
  );
  return { id: stored.id, state: stored.state as CommentState, submittedAt: new Date(stored.submittedAt) };
}

async function writeComment(ctx: CitizensContext, consultationId: string, input: CommentInput, transaction: WriteTransaction = writeTransaction(ctx.prisma)) {
  const consultation = isUuid(consultationId) ? await ctx.prisma.consultation.findFirst({ where: { id: consultationId, publishedAt: { not: null } } }) : null;
  if (!consultation) throw new HubError('NOT_FOUND', 'No consultation has this id.');
  const now = ctx.now();
  if (!windowOpen(consultation, now)) {
    const early = now < consultation.opensAt;
    throw new HubError('COMMENT_WINDOW_CLOSED', early ? 'Comments on this draft are not open yet.' : 'The deadline for comments on this draft has passed.', {
      opensAt: consultation.opensAt.toISOString(),
      closesAt: consultation.closesAt.toISOString(),
    });
  }
  const contact = cleanContact(input.contact, ctx.runtime.secret);
  const body = cleanText(input.body, { field: 'body', max: COMMENT_MAX, multiline: true });
  const organisation = cleanOptionalText(input.organisation, { field: 'organisation', max: 300 });
  const section = cleanOptionalText(input.section, { field: 'section', max: 200 });
  const files = inspectAttachments(input.attachments, ctx.runtime);
  return transaction(async (tx) => {
    await admitSubmission(tx, ctx, contact.key, input.proofOfWork, COMMENT_COUNTER);
    // Bytes reach the disk only once the comment is admitted (proof of work, limits).
    await storeAttachments(files, ctx.runtime);
    return tx.consultationComment.create({
      data: {
        consultationId,
        authorName: contact.name,
        authorEmail: contact.email,
        authorPhone: contact.phone,
        organisation,
        contactKey: contact.key,
        clientKey: submitterClientKey(ctx),
        section,
        body,
        submittedAt: now,
        files: { create: files.map(fileColumns) },
      },
      select: { id: true, state: true, submittedAt: true },
    });
  });
}

/** Publish or reject; `publishAttachments` publishes the comment's files with it (never by default). */
export async function moderateComment(
  ctx: CitizensContext,
  id: string,
  decision: 'PUBLISHED' | 'REJECTED',
  note?: string | null,
  publishAttachments?: boolean | null,
) {
  const row = isUuid(id) ? await ctx.prisma.consultationComment.findUnique({ where: { id } }) : null;
  if (!row) throw new HubError('NOT_FOUND', 'No comment has this id.');
  const consultation = await loadConsultation(ctx, row.consultationId);
  requireDrafter(ctx, consultation.draftingAgencyId);
  const moderationNote = cleanOptionalText(note, { field: 'note', max: 2000, multiline: true });
  return ctx.prisma.$transaction(async (tx) => {
    // A rejected (or re-moderated without publishAttachments) comment's files are private again.
    await tx.consultationCommentFile.updateMany({ where: { commentId: id }, data: { published: decision === 'PUBLISHED' && publishAttachments === true } });
    return tx.consultationComment.update({
      where: { id },
      data: { state: decision, moderatedAt: ctx.now(), moderatorId: ctx.actor.id?.slice(0, 100) ?? null, moderationNote },
      include: { files: { orderBy: { createdAt: 'asc' } } },
    });
  });
}
