// Items harvested from agency portals as harvest records (schema/contract/harvest.ts), so the
// hub's feeds (/feeds/agency-portal-items.rss, per agency) and OAI-PMH carry them too, marked as
// external: the identifier and link are the item's page on the agency's portal, Dublin Core
// `source` and `relation` say so, `publisher` is the portal. They have no page of ours, so
// sitemaps leave them out (`pages: false`). A portal taken off the harvest or removed, and an
// item gone from its portal (removedAt), are tombstones.
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { Db } from '../../../schema/db/prisma.ts';
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import { cursorFor, datestampOf, emptyDublinCore, endOfSecond, parseCursor, type HarvestQuery, type HarvestRecord } from '../../../schema/contract/harvest.ts';
import type { HarvestFilter, HarvestSource } from '../../kit/harvest.ts';

export const AGENCY_PORTAL_ITEMS = 'agency-portal-items';

type Row = Db.HarvestedItem & { portal: { name: string; harvest: boolean; removedAt: Date | null } };
const INCLUDE = { portal: { select: { name: true, harvest: true, removedAt: true } } } as const;

function record(row: Row, codes: Map<string, string>): HarvestRecord {
  const code = codes.get(row.agencyId);
  const published = row.publishedAt ?? row.firstSeenAt;
  const dc = emptyDublinCore();
  dc.title.push(row.title);
  if (row.summary) dc.description.push(row.summary);
  dc.publisher.push(row.portal.name);
  dc.date.push(published.toISOString().slice(0, 10));
  dc.type.push('Text');
  dc.identifier.push(row.url);
  dc.source.push(row.url);
  dc.language.push('vi');
  return {
    kind: AGENCY_PORTAL_ITEMS,
    id: row.id,
    url: row.url,
    datestamp: datestampOf(row.lastSeenAt),
    deleted: !row.portal.harvest || !!row.portal.removedAt || !!row.removedAt,
    agencies: code ? [code] : [],
    category: null,
    publishedAt: published.toISOString(),
    title: row.title,
    summary: row.summary,
    authors: [row.portal.name],
    dc,
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'Article',
      headline: row.title,
      url: row.url,
      datePublished: published.toISOString(),
      publisher: { '@type': 'GovernmentOrganization', name: row.portal.name },
      isBasedOn: row.url,
    },
  };
}

export function agencyPortalItemsHarvest(prisma: PrismaClient): HarvestSource {
  const agencyIds = async (code: string | undefined) =>
    code ? (await prisma.agency.findMany({ where: { code }, select: { id: true } })).map((a) => a.id) : null;
  const where = async (f: HarvestFilter): Promise<Prisma.HarvestedItemWhereInput> => {
    const ids = await agencyIds(f.agency);
    const range = f.from || f.until ? { ...(f.from ? { gte: new Date(f.from) } : {}), ...(f.until ? { lte: endOfSecond(new Date(f.until)) } : {}) } : undefined;
    return {
      ...(f.deleted ? {} : { removedAt: null, portal: { harvest: true, removedAt: null } }),
      ...(ids ? { agencyId: { in: ids } } : {}),
      ...(range ? { lastSeenAt: range } : {}),
    };
  };
  const codesOf = async (rows: Row[]) => {
    const agencies = await prisma.agency.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.agencyId))] } }, select: { id: true, code: true } });
    return new Map(agencies.map((a) => [a.id, a.code]));
  };
  const keyset = (q: HarvestQuery): Prisma.HarvestedItemWhereInput => {
    const cursor = q.after ? parseCursor(q.after) : null;
    if (q.order === 'published') {
      const base: Prisma.HarvestedItemWhereInput = { publishedAt: { not: null } };
      if (!cursor) return base;
      return { publishedAt: { lte: cursor.at }, OR: [{ publishedAt: { lt: cursor.at } }, { id: { lt: cursor.id } }] };
    }
    if (!cursor) return {};
    return { lastSeenAt: { gte: cursor.at }, OR: [{ lastSeenAt: { gt: cursor.at } }, { id: { gt: cursor.id } }] };
  };
  return {
    kinds: [{ kind: AGENCY_PORTAL_ITEMS, label: { vi: 'Tin từ cổng thông tin các cơ quan', en: "Items from agencies' portals" }, formats: [], pages: false }],
    async page(q) {
      const published = q.order === 'published';
      const rows = await prisma.harvestedItem.findMany({
        where: { AND: [await where(q), keyset(q)] },
        include: INCLUDE,
        orderBy: published ? [{ publishedAt: 'desc' }, { id: 'desc' }] : [{ lastSeenAt: 'asc' }, { id: 'asc' }],
        skip: q.offset,
        take: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      const codes = await codesOf(page);
      const last = page.at(-1);
      return {
        records: page.map((r) => record(r, codes)),
        next: rows.length > q.limit && last ? cursorFor(published ? last.publishedAt! : last.lastSeenAt, last.id) : null,
      };
    },
    count: async (f) => prisma.harvestedItem.count({ where: await where(f) }),
    async resolve(url) {
      const row = await prisma.harvestedItem.findFirst({ where: { url }, include: INCLUDE, orderBy: { firstSeenAt: 'asc' } });
      return row ? record(row, await codesOf([row])) : null;
    },
  };
}
