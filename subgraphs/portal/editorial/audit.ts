// The editorial audit trail. Successful transitions write their event inside the transition's
// transaction; refused attempts (A22) are written on their own, before the error is thrown.
// Every event is appended to the hash chain (audit-chain.ts).
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import type { Actor } from '../../../schema/security/signed-context.ts';
import { isUuid } from '../../kit/batch.ts';
import { countAnonymousRefusal, isAuditable } from '../../kit/refusals.ts';
import type { Tx } from '../content/kinds/module.ts';
import { appendChained } from './audit-chain.ts';

export type AuditOutcome = 'SUCCEEDED' | 'DENIED' | 'FAILED';

export interface Caller {
  actor: Actor;
  requestId: string;
}

/**
 * A refused attempt (DENIED, FAILED): an audit row for an authenticated actor, only a counter
 * for an anonymous caller (kit/refusals.ts). Never throws: a refusal must reach the client.
 */
export async function auditRefusal(
  prisma: PrismaClient,
  caller: Caller & { options: { logger: { error(obj: object, msg: string): void } } },
  event: { action: string; targetId?: string | null; outcome: Exclude<AuditOutcome, 'SUCCEEDED'>; detail?: Record<string, unknown> },
): Promise<void> {
  if (!isAuditable(caller.actor)) {
    countAnonymousRefusal('portal', event.action);
    return;
  }
  await writeAudit(prisma, caller, event).catch((err: unknown) => caller.options.logger.error({ err, action: event.action }, 'audit write failed'));
}

export async function writeAudit(
  /** The transition's transaction, or the client for a refusal (then in a transaction of its own). */
  db: PrismaClient | Tx,
  caller: Caller,
  event: { action: string; targetId?: string | null; outcome: AuditOutcome; detail?: Record<string, unknown> },
): Promise<void> {
  const data = {
    requestId: caller.requestId.slice(0, 100),
    actorId: caller.actor.id?.slice(0, 100) ?? null,
    actorRoles: caller.actor.roles.slice(0, 10),
    action: event.action,
    targetId: event.targetId && isUuid(event.targetId) ? event.targetId : null,
    outcome: event.outcome,
    detail: (event.detail ?? undefined) as Prisma.InputJsonValue | undefined,
  };
  if ('$transaction' in db) await db.$transaction((tx) => appendChained(tx, data));
  else await appendChained(db, data);
}
