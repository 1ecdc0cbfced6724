// The editorial board approves a submitted item; publishing is a separate step.
import type { PortalContext } from '../context.ts';
import { runTransition } from './workflow.ts';

export function approveItem(ctx: PortalContext, id: string, expectedVersion?: number | null, note?: string | null) {
  return runTransition(ctx, 'APPROVE', id, { expectedVersion, reason: note ?? null });
}
