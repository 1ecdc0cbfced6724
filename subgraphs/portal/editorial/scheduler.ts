// Scheduled publication: approved items whose time has come are published by the subgraph
// process itself, on an injectable clock. Safe with several replicas: each publish is a
// versioned update, so a second replica's attempt ends in CONFLICT and is skipped.
import type { Logger } from 'pino';
import { HubError } from '../../../schema/errors.ts';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import { createPortalContext, type PortalContext, type PortalRuntime } from '../context.ts';
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
  const ctx: PortalContext = {
    ...createPortalContext(prisma, { actor: SCHEDULER_ACTOR, requestId: `scheduler:${now.toISOString()}` }, runtime),
    now: () => now,
  };
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

export function startPublicationScheduler(prisma: PrismaClient, runtime: PortalRuntime, intervalMs: number, logger: Logger) {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    running ??= publishDueItems(prisma, runtime)
      .then((run) => {
        if (run.published.length || run.failed.length) logger.info(run, 'scheduled publication');
      })
      .catch((err: unknown) => logger.error({ err }, 'scheduled publication failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
