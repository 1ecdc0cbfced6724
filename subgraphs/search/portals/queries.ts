// Reading and registering agency portals. Reads are public (a links directory); registering is
// for administrators, and every URL passes the harvester's URL guard at the door, so an
// internal address is refused when it is entered, not only when it is fetched.
import DataLoader from 'dataloader';
import type { Db, PrismaClient } from '../../../schema/db/prisma.ts';
import { HubError } from '../../../schema/errors.ts';
import { cleanText } from '../../../schema/text/input.ts';
import type { UrlGuard } from '../../../adapters/kit/url-guard.ts';
import { isUuid } from '../../kit/batch.ts';
import { pageWindow, toPage, type PageArgs } from '../../kit/pagination.ts';
import type { Actor } from '../../../schema/security/signed-context.ts';
import { PortalSourceKind, type AgencyPortal, type AgencyPortalInput, type HarvestedItem } from './types.ts';

type PortalRow = Db.AgencyPortal & { sources: Db.AgencyPortalSource[] };

export const toPortal = (row: PortalRow): AgencyPortal => ({
  id: row.id,
  agency: { id: row.agencyId },
  name: row.name,
  url: row.url,
  description: row.description,
  harvest: row.harvest,
  hosts: row.hosts,
  sources: [...row.sources]
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.url.localeCompare(b.url))
    .map((s) => ({
      kind: s.kind as PortalSourceKind,
      url: s.url,
      lastFetchedAt: s.lastFetchedAt,
      lastSuccessAt: s.lastSuccessAt,
      lastStatus: s.lastStatus,
      failures: s.failures,
      droppedOffHost: s.droppedOffHost,
      nextAttemptAt: s.nextAttemptAt,
    })),
});

export const toItem = (row: Db.HarvestedItem): HarvestedItem => ({
  id: row.id,
  title: row.title,
  summary: row.summary,
  url: row.url,
  publishedAt: row.publishedAt,
  updatedAt: row.updatedAt,
  firstSeenAt: row.firstSeenAt,
  lastSeenAt: row.lastSeenAt,
  external: true,
  agency: { id: row.agencyId },
  portalId: row.portalId,
});

const checkId = (id: string | null | undefined, field: string) => {
  if (id && !isUuid(id)) throw new HubError('BAD_USER_INPUT', `${field} is not a valid id.`, { field, reason: 'ID' });
};

export async function listPortals(prisma: PrismaClient, args: PageArgs & { agency?: string | null }) {
  checkId(args.agency, 'agency');
  const window = pageWindow(args);
  const where = { removedAt: null, ...(args.agency ? { agencyId: args.agency } : {}) };
  const [rows, total] = await Promise.all([
    prisma.agencyPortal.findMany({
      where,
      include: { sources: true },
      orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }, { id: 'asc' }],
      skip: window.skip,
      take: window.take,
    }),
    prisma.agencyPortal.count({ where }),
  ]);
  return toPage(rows.map(toPortal), total, window);
}

export async function listItems(prisma: PrismaClient, args: PageArgs & { agency?: string | null; portalId?: string | null }) {
  checkId(args.agency, 'agency');
  const window = pageWindow(args);
  const where = {
    removedAt: null,
    portal: { harvest: true, removedAt: null },
    ...(args.agency ? { agencyId: args.agency } : {}),
    ...(args.portalId ? { portalId: args.portalId } : {}),
  };
  const [rows, total] = await Promise.all([
    prisma.harvestedItem.findMany({ where, orderBy: [{ publishedAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }], skip: window.skip, take: window.take }),
    prisma.harvestedItem.count({ where }),
  ]);
  return toPage(rows.map(toItem), total, window);
}

export interface PortalLoaders {
  portal: DataLoader<string, AgencyPortal | null>;
  byAgency: DataLoader<string, AgencyPortal[]>;
  item: DataLoader<string, HarvestedItem | null>;
}

