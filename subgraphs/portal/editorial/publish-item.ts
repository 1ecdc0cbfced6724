// Publish an approved item now, or schedule it. Refused with PUBLISH_PRECONDITION_FAILED,
// listing what is missing, unless re-used content names its source and the six
// mandatory Dublin Core elements are present. A refusal changes nothing but the audit trail.
import { HubError } from '../../../schema/errors.ts';
import type { Db } from '../../../schema/db/prisma.ts';
import { dublinCore, missingAttribution } from '../content/dublin-core.ts';
import { commonFields } from '../content/nodes.ts';
import type { PortalContext } from '../context.ts';
import { runTransition } from './workflow.ts';

/** What stops the item from being published at `at` (empty = nothing). */
export async function publishMissing(ctx: PortalContext, row: Db.ContentItem, at: Date): Promise<string[]> {
  const item = commonFields(row);
  const agency = row.agencyId ? await ctx.loaders.agency.load(row.agencyId) : null;
  const dc = dublinCore(item, { agencyName: agency?.nameVi ?? null, publishedAt: at });
  return [...missingAttribution(item), ...dc.missingMandatory.map((e) => `dublinCore.${e}`)];
}

async function assertPublishable(ctx: PortalContext, row: Db.ContentItem, at: Date) {
  const missing = await publishMissing(ctx, row, at);
  if (missing.length) throw new HubError('PUBLISH_PRECONDITION_FAILED', `Publishing needs: ${missing.join(', ')}.`, { missing });
}

export async function publishItem(ctx: PortalContext, id: string, opts: { at?: Date | null; expectedVersion?: number | null } = {}) {
  const now = ctx.now();
  const at = opts.at ?? null;
  if (at && at.getTime() > now.getTime()) {
    return runTransition(ctx, 'SCHEDULE', id, {
      expectedVersion: opts.expectedVersion,
      precheck: (row) => assertPublishable(ctx, row, at),
      data: () => ({ scheduledAt: at }),
      reason: `Scheduled for ${at.toISOString()}`,
      detail: { scheduledAt: at.toISOString() },
    });
  }
  return runTransition(ctx, 'PUBLISH', id, {
    expectedVersion: opts.expectedVersion,
    precheck: (row) => assertPublishable(ctx, row, now),
    data: (row) => ({ publishedAt: now, firstPublishedAt: row.firstPublishedAt ?? now, scheduledAt: null }),
  });
}
