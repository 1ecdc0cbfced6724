// The admission checks every anonymous submission passes (questions, petitions, comments),
// run inside the submission's write transaction: take turns per contact and per client
// (advisory locks, so concurrent floods are counted exactly), count recent submissions, then
// spend the proof of work with the row it admits. Staff entering a submission skip the limits.
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import type { CitizensContext } from '../context.ts';
import { isStaff } from '../roles.ts';
import { checkSubmissionLimits, DAY_MS, HOUR_MS } from './limits.ts';
import { spendProofOfWork } from './proof-of-work.ts';

type Tx = Prisma.TransactionClient;

export interface Counter {
  /** Submissions of this kind by the client key since `since`. */
  byClient(tx: Tx, clientKey: string, since: Date): Promise<number>;
  byContact(tx: Tx, contactKey: string, since: Date): Promise<number>;
}

/** The client key recorded with a submission: none for staff (their limits do not apply). */
export const submitterClientKey = (ctx: CitizensContext): string | null => (isStaff(ctx.actor) ? null : (ctx.clientKey ?? null));

export async function admitSubmission(
  tx: Tx,
  ctx: CitizensContext,
  contactKey: string,
  proofOfWork: string | null | undefined,
  counter: Counter,
): Promise<void> {
  if (isStaff(ctx.actor)) return;
  const clientKey = ctx.clientKey ?? null;
  for (const key of [contactKey, ...(clientKey ? [clientKey] : [])].sort()) {
    await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`citizens:${key}`}))) AS l`;
  }
  const now = ctx.now().getTime();
  const [byClient, byContact] = await Promise.all([
    clientKey ? counter.byClient(tx, clientKey, new Date(now - HOUR_MS)) : 0,
    counter.byContact(tx, contactKey, new Date(now - DAY_MS)),
  ]);
  const { runtime } = ctx;
  checkSubmissionLimits({ byClient, byContact }, { perClientHour: runtime.submissionsPerClientHour, perContactDay: runtime.submissionsPerContactDay });
  if (runtime.requireProofOfWork) await spendProofOfWork(tx, runtime.secret, proofOfWork);
}
