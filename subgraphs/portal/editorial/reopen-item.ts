// An unpublished item goes back to draft so that its agency can correct and resubmit it.
import { optMultiline } from '../content/clean.ts';
import type { PortalContext } from '../context.ts';
import { runTransition } from './workflow.ts';

export function reopenItem(ctx: PortalContext, id: string, reason?: string | null, expectedVersion?: number | null) {
  return runTransition(ctx, 'REOPEN', id, { expectedVersion, reason: optMultiline(reason, 'reason', 2000) });
}