/** One statement per batch, whichever number of portals, agencies or items a page names. */
export function portalLoaders(prisma: PrismaClient): PortalLoaders {
  return {
    portal: new DataLoader(async (ids) => {
      const rows = await prisma.agencyPortal.findMany({ where: { id: { in: ids.filter(isUuid) }, removedAt: null }, include: { sources: true } });
      const byId = new Map(rows.map((r) => [r.id, toPortal(r)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    byAgency: new DataLoader(async (agencyIds) => {
      const rows = await prisma.agencyPortal.findMany({
        where: { agencyId: { in: agencyIds.filter(isUuid) }, removedAt: null },
        include: { sources: true },
        orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
      });
      return agencyIds.map((a) => rows.filter((r) => r.agencyId === a).map(toPortal));
    }),
    item: new DataLoader(async (ids) => {
      const rows = await prisma.harvestedItem.findMany({
        where: { id: { in: ids.filter(isUuid) }, removedAt: null, portal: { harvest: true, removedAt: null } },
      });
      const byId = new Map(rows.map((r) => [r.id, toItem(r)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

/** A bare host name (no scheme, port or path), lower case. */
function checkedHost(raw: string): string {
  const text = cleanText(raw, { field: 'hosts', max: 255 }).toLowerCase();
  if (!/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/.test(text))
    throw new HubError('BAD_USER_INPUT', 'hosts must be bare host names.', { field: 'hosts', reason: 'HOST' });
  return text;
}

function checkedUrl(guard: UrlGuard, raw: string, field: string): string {
  const text = cleanText(raw, { field, max: 2000 });
  try {
    return guard.check(text).toString();
  } catch {
    throw new HubError('BAD_USER_INPUT', `${field} is not an allowed http(s) address.`, { field, reason: 'URL_REFUSED' });
  }
}

export async function registerPortal(prisma: PrismaClient, guard: UrlGuard, actor: Actor, input: AgencyPortalInput) {
  if (!actor.roles.includes('ADMIN')) throw new HubError(actor.id ? 'FORBIDDEN' : 'UNAUTHENTICATED', 'Only an administrator may register agency portals.');
  const feeds = (input.feeds ?? []).map((u) => checkedUrl(guard, u, 'feeds'));
  const sitemaps = (input.sitemaps ?? []).map((u) => checkedUrl(guard, u, 'sitemaps'));
  if (feeds.length > 10) throw new HubError('BAD_USER_INPUT', 'At most 10 feeds.', { field: 'feeds', reason: 'TOO_MANY' });
  if (sitemaps.length > 5) throw new HubError('BAD_USER_INPUT', 'At most 5 sitemaps.', { field: 'sitemaps', reason: 'TOO_MANY' });
  const hosts = [...new Set((input.hosts ?? []).map((h) => checkedHost(h)))];
  if (hosts.length > 10) throw new HubError('BAD_USER_INPUT', 'At most 10 hosts.', { field: 'hosts', reason: 'TOO_MANY' });
  const data = {
    name: cleanText(input.name, { field: 'name', max: 300 }),
    url: checkedUrl(guard, input.url, 'url'),
    description: input.description ? cleanText(input.description, { field: 'description', max: 2000 }) : null,
    harvest: input.harvest ?? true,
    sortOrder: input.sortOrder ?? 0,
    hosts,
    // Registering a removed portal again brings it back (its items return as they are seen).
    removedAt: null,
  };
  const wanted = [...new Set(feeds)].map((url) => ({ kind: 'FEED', url })).concat([...new Set(sitemaps)].map((url) => ({ kind: 'SITEMAP', url })));
  const row = await prisma.$transaction(async (tx) => {
    const portal = await tx.agencyPortal.upsert({
      where: { agencyId_url: { agencyId: input.agencyId, url: data.url } },
      create: { agencyId: input.agencyId, ...data },
      update: data,
    });
    await tx.agencyPortalSource.deleteMany({ where: { portalId: portal.id, url: { notIn: wanted.map((w) => w.url) } } });
    for (const w of wanted) {
      await tx.agencyPortalSource.upsert({
        where: { portalId_url: { portalId: portal.id, url: w.url } },
        create: { portalId: portal.id, ...w },
        update: { kind: w.kind },
      });
    }
    // Its items' visibility or source name may have changed: queue them for the index.
    await tx.$executeRaw`INSERT INTO search_outbox (kind, entity_id) SELECT 'agency-portal-item', id::text FROM search_harvested_item WHERE portal_id = ${portal.id}::uuid`;
    return tx.agencyPortal.findUniqueOrThrow({ where: { id: portal.id }, include: { sources: true } });
  });
  return toPortal(row);
}

/**
 * Take a portal out of the registry (ADMIN): no longer listed nor harvested; its items become
 * tombstones in the same transaction (out of search and feeds, OAI-PMH deleted records).
 */
export async function removePortal(prisma: PrismaClient, actor: Actor, id: string, now: Date): Promise<boolean> {
  if (!actor.roles.includes('ADMIN')) throw new HubError(actor.id ? 'FORBIDDEN' : 'UNAUTHENTICATED', 'Only an administrator may remove agency portals.');
  checkId(id, 'id');
  return prisma.$transaction(async (tx) => {
    const removed = await tx.agencyPortal.updateMany({ where: { id, removedAt: null }, data: { removedAt: now } });
    if (!removed.count) {
      if (await tx.agencyPortal.count({ where: { id } })) return false;
      throw new HubError('NOT_FOUND', 'No such agency portal.', { field: 'id' });
    }
    // The outbox trigger queues each item for the index.
    await tx.harvestedItem.updateMany({ where: { portalId: id, removedAt: null }, data: { removedAt: now, lastSeenAt: now } });
    return true;
  });
}
