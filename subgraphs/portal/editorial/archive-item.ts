// Archive a published or unpublished item (R-8: data is archived, never deleted).
import { optMultiline } from '../content/clean.ts';
import type { PortalContext } from '../context.ts';
import { runTransition } from './workflow.ts';

export function archiveItem(ctx: PortalContext, id: string, reason?: string | null, expectedVersion?: number | null) {
  return runTransition(ctx, 'ARCHIVE', id, { expectedVersion, reason: optMultiline(reason, 'reason', 2000), data: () => ({ scheduledAt: null }) });
}
