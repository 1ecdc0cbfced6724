// Who may do what (R-3.4, R-6): an agency EDITOR works on its own agencies' items, the editorial
// BOARD approves, returns, publishes and unpublishes, an ADMIN does everything. Every refusal of
// an authenticated actor is audited before FORBIDDEN is thrown (A22); anonymous ones are counted.
import { HubError } from '../../../schema/errors.ts';
import type { Actor } from '../../../schema/security/signed-context.ts';
import type { PortalContext } from '../context.ts';
import { auditRefusal } from './audit.ts';

export type EditorialAction =
  'CREATE' | 'UPDATE' | 'SUBMIT' | 'APPROVE' | 'RETURN' | 'PUBLISH' | 'SCHEDULE' | 'UNPUBLISH' | 'ARCHIVE' | 'REOPEN' | 'TRANSLATE' | 'ATTACH_FILES';

const AGENCY_ACTIONS: ReadonlySet<EditorialAction> = new Set(['CREATE', 'UPDATE', 'SUBMIT', 'REOPEN', 'TRANSLATE', 'ATTACH_FILES']);
/** The in-process scheduler (never a token role: the gateway accepts EDITOR, BOARD, ADMIN, PARTNER only). */
const SCHEDULER_ACTIONS: ReadonlySet<EditorialAction> = new Set(['PUBLISH', 'SCHEDULE']);
const BOARD_ACTIONS: ReadonlySet<EditorialAction> = new Set(['APPROVE', 'RETURN', 'PUBLISH', 'SCHEDULE', 'UNPUBLISH', 'ARCHIVE', 'TRANSLATE']);

/** Whether some item could allow the action to this actor (before looking at the item). */
export function mayEver(actor: Actor, action: EditorialAction): boolean {
  if (actor.roles.includes('ADMIN')) return true;
  if (actor.roles.includes('SCHEDULER')) return SCHEDULER_ACTIONS.has(action);
  if (actor.roles.includes('BOARD') && BOARD_ACTIONS.has(action)) return true;
  return actor.roles.includes('EDITOR') && AGENCY_ACTIONS.has(action) && (actor.agencyIds?.length ?? 0) > 0;
}

/** Whether the actor may do the action on an item of this agency. */
export function may(actor: Actor, action: EditorialAction, agencyId: string | null): boolean {
  if (actor.roles.includes('ADMIN')) return true;
  if (actor.roles.includes('SCHEDULER')) return SCHEDULER_ACTIONS.has(action);
  if (actor.roles.includes('BOARD') && BOARD_ACTIONS.has(action)) return true;
  return actor.roles.includes('EDITOR') && AGENCY_ACTIONS.has(action) && agencyId !== null && (actor.agencyIds ?? []).includes(agencyId);
}

async function deny(ctx: PortalContext, action: EditorialAction, targetId: string | null, reason: string): Promise<never> {
  await auditRefusal(ctx.prisma, ctx, { action, targetId, outcome: 'DENIED', detail: { reason } });
  throw new HubError('FORBIDDEN', 'You may not do this.', { action });
}

/** Role-level check, before anything is read: callers without an editorial role learn nothing. */
export async function requireRole(ctx: PortalContext, action: EditorialAction, targetId: string | null = null): Promise<void> {
  if (!mayEver(ctx.actor, action)) await deny(ctx, action, targetId, ctx.actor.roles.length ? 'ROLE' : 'ANONYMOUS');
}

/** Item-level check: an editor of agency A cannot touch agency B's items. */
export async function requireScope(ctx: PortalContext, action: EditorialAction, item: { id: string | null; agencyId: string | null }): Promise<void> {
  if (!may(ctx.actor, action, item.agencyId)) await deny(ctx, action, item.id, 'AGENCY_SCOPE');
}
