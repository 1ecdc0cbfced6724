// Sync from the official gazette: its feed of newest issues, then each issue's XML export
// (validated against the committed XSD by the adapter). An issue already stored is not fetched
// again unless the run is `full` (an administrator's run re-checks every issue in the feed);
// an export whose content hash is unchanged writes nothing. Then the newest-documents feed:
// an announced document the hub does not know is fetched from the national database
// (gazette-announcements.ts), after the issues so that the exports' entries count as known.
import type { Logger } from 'pino';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { GazetteSource, LegalDocumentSource } from '../../../schema/domain/sources.ts';
import { gazetteIssueSourceId } from '../../../schema/domain/legal.ts';
import type { ApplyContext } from './apply-copy.ts';
import { fetchAnnouncedDocuments } from './gazette-announcements.ts';
import { GAZETTE } from './merge.ts';
import type { RunCounts } from './runs.ts';
import { storeGazetteIssue } from './store-gazette.ts';

export interface GazetteSyncDeps {
  prisma: PrismaClient;
  source: GazetteSource;
  /** The national database, for documents the feed announces before anything else has them. */
  legal?: LegalDocumentSource;
  context: () => ApplyContext;
  logger?: Logger;
}

export async function syncGazette(deps: GazetteSyncDeps, counts: RunCounts, opts: { full: boolean }): Promise<{ cursorTo: null }> {
  const feed = await deps.source.latestIssues();
  const stored = await deps.prisma.legalGazetteIssue.findMany({
    where: { system: GAZETTE, sourceId: { in: feed.map(gazetteIssueSourceId) } },
    select: { sourceId: true },
  });
  const known = new Set(stored.map((s) => s.sourceId));
  for (const entry of feed) {
    counts.seen += 1;
    if (!opts.full && known.has(gazetteIssueSourceId(entry))) {
      counts.unchanged += 1;
      continue;
    }
    const issue = await deps.source.getIssue(entry.exportUrl);
    const result = await storeGazetteIssue(deps.prisma, issue, deps.context());
    counts[result.outcome] += 1;
    counts.conflicts += result.documents.conflicts;
  }
  const announced = await fetchAnnouncedDocuments(
    { prisma: deps.prisma, gazette: deps.source, legal: deps.legal, context: deps.context, logger: deps.logger },
    counts,
  );
  deps.logger?.info(announced, 'gazette announcements');
  return { cursorTo: null };
}
