// A citizen submits a question or petition. Checks in order: text and contact (cheap, no
// database), then in ONE transaction: the per-contact lock, the limits, the proof of work
// (spent with the row), the row with its tracking code, its first history entry and the
// "received" e-mail in the outbox. Nothing of the contact reaches a log or an error.
import { cleanOptionalText, cleanText } from '../../../schema/text/input.ts';
import { admitSubmission, submitterClientKey, type Counter } from '../anti-abuse/admit.ts';
import { cleanContact } from '../contact.ts';
import type { CitizensContext } from '../context.ts';
import { dateColumn, localDateOf } from '../local-time.ts';
import { boardNewRequest, enqueue } from '../notifications/outbox.ts';
import { answerDueOn } from './deadlines.ts';
import { hashSecret, newTrackingCode, secretOf } from './tracking.ts';
import { kindLabels } from './labels.ts';
import { fileColumns, inspectAttachments, storeAttachments } from '../files.ts';
import type { CitizenRequestInput, RequestKind, SubmissionReceipt } from './types.ts';
import { idempotencyScope, idempotent, writeTransaction, type WriteTransaction } from '../../kit/idempotency.ts';

export const BODY_MAX = 10_000;

const REQUEST_COUNTER: Counter = {
  byClient: (tx, clientKey, since) => tx.citizenRequest.count({ where: { clientKey, receivedAt: { gt: since } } }),
  byContact: (tx, contactKey, since) => tx.citizenRequest.count({ where: { contactKey, receivedAt: { gt: since } } }),
};

/** What an Idempotency-Key replays: everything of the receipt but the secret (derived again). */
interface StoredReceipt {
  [key: string]: string;
  trackingCode: string;
  receivedAt: string;
  dueOn: string;
}

/**
 * Submits once per Idempotency-Key (subgraphs/kit/idempotency.ts): the same key twice, even
 * concurrently, creates one request and answers the same receipt. The proof of work is left
 * out of the fingerprint: a client retrying with a fresh solution is still the same request.
 */
export async function submitRequestOnce(ctx: CitizensContext, kind: RequestKind, input: CitizenRequestInput): Promise<SubmissionReceipt> {
  const request = {
    key: ctx.idempotencyKey,
    scope: idempotencyScope(ctx.actor, ctx.clientKey),
    operation: kind === 'QUESTION' ? 'submitQuestion' : 'submitPetition',
    input: { ...input, proofOfWork: null },
    now: ctx.now(),
  };
  const stored = await idempotent(
    ctx.prisma,
    request,
    (transaction) => submitRequest(ctx, kind, input, transaction),
    (r): StoredReceipt => ({ trackingCode: r.trackingCode, receivedAt: r.receivedAt.toISOString(), dueOn: r.dueOn }),
  );
  return { ...stored, receivedAt: new Date(stored.receivedAt), secret: secretOf(ctx.runtime.secret, stored.trackingCode) };
}

export async function submitRequest(
  ctx: CitizensContext,
  kind: RequestKind,
  input: CitizenRequestInput,
  transaction: WriteTransaction = writeTransaction(ctx.prisma),
): Promise<Omit<SubmissionReceipt, 'secret'>> {
  const { runtime } = ctx;
  const contact = cleanContact(input.contact, runtime.secret);
  const title = cleanText(input.title, { field: 'title', max: 300 });
  const body = cleanText(input.body, { field: 'body', max: BODY_MAX, multiline: true });
  const topic = cleanOptionalText(input.topic, { field: 'topic', max: 200 });
  const regulation = kind === 'PETITION' ? cleanOptionalText(input.regulation, { field: 'regulation', max: 500 }) : null;
  const locale = input.locale === 'en' ? 'en' : 'vi';
  const files = inspectAttachments(input.attachments, runtime);
  const now = ctx.now();
  const receivedOn = localDateOf(now);
  const dueOn = answerDueOn(receivedOn, false, runtime.calendar);
  const clientKey = submitterClientKey(ctx);

  for (let attempt = 0; ; attempt += 1) {
    const trackingCode = newTrackingCode(kind);
    try {
      const row = await transaction(async (tx) => {
        await admitSubmission(tx, ctx, contact.key, input.proofOfWork, REQUEST_COUNTER);
        // Bytes reach the disk only once the submission is admitted (proof of work, limits).
        await storeAttachments(files, runtime);
        const created = await tx.citizenRequest.create({
          data: {
            kind,
            trackingCode,
            secretHash: hashSecret(secretOf(runtime.secret, trackingCode)),
            askerName: contact.name,
            askerEmail: contact.email,
            askerPhone: contact.phone,
            contactKey: contact.key,
            clientKey,
            locale,
            topic,
            regulation,
            title,
            body,
            receivedAt: now,
            receivedOn: dateColumn(receivedOn),
            dueOn: dateColumn(dueOn),
            files: { create: files.map((f) => ({ ...fileColumns(f), role: 'REQUEST' as const })) },
            events: { create: { at: now, actorId: ctx.actor.id ?? null, actorRoles: ctx.actor.roles.slice(0, 10), action: 'SUBMIT', toState: 'RECEIVED' } },
          },
        });
        await enqueue(
          tx,
          [
            {
              template: 'REQUEST_RECEIVED',
              locale,
              recipient: contact.email,
              subjectId: created.id,
              payload: { trackingCode, title, dueOn, ...kindLabels(kind) },
            },
            boardNewRequest(runtime.boardEmail, created.id, { trackingCode, title, dueOn, kind, source: 'PORTAL' }),
          ],
          now,
        );
        // What the transaction returns is what an Idempotency-Key stores (kit/idempotency.ts).
        return { trackingCode: created.trackingCode, receivedAt: created.receivedAt, dueOn };
      });
      return row;
    } catch (err) {
      // The tracking code is the only unique column written without skipDuplicates: a
      // collision (≈50 random bits) is retried with a new code.
      if ((err as { code?: string }).code === 'P2002' && attempt < 3) continue;
      throw err;
    }
  }
}
