// The gazette's newest-documents feed: a document is announced there as soon as it is
// published, often before its issue's export is out and before the national database's
// incremental sync reaches it. An editor expects such a document to be on the portal at
// once, so an announced number the hub does not know is fetched live from the national
// database and stored like a synced copy (same merge, provenance and conflict rule).
// The feed itself carries no issuer or issue date, so it never creates a document alone: a
// number the national database does not know yet is asked again on the next run while the
// feed still lists it, and the export brings the gazette's own copy anyway.
import type { Logger } from 'pino';
import type { GazetteSource, LegalDocumentSource } from '../../../schema/domain/sources.ts';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import { HubError } from '../../../schema/errors.ts';
import { documentNumberKey } from '../../../schema/text/vietnamese.ts';
import type { ApplyContext } from './apply-copy.ts';
import { isMatchableKey } from './document-index.ts';
import type { RunCounts } from './runs.ts';
import { storeNationalRecord } from './store-national.ts';

export interface AnnouncementDeps {
  prisma: PrismaClient;
  gazette: GazetteSource;
  /** Without the national database, announcements wait for their issue's export. */
  legal?: LegalDocumentSource;
  context: () => ApplyContext;
  logger?: Logger;
  /** Live lookups per run at most: a long feed must not turn into a burst on the national database. */
  maxLookups?: number;
}

export interface AnnouncementResult {
  announced: number;
  fetched: number;
  /** Announced numbers the national database does not know (yet). */
  notFound: number;
  /** The UPSTREAM_* code that stopped the lookups of this run, if any. */
  upstreamError: string | null;
}

export async function fetchAnnouncedDocuments(deps: AnnouncementDeps, counts: RunCounts): Promise<AnnouncementResult> {
  const feed = await deps.gazette.latestDocuments();
  const keys = [...new Set(feed.flatMap((d) => (d.number ? [documentNumberKey(d.number)] : [])).filter(isMatchableKey))];
  const result: AnnouncementResult = { announced: keys.length, fetched: 0, notFound: 0, upstreamError: null };
  if (!keys.length || !deps.legal) return result;
  const known = await deps.prisma.legalDocument.findMany({ where: { numberKey: { in: keys } }, select: { numberKey: true } });
  const knownKeys = new Set(known.map((k) => k.numberKey));
  const numbers = new Map(feed.flatMap((d) => (d.number ? [[documentNumberKey(d.number), d.number] as const] : [])));
  const unknown = keys.filter((k) => !knownKeys.has(k)).slice(0, deps.maxLookups ?? 20);
  for (const key of unknown) {
    try {
      const record = await deps.legal.findByNumber(numbers.get(key)!);
      if (!record) {
        result.notFound += 1;
        continue;
      }
      const stored = await storeNationalRecord(deps.prisma, record, null, deps.context());
      counts[stored.outcome] += 1;
      counts.conflicts += stored.conflicts;
      result.fetched += 1;
    } catch (error) {
      // The gazette answered; the national database failing is its own sync's concern. The
      // rest waits for the next run (the breaker would refuse them now anyway).
      if (!(error instanceof HubError) || !error.code.startsWith('UPSTREAM_')) throw error;
      result.upstreamError = error.code;
      deps.logger?.warn({ errorCode: error.code }, 'gazette announcements: national database lookup failed, retried next run');
      break;
    }
  }
  return result;
}
