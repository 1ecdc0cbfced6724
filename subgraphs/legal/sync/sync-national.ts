// Incremental sync from the national legal-document database. A run asks for the documents
// changed since the cursor (the highest source change time of the last successful run), page
// by page; a listed document whose change time the hub already has is not fetched again, a
// changed one is fetched by id and stored (content hash: unchanged content writes nothing),
// a withdrawn one is marked, not deleted. The first run has no cursor and lists everything:
// a copy the full listing no longer shows has been removed upstream and is marked withdrawn.
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { LegalDocumentSource } from '../../../schema/domain/sources.ts';
import { markWithdrawn, type ApplyContext } from './apply-copy.ts';
import { NATIONAL } from './merge.ts';
import type { RunCounts } from './runs.ts';
import { storeNationalRecord } from './store-national.ts';

export interface NationalSyncDeps {
  prisma: PrismaClient;
  source: LegalDocumentSource;
  context: () => ApplyContext;
  /** Page size asked of the source (≤ 500). */
  pageSize?: number;
  /** Safety stop for a source whose totals are wrong. */
  maxPages?: number;
}

const later = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);

export async function syncNational(deps: NationalSyncDeps, cursorFrom: Date | null, counts: RunCounts): Promise<{ cursorTo: Date | null }> {
  const { prisma, source } = deps;
  const pageSize = deps.pageSize ?? 100;
  const maxPages = deps.maxPages ?? 1_000;
  const seen = new Set<string>();
  let cursorTo = cursorFrom;
  const withdraw = (sourceId: string) => prisma.$transaction((tx) => markWithdrawn(tx, NATIONAL, sourceId, deps.context()));

  for (let page = 1; page <= maxPages; page += 1) {
    const result = await source.search({ modifiedSince: cursorFrom ?? undefined, page, pageSize });
    const known = await prisma.legalDocumentSource.findMany({
      where: { system: NATIONAL, sourceId: { in: result.items.map((i) => i.sourceId) } },
      select: { sourceId: true, sourceModifiedAt: true, withdrawn: true },
    });
    const knownById = new Map(known.map((k) => [k.sourceId, k]));
    for (const summary of result.items) {
      counts.seen += 1;
      seen.add(summary.sourceId);
      const modifiedAt = summary.modifiedAt ? new Date(summary.modifiedAt) : null;
      cursorTo = later(cursorTo, modifiedAt);
      const previous = knownById.get(summary.sourceId);
      if (summary.withdrawn) {
        counts[(await withdraw(summary.sourceId)) ? 'withdrawn' : 'unchanged'] += 1;
        continue;
      }
      if (previous && !previous.withdrawn && modifiedAt && previous.sourceModifiedAt?.getTime() === modifiedAt.getTime()) {
        counts.unchanged += 1;
        continue;
      }
      const record = await source.getById(summary.sourceId);
      if (!record) {
        counts[(await withdraw(summary.sourceId)) ? 'withdrawn' : 'unchanged'] += 1;
        continue;
      }
      const stored = await storeNationalRecord(prisma, record, modifiedAt, deps.context());
      counts[stored.outcome] += 1;
      counts.conflicts += stored.conflicts;
    }
    if (result.items.length < pageSize || page * pageSize >= result.total) break;
  }

  // A full listing that came back empty is more likely an upstream fault than a purge.
  if (!cursorFrom && seen.size > 0) {
    const gone = await prisma.legalDocumentSource.findMany({
      where: { system: NATIONAL, withdrawn: false, sourceId: { notIn: [...seen] } },
      select: { sourceId: true },
    });
    for (const { sourceId } of gone) if (await withdraw(sourceId)) counts.withdrawn += 1;
  }
  return { cursorTo };
}
