// The legal subgraph's sync jobs behind one small interface: which sources are configured,
// start a run (returns once it is recorded; the admin mutation answers at once), run one to
// the end (boot, schedule, tests). A run already in progress is returned, not doubled.
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { GazetteSource, LegalDocumentSource } from '../../../schema/domain/sources.ts';
import type { Db, PrismaClient } from '../../../schema/db/prisma.ts';
import { HubError } from '../../../schema/errors.ts';
import type { FileFetcher } from '../files/file-fetcher.ts';
import type { FileStore } from '../files/file-store.ts';
import { mirrorFiles } from '../files/mirror.ts';
import type { ApplyContext } from './apply-copy.ts';
import { GAZETTE, NATIONAL, SYNC_SYSTEMS, type ProvinceRule, type SyncSystem } from './merge.ts';
import { reconcileProvince } from './province.ts';
import { openRun, type RunEnvironment, type SyncBody } from './runs.ts';
import { syncGazette } from './sync-gazette.ts';
import { syncNational } from './sync-national.ts';
import { contentChanged } from '../../../schema/cache/content-version.ts';

export { SYNC_SYSTEMS, type SyncSystem };

export interface LegalSources {
  legal?: LegalDocumentSource;
  gazette?: GazetteSource;
  /** Downloads documents' files for mirroring; without it files stay links to the source. */
  files?: FileFetcher;
}

export interface SyncerDeps {
  prisma: PrismaClient;
  sources: LegalSources;
  store: FileStore;
  clock: () => Date;
  logger: Logger;
  /** The province's agencies as the portal's directory lists them now (province.ts), read at the start of each run. */
  provinceRule: () => Promise<ProvinceRule>;
  /** A run holding the lease longer than this may be taken over (a crashed process). */
  leaseMs?: number;
}

export interface LegalSyncer {
  readonly systems: SyncSystem[];
  start(system: SyncSystem, trigger: Db.LegalSyncTrigger): Promise<Db.LegalSyncRun>;
  run(system: SyncSystem, trigger: Db.LegalSyncTrigger): Promise<Db.LegalSyncRun>;
  /** Wait for runs started in the background (tests, shutdown). */
  idle(): Promise<void>;
}

export function createLegalSyncer(deps: SyncerDeps): LegalSyncer {
  const env: RunEnvironment = {
    prisma: deps.prisma,
    clock: deps.clock,
    logger: deps.logger,
    owner: `${hostname()}:${process.pid}`,
    leaseMs: deps.leaseMs ?? 30 * 60_000,
  };
  /**
   * The run's merge context, on the directory as it is now; documents merged under an older one
   * are re-merged first (counted as updated).
   */
  async function runContext(counts: { updated: number }): Promise<() => ApplyContext> {
    const rule = await deps.provinceRule();
    const context = (): ApplyContext => ({ rule, now: deps.clock() });
    const remerged = await reconcileProvince(deps.prisma, context());
    if (remerged) deps.logger.info({ remerged }, 'legal documents re-merged: the province’s agency directory changed');
    counts.updated += remerged;
    return context;
  }
  const background = new Set<Promise<unknown>>();

  const bodies: Record<SyncSystem, (trigger: Db.LegalSyncTrigger) => SyncBody | null> = {
    [NATIONAL]: () => {
      const source = deps.sources.legal;
      if (!source) return null;
      return async (cursorFrom, counts) => {
        const context = await runContext(counts);
        const result = await syncNational({ prisma: deps.prisma, source, context }, cursorFrom, counts);
        if (deps.sources.files) {
          const files = await mirrorFiles({ prisma: deps.prisma, fetcher: deps.sources.files, store: deps.store, clock: deps.clock, logger: deps.logger });
          counts.filesStored += files.stored;
          counts.filesFailed += files.failed;
        }
        return result;
      };
    },
    [GAZETTE]: (trigger) => {
      const source = deps.sources.gazette;
      if (!source) return null;
      return async (_cursor, counts) => {
        const context = await runContext(counts);
        return syncGazette({ prisma: deps.prisma, source, legal: deps.sources.legal, context, logger: deps.logger }, counts, { full: trigger === 'MANUAL' });
      };
    },
  };

  async function open(system: SyncSystem, trigger: Db.LegalSyncTrigger) {
    const body = bodies[system](trigger);
    if (!body) throw new HubError('BAD_USER_INPUT', 'This source is not configured on this hub.', { field: 'system', reason: 'NOT_CONFIGURED' });
    // Another run holding the lease is reported instead of starting a second one. Its row may
    // be a moment behind its lease, or it may just have finished: then try to claim again.
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const opened = await openRun(env, system, trigger, body);
      // A finished run may have added, changed or withdrawn documents: cached answers are stale.
      if (opened) return { ...opened, finished: opened.finished.finally(() => contentChanged(`legal.sync:${system}`)) };
      const current = await deps.prisma.legalSyncRun.findFirst({ where: { system, status: 'RUNNING' }, orderBy: [{ startedAt: 'desc' }, { id: 'desc' }] });
      if (current) return { run: current, finished: waitFor(current.id) };
      await sleep(20);
    }
    throw new HubError('CONFLICT', 'A sync of this source is already running.', { reason: 'SYNC_RUNNING' });
  }

  /** A run another caller (or process) started, once it has finished. */
  async function waitFor(id: string): Promise<Db.LegalSyncRun> {
    const deadline = Date.now() + env.leaseMs;
    for (;;) {
      const run = await deps.prisma.legalSyncRun.findUniqueOrThrow({ where: { id } });
      if (run.status !== 'RUNNING' || Date.now() > deadline) return run;
      await sleep(50);
    }
  }

  return {
    systems: SYNC_SYSTEMS.filter((s) => (s === NATIONAL ? deps.sources.legal : deps.sources.gazette)),
    async start(system, trigger) {
      const { run, finished } = await open(system, trigger);
      background.add(finished);
      void finished.finally(() => background.delete(finished));
      return run;
    },
    async run(system, trigger) {
      return (await open(system, trigger)).finished;
    },
    async idle() {
      await Promise.all([...background]);
    },
  };
}
