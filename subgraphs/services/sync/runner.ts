// Bookkeeping of the services sync jobs until the shared job runner takes them over: a lease
// per job (keyed `<system>:<feed>`, syncer.ts) in services_sync_state (two processes never run the same job at once; a crashed
// holder's lease expires), the last outcome (success time, error code, counts) and the
// incremental cursor, which a failed run leaves where it was so nothing is skipped.
import type { Logger } from 'pino';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import { HubError } from '../../../schema/errors.ts';

export interface JobEnvironment {
  prisma: PrismaClient;
  clock: () => Date;
  logger: Logger;
  leaseMs: number;
}

export type JobCounts = Record<string, number>;
export type JobBody = (cursorFrom: Date | null, counts: JobCounts) => Promise<{ cursorTo: Date | null }>;

export interface JobOutcome {
  job: string;
  status: 'SUCCEEDED' | 'FAILED' | 'BUSY';
  errorCode: string | null;
  counts: JobCounts;
}

export const errorCodeOf = (error: unknown): string => (error instanceof HubError ? error.code : 'INTERNAL_SERVER_ERROR');

export async function runJob(env: JobEnvironment, job: string, body: JobBody): Promise<JobOutcome> {
  const now = env.clock();
  await env.prisma.servicesSyncState.upsert({ where: { job }, create: { job }, update: {} });
  const claimed = await env.prisma.servicesSyncState.updateMany({
    where: { job, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    data: { lockedUntil: new Date(now.getTime() + env.leaseMs), lastRunAt: now },
  });
  if (!claimed.count) return { job, status: 'BUSY', errorCode: null, counts: {} };
  const state = await env.prisma.servicesSyncState.findUniqueOrThrow({ where: { job } });
  const counts: JobCounts = {};
  try {
    const { cursorTo } = await body(state.cursor, counts);
    await env.prisma.servicesSyncState.update({
      where: { job },
      data: { cursor: cursorTo ?? state.cursor, lastSuccessAt: env.clock(), consecutiveFailures: 0, lastCounts: counts, lockedUntil: null },
    });
    return { job, status: 'SUCCEEDED', errorCode: null, counts };
  } catch (error) {
    const errorCode = errorCodeOf(error);
    env.logger.warn({ err: error, job, errorCode }, 'services sync failed: last-known-good data kept');
    await env.prisma.servicesSyncState.update({
      where: { job },
      data: { lastErrorAt: env.clock(), lastErrorCode: errorCode, consecutiveFailures: { increment: 1 }, lastCounts: counts, lockedUntil: null },
    });
    return { job, status: 'FAILED', errorCode, counts };
  }
}
