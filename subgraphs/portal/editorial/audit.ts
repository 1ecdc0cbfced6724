// The editorial audit trail. Successful transitions write their event inside the transition's
// transaction; refused attempts (A22) are written on their own, before the error is thrown.
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import type { Actor } from '../../../schema/security/signed-context.ts';

export type AuditOutcome = 'SUCCEEDED' | 'DENIED' | 'FAILED';

export interface AuditWriter {
  auditEvent: { create(args: { data: Prisma.AuditEventUncheckedCreateInput }): Promise<unknown> };
}

export interface Caller {
  actor: Actor;
  requestId: string;
}

export async function writeAudit(
  db: AuditWriter,
  caller: Caller,
  event: { action: string; targetId?: string | null; outcome: AuditOutcome; detail?: Record<string, unknown> },
): Promise<void> {
  await db.auditEvent.create({
    data: {
      requestId: caller.requestId.slice(0, 100),
      actorId: caller.actor.id?.slice(0, 100) ?? null,
      actorRoles: caller.actor.roles.slice(0, 10),
      action: event.action,
      targetId: event.targetId && /^[0-9a-f-]{36}$/i.test(event.targetId) ? event.targetId : null,
      outcome: event.outcome,
      detail: (event.detail ?? undefined) as Prisma.InputJsonValue | undefined,
    },
  });
}
