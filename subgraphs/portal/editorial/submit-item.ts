// An agency editor sends a draft (or a returned item) to the editorial board.
import type { PortalContext } from '../context.ts';
import { runTransition } from './workflow.ts';

export function submitItem(ctx: PortalContext, id: string, expectedVersion?: number | null, note?: string | null) {
  return runTransition(ctx, 'SUBMIT', id, { expectedVersion, reason: note ?? null, data: () => ({ returnReasons: [] }) });
}
