// Bookkeeping of sync runs: a lease per source in legal_sync_state (two processes never sync
// the same source at once, and a crashed holder's lease expires), a legal_sync_run row per run
// with its counts, and the source's state (cursor, last success, last error). A failed run
// records its error code and leaves the cursor where it was, so nothing is skipped (C6).
import type { Logger } from 'pino';
import type { Db, PrismaClient } from '../../../schema/db/prisma.ts';
import { HubError } from '../../../schema/errors.ts';

export interface RunCounts {
  seen: number;
  created: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  conflicts: number;
  filesStored: number;
  filesFailed: number;
}

export const emptyCounts = (): RunCounts => ({ seen: 0, created: 0, updated: 0, unchanged: 0, withdrawn: 0, conflicts: 0, filesStored: 0, filesFailed: 0 });

export interface RunEnvironment {
  prisma: PrismaClient;
  clock: () => Date;
  logger: Logger;
  /** Who holds the lease (process id); a run longer than `leaseMs` may be taken over. */
  owner: string;
  leaseMs: number;
}

/** What a sync job does inside a run: reads from `cursorFrom`, counts, returns the new cursor. */
export type SyncBody = (cursorFrom: Date | null, counts: RunCounts) => Promise<{ cursorTo: Date | null }>;

export interface OpenRun {
  run: Db.LegalSyncRun;
  /** Resolves with the finished run; never rejects (failures are recorded). */
  finished: Promise<Db.LegalSyncRun>;
}

/** The client-safe code of a failure: UPSTREAM_* from adapters, else INTERNAL_SERVER_ERROR. */
export const errorCodeOf = (error: unknown): string => (error instanceof HubError ? error.code : 'INTERNAL_SERVER_ERROR');

async function claimLease(env: RunEnvironment, system: string): Promise<Db.LegalSyncState | null> {
  const now = env.clock();
  await env.prisma.legalSyncState.upsert({ where: { system }, create: { system }, update: {} });
  const claimed = await env.prisma.legalSyncState.updateMany({
    where: { system, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    data: { lockedUntil: new Date(now.getTime() + env.leaseMs), lockedBy: env.owner, lastRunAt: now },
  });
  return claimed.count ? env.prisma.legalSyncState.findUnique({ where: { system } }) : null;
}

/** Start a run: null when another run of this source holds the lease. */
export async function openRun(env: RunEnvironment, system: string, trigger: Db.LegalSyncTrigger, body: SyncBody): Promise<OpenRun | null> {
  const state = await claimLease(env, system);
  if (!state) return null;
  // Holding the lease, no other run of this source is alive: one left RUNNING died with its process.
  await env.prisma.legalSyncRun.updateMany({
    where: { system, status: 'RUNNING' },
    data: { status: 'FAILED', errorCode: 'INTERRUPTED', finishedAt: env.clock() },
  });
  const run = await env.prisma.legalSyncRun.create({
    data: { system, trigger, status: 'RUNNING', startedAt: env.clock(), cursorFrom: state.cursor },
  });
  return { run, finished: execute(env, run, state.cursor, body) };
}

async function execute(env: RunEnvironment, run: Db.LegalSyncRun, cursorFrom: Date | null, body: SyncBody): Promise<Db.LegalSyncRun> {
  const counts = emptyCounts();
  const { system } = run;
  try {
    const { cursorTo } = await body(cursorFrom, counts);
    const finishedAt = env.clock();
    await env.prisma.legalSyncState.update({
      where: { system },
      data: { cursor: cursorTo ?? cursorFrom, lastSuccessAt: finishedAt, consecutiveFailures: 0 },
    });
    return await env.prisma.legalSyncRun.update({
      where: { id: run.id },
      data: { ...counts, status: 'SUCCEEDED', finishedAt, cursorTo: cursorTo ?? cursorFrom },
    });
  } catch (error) {
    const errorCode = errorCodeOf(error);
    env.logger.warn({ err: error, system, errorCode }, 'legal sync failed: last-known-good data kept');
    const finishedAt = env.clock();
    await env.prisma.legalSyncState
      .update({ where: { system }, data: { lastErrorAt: finishedAt, lastErrorCode: errorCode, consecutiveFailures: { increment: 1 } } })
      .catch(() => undefined);
    return env.prisma.legalSyncRun.update({ where: { id: run.id }, data: { ...counts, status: 'FAILED', finishedAt, errorCode } }).catch(() => run);
  } finally {
    await env.prisma.legalSyncState.updateMany({ where: { system, lockedBy: env.owner }, data: { lockedUntil: null, lockedBy: null } }).catch(() => undefined);
  }
}
