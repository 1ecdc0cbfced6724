// The scheduled harvest of agency portals: every source (feed or sitemap) of a portal
// marked for harvest, when due, is fetched through the adapter (SSRF-safe, capped, polite per
// host, conditional GET) and its entries upserted as HarvestedItem rows attributed to the
// portal's agency: one row per (portal, canonical URL) — the same page in a feed and
// the sitemap, or twice in a feed, is one item — written only when its content hash changed.
// A failure is kept on the source (code, time) and pushes its next attempt back exponentially
// (1 min × 2^failures, at most a day); the other sources go on. Each item's change queues it
// for the search index through the outbox trigger, in the same transaction.
// An entry whose URL is not on the portal's host (or one of the hosts its registry entry lists)
// is dropped and counted on the source. After a complete successful pass over every source of a
// portal (each fetched with 200, none truncated, at least one sitemap: the site's inventory),
// its items found in none of them become tombstones (out of search and feeds, an OAI-PMH
// deleted record); a failed, 304 or truncated source leaves every item as it is. A tombstoned
// item that comes back is restored.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { PortalHarvester } from '../../../adapters/agency-portals/client.ts';
import type { HarvestEntry, SourceKind } from '../../../adapters/agency-portals/wire.ts';

export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_MAX_MS = 24 * 3_600_000;
/** Sources handled in one run (the rest wait for the next slot). */
const SOURCES_PER_RUN = 50;

export interface HarvestRun {
  sources: number;
  notModified: number;
  failed: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Entries refused because their URL is not on the portal's hosts. */
  dropped: number;
  /** Items turned into tombstones (gone from the portal). */
  removed: number;
}

interface PortalRef {
  id: string;
  agencyId: string;
  url: string;
  hosts: string[];
}

/** The hosts a portal's items may live on: its own URL's, and those its registry entry lists. */
export function portalHosts(portal: { url: string; hosts: string[] }): Set<string> {
  const hosts = new Set(portal.hosts.map((h) => h.toLowerCase()));
  try {
    hosts.add(new URL(portal.url).hostname.toLowerCase());
  } catch {
    // A stored URL passed the guard at registration; nothing to add if it does not parse.
  }
  return hosts;
}

const hostOf = (url: string): string | null => {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
};

export const backoffMs = (failures: number): number => Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));

/** What a sitemap cannot tell (no title): the last path segment, words un-slugged. */
function titleOf(entry: HarvestEntry): string {
  if (entry.title) return entry.title;
  const segment = decodeURIComponent(new URL(entry.url).pathname.split('/').filter(Boolean).pop() ?? entry.url).replace(/\.\w+$/, '');
  return segment.replace(/[-_]+/g, ' ').trim() || entry.url;
}

const hashOf = (e: { title: string; summary: string | null; publishedAt: string | null; guid: string | null }) =>
  createHash('sha256')
    .update(JSON.stringify([e.title, e.summary, e.publishedAt, e.guid]))
    .digest('hex');

async function storeEntries(prisma: PrismaClient, portal: PortalRef, kind: SourceKind, entries: HarvestEntry[], now: Date, run: HarvestRun) {
  // De-duplicate within the document: the first (newest) occurrence of a URL wins.
  const unique = [...new Map(entries.map((e) => [e.url, e])).values()];
  if (!unique.length) return;
  const existing = await prisma.harvestedItem.findMany({ where: { portalId: portal.id, url: { in: unique.map((e) => e.url) } } });
  const byUrl = new Map(existing.map((row) => [row.url, row]));
  for (const entry of unique) {
    const row = byUrl.get(entry.url);
    // A sitemap knows only the URL and a date: it never overwrites what a feed said.
    // Feeds disagree on ids (RSS guid, Atom id): the first one seen is kept.
    const fromSitemap = kind === 'SITEMAP' && !!row;
    const merged = {
      title: fromSitemap ? row.title : titleOf(entry),
      summary: fromSitemap ? row.summary : entry.summary,
      publishedAt: (fromSitemap ? row.publishedAt?.toISOString() : entry.publishedAt) ?? row?.publishedAt?.toISOString() ?? entry.publishedAt ?? null,
      guid: row?.guid ?? entry.guid ?? null,
    };
    const contentHash = hashOf(merged);
    const data = {
      title: merged.title,
      summary: merged.summary,
      guid: merged.guid,
      publishedAt: merged.publishedAt ? new Date(merged.publishedAt) : null,
      updatedAt: entry.updatedAt ? new Date(entry.updatedAt) : (row?.updatedAt ?? null),
      contentHash,
    };
    if (!row) {
      await prisma.harvestedItem.create({
        data: { ...data, portalId: portal.id, agencyId: portal.agencyId, url: entry.url, firstSeenAt: now, lastSeenAt: now },
      });
      run.created += 1;
    } else if (row.contentHash !== contentHash || row.removedAt) {
      // Changed, or back after being tombstoned: restored.
      await prisma.harvestedItem.update({ where: { id: row.id }, data: { ...data, removedAt: null, lastSeenAt: now } });
      run.updated += 1;
    } else {
      run.unchanged += 1;
    }
  }
}

