// Sync status (public: when the legal data was last refreshed, and whether the last attempt
// failed — codes only, never upstream text) and the administrator's "sync now".
import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { ADAPTERS } from '../../adapters/registry.ts';
import type { Db } from '../../schema/db/prisma.ts';
import { HubError } from '../../schema/errors.ts';
import { pageWindow, PageArgs, PageOf, toPage } from '../kit/pagination.ts';
import { isAdmin, type LegalContext } from './context.ts';
import { SYNC_SYSTEMS } from './sync/syncer.ts';
import { GAZETTE, NATIONAL } from './sync/merge.ts';
import { LegalSyncSystem } from './types/enums.ts';
import { LegalSyncRun, LegalSyncStatus } from './types/sync.types.ts';

export const LegalSyncRunPage = PageOf(LegalSyncRun, 'LegalSyncRunPage');

const toRun = (row: Db.LegalSyncRun): LegalSyncRun => Object.assign(new LegalSyncRun(), row);

@Resolver()
export class LegalSyncResolver {
  @Query(() => [LegalSyncStatus], { description: 'Where the sync of each legal source stands: last success, last error code, counts, lag.' })
  async legalSyncStatus(@Ctx() ctx: LegalContext): Promise<LegalSyncStatus[]> {
    const [states, runs, documents, issues] = await Promise.all([
      ctx.prisma.legalSyncState.findMany(),
      ctx.prisma.legalSyncRun.findMany({ distinct: ['system'], orderBy: [{ system: 'asc' }, { startedAt: 'desc' }, { id: 'desc' }] }),
      ctx.prisma.legalDocumentSource.count({ where: { system: NATIONAL, withdrawn: false } }),
      ctx.prisma.legalGazetteIssue.count(),
    ]);
    const now = ctx.runtime.now().getTime();
    return SYNC_SYSTEMS.map((system) => {
      const state = states.find((s) => s.system === system);
      const run = runs.find((r) => r.system === system);
      return Object.assign(new LegalSyncStatus(), {
        system,
        label: ADAPTERS[system].label,
        configured: ctx.runtime.syncer.systems.includes(system),
        lastSuccessAt: state?.lastSuccessAt ?? null,
        lastErrorAt: state?.lastErrorAt ?? null,
        lastErrorCode: state?.lastErrorCode ?? null,
        consecutiveFailures: state?.consecutiveFailures ?? 0,
        lagSeconds: state?.lastSuccessAt ? Math.max(0, Math.round((now - state.lastSuccessAt.getTime()) / 1000)) : null,
        cursor: state?.cursor ?? null,
        records: system === GAZETTE ? issues : documents,
        lastRun: run ? toRun(run) : null,
      });
    });
  }

  @Query(() => LegalSyncRunPage, { description: 'Sync runs of one source, newest first (administrators).' })
  async legalSyncRuns(@Arg('system', () => LegalSyncSystem) system: LegalSyncSystem, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: LegalContext) {
    if (!isAdmin(ctx.actor)) throw new HubError('FORBIDDEN', 'Only an administrator may read sync runs.');
    const window = pageWindow(page);
    const [rows, total] = await Promise.all([
      ctx.prisma.legalSyncRun.findMany({ where: { system }, orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], take: window.take, skip: window.skip }),
      ctx.prisma.legalSyncRun.count({ where: { system } }),
    ]);
    return toPage(rows.map(toRun), total, window);
  }

  @Mutation(() => LegalSyncRun, {
    description:
      'Sync a legal source now (administrators). Answers at once with the run; its progress shows in legalSyncStatus. A run in progress is returned, not doubled.',
  })
  async runLegalSync(@Arg('system', () => LegalSyncSystem) system: LegalSyncSystem, @Ctx() ctx: LegalContext): Promise<LegalSyncRun> {
    if (!isAdmin(ctx.actor)) throw new HubError('FORBIDDEN', 'Only an administrator may start a sync.');
    return toRun(await ctx.runtime.syncer.start(system, 'MANUAL'));
  }
}
