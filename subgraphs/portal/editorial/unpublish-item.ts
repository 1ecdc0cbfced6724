// The board takes a published item off the portal, with a reason; it stays in the database.
import { multiline } from '../content/clean.ts';
import type { PortalContext } from '../context.ts';
import { runTransition } from './workflow.ts';

export function unpublishItem(ctx: PortalContext, id: string, reason: string, expectedVersion?: number | null) {
  return runTransition(ctx, 'UNPUBLISH', id, { expectedVersion, reason: multiline(reason, 'reason', 2000) });
}