export async function harvestPortals(prisma: PrismaClient, harvester: PortalHarvester, now: Date, logger?: Logger): Promise<HarvestRun> {
  const run: HarvestRun = { sources: 0, notModified: 0, failed: 0, created: 0, updated: 0, unchanged: 0, dropped: 0, removed: 0 };
  const due = await prisma.agencyPortalSource.findMany({
    where: { portal: { harvest: true, removedAt: null }, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
    include: { portal: { select: { id: true, agencyId: true, url: true, hosts: true, _count: { select: { sources: true } } } } },
    orderBy: [{ nextAttemptAt: { sort: 'asc', nulls: 'first' } }, { id: 'asc' }],
    take: SOURCES_PER_RUN,
  });
  // Portals run side by side (the adapter keeps one request at a time per host); the sources of
  // one portal one after the other, so the same page in two of them is merged, not raced.
  const byPortal = new Map<string, typeof due>();
  for (const s of due) byPortal.set(s.portalId, [...(byPortal.get(s.portalId) ?? []), s]);
  await Promise.all([...byPortal.values()].map((sources) => harvestPortal(sources)));
  return run;

  async function harvestPortal(sources: typeof due): Promise<void> {
    const pass = { seen: new Set<string>(), complete: true };
    for (const source of sources) await harvestSource(source, pass);
    const portal = sources[0]!.portal;
    const whole = pass.complete && sources.length === portal._count.sources && sources.some((s) => s.kind === 'SITEMAP') && pass.seen.size > 0;
    if (!whole) return;
    const gone = await prisma.harvestedItem.updateMany({
      where: { portalId: portal.id, removedAt: null, url: { notIn: [...pass.seen] } },
      data: { removedAt: now, lastSeenAt: now },
    });
    run.removed += gone.count;
    if (gone.count) logger?.info({ portal: portal.id, removed: gone.count }, 'agency portal items gone: tombstones');
  }

  async function harvestSource(source: (typeof due)[number], pass: { seen: Set<string>; complete: boolean }): Promise<void> {
    run.sources += 1;
    const kind = source.kind as SourceKind;
    try {
      const got = await harvester.fetch(kind, source.url, { etag: source.etag, lastModified: source.lastModified });
      let dropped = source.droppedOffHost;
      if (got.notModified) {
        run.notModified += 1;
        pass.complete = false;
      } else {
        const hosts = portalHosts(source.portal);
        const onHost = got.entries.filter((e) => hosts.has(hostOf(e.url) ?? ''));
        dropped = got.entries.length - onHost.length;
        run.dropped += dropped;
        if (got.truncated) pass.complete = false;
        for (const e of onHost) pass.seen.add(e.url);
        await storeEntries(prisma, source.portal, kind, onHost, now, run);
      }
      await prisma.agencyPortalSource.update({
        where: { id: source.id },
        data: {
          droppedOffHost: dropped,
          etag: got.etag?.slice(0, 300) ?? null,
          lastModified: got.lastModified?.slice(0, 100) ?? null,
          lastFetchedAt: now,
          lastSuccessAt: now,
          lastStatus: got.notModified ? 'NOT_MODIFIED' : 'OK',
          lastError: null,
          failures: 0,
          nextAttemptAt: null,
        },
      });
    } catch (error) {
      run.failed += 1;
      pass.complete = false;
      const code = (error as { extensions?: { code?: string } }).extensions?.code ?? 'INTERNAL_SERVER_ERROR';
      const failures = source.failures + 1;
      logger?.warn({ source: source.id, code, failures }, 'agency portal harvest failed');
      await prisma.agencyPortalSource.update({
        where: { id: source.id },
        data: { lastFetchedAt: now, lastStatus: code.slice(0, 40), lastError: code, failures, nextAttemptAt: new Date(now.getTime() + backoffMs(failures)) },
      });
    }
  }
}
