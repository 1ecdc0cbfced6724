// Scheduled publication: approved items whose time has come are published by the subgraph
// process itself, on an injectable clock. Safe with several replicas: each publish is a
// versioned update, so a second replica's attempt ends in CONFLICT and is skipped.
import type { ScheduledJob } from '../../kit/jobs.ts';
import { HubError } from '../../../schema/errors.ts';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import { internalContext, type PortalContext, type PortalRuntime } from '../context.ts';
import { publishItem } from './publish-item.ts';
import { runTransition } from './workflow.ts';

export const SCHEDULER_ACTOR = { id: 'system:scheduler', name: 'Lịch đăng tự động', roles: ['SCHEDULER'] };

export interface DueRun {
  published: string[];
  failed: { id: string; missing: unknown }[];
}

export async function publishDueItems(prisma: PrismaClient, runtime: PortalRuntime): Promise<DueRun> {
  const now = runtime.now();
  // One instant for the whole run: every item due at `now` is published at `now`.
  const ctx: PortalContext = { ...internalContext(prisma, runtime, SCHEDULER_ACTOR, `scheduler:${now.toISOString()}`), now: () => now, clock: () => now };
  const due = await prisma.contentItem.findMany({
    where: { state: 'APPROVED', scheduledAt: { lte: now } },
    orderBy: { scheduledAt: 'asc' },
    select: { id: true },
    take: 100,
  });
  const run: DueRun = { published: [], failed: [] };
  for (const { id } of due) {
    try {
      await publishItem(ctx, id);
      run.published.push(id);
    } catch (err) {
      if (!(err instanceof HubError)) throw err;
      if (err.code === 'CONFLICT') continue;
      run.failed.push({ id, missing: err.extensions.missing });
      // Drop the schedule so the failure is reported once, not at every tick.
      await runTransition(ctx, 'SCHEDULE', id, { data: () => ({ scheduledAt: null }), reason: `Scheduled publication failed: ${err.message}` }).catch(() => {});
    }
  }
  return run;
}

/** Scheduled publication as a job of the portal subgraph (subgraphs/kit/jobs.ts runs it). */
export function publicationJob(prisma: PrismaClient, runtime: PortalRuntime): ScheduledJob {
  return {
    name: 'portal.publish-due',
    everyMs: runtime.scheduleIntervalMs,
    run: async () => {
      const run = await publishDueItems(prisma, runtime);
      if (run.published.length || run.failed.length) runtime.logger.info(run, 'scheduled publication');
      return run;
    },
    changesContent: (run) => (run as DueRun).published.length > 0,
  };
}
