// Online public services as a harvest kind: a HarvestSource and the public page
// that identifies each service (/print/online-service/<code>, served by the gateway at
// /services/print/online-service/<code>) with Dublin Core and schema.org GovernmentService
// JSON-LD (its procedure, level, the national portal's page). No change column: the last fetch
// dates a record. A withdrawn service is a tombstone.
import type express from 'express';
import type { Logger } from 'pino';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import { datestampOf, emptyDublinCore, endOfSecond, type HarvestRecord } from '../../../schema/contract/harvest.ts';
import { keysetAfter, keysetPage, type HarvestContext, type HarvestFilter, type HarvestSource } from '../../kit/harvest.ts';
import { harvestPageHandler, sendHarvestPage, sendNotFound } from '../../kit/harvest-page.ts';
import type { SubgraphTrust } from '../../kit/signature.ts';

export const ONLINE_SERVICES = 'online-services';
export const ONLINE_SERVICE_PAGE_ROUTE = '/print/online-service/:code';
const CODE = /^[A-Za-z0-9._-]{1,80}$/;

type Row = Prisma.ServicesOnlineServiceGetPayload<object>;
const pageBase = (ctx: HarvestContext) => `${ctx.publicBaseUrl}/services/print/online-service/`;

export function onlineServiceRecord(row: Row, ctx: HarvestContext): HarvestRecord {
  const url = `${pageBase(ctx)}${encodeURIComponent(row.code)}`;
  const base = { kind: ONLINE_SERVICES, id: row.id, url, datestamp: datestampOf(row.fetchedAt), deleted: row.withdrawn, agencies: row.agencyCodes };
  if (row.withdrawn) return base;
  const level = row.level ? `Mức độ ${row.level}` : null;
  const scope = row.scope === 'FULL' ? 'Toàn trình' : row.scope === 'PARTIAL' ? 'Một phần' : null;
  return {
    ...base,
    publishedAt: row.fetchedAt.toISOString(),
    title: row.name,
    summary: [row.sectorName, level, scope].filter(Boolean).join(' · ') || null,
    dc: {
      ...emptyDublinCore(),
      title: [row.name],
      creator: row.agencyCodes,
      subject: [row.sectorName, row.fieldName].filter((s): s is string => Boolean(s)),
      description: [[`Dịch vụ công trực tuyến`, level, scope].filter(Boolean).join(', ')],
      publisher: row.agencyCodes.slice(0, 1),
      date: [datestampOf(row.fetchedAt).slice(0, 10)],
      type: ['Service', 'Dịch vụ công trực tuyến'],
      format: ['text/html'],
      identifier: [url, row.code],
      source: row.portalUrl ? [row.portalUrl] : [],
      language: ['vi'],
      relation: [`${ctx.publicBaseUrl}/services/print/procedure/${encodeURIComponent(row.procedureCode)}`],
    },
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'GovernmentService',
      '@id': url,
      url,
      name: row.name,
      identifier: row.code,
      serviceType: row.sectorName ?? undefined,
      provider: row.agencyCodes.map((code) => ({ '@type': 'GovernmentOrganization', identifier: code })),
      availableChannel: { '@type': 'ServiceChannel', serviceUrl: row.portalUrl ?? undefined, name: [level, scope].filter(Boolean).join(', ') || undefined },
      isRelatedTo: { '@type': 'GovernmentService', '@id': `${ctx.publicBaseUrl}/services/print/procedure/${encodeURIComponent(row.procedureCode)}` },
    },
  };
}

export function onlineServiceSource(prisma: PrismaClient): HarvestSource {
  const where = (f: HarvestFilter): Prisma.ServicesOnlineServiceWhereInput => ({
    ...(f.deleted ? {} : { withdrawn: false }),
    ...(f.agency ? { agencyCodes: { has: f.agency } } : {}),
    ...(f.from || f.until ? { fetchedAt: { ...(f.from ? { gte: new Date(f.from) } : {}), ...(f.until ? { lte: endOfSecond(new Date(f.until)) } : {}) } } : {}),
  });
  return {
    kinds: [
      { kind: ONLINE_SERVICES, label: { vi: 'Dịch vụ công trực tuyến', en: 'Online public services' }, formats: [], pages: true, category: 'ONLINE_SERVICES' },
    ],
    async page(q, ctx) {
      const changed = q.order === 'changed';
      const rows = await prisma.servicesOnlineService.findMany({
        where: { AND: [where(q), keysetAfter(q, 'fetchedAt') as Prisma.ServicesOnlineServiceWhereInput] },
        orderBy: changed ? [{ fetchedAt: 'asc' }, { id: 'asc' }] : [{ fetchedAt: 'desc' }, { id: 'desc' }],
        skip: q.offset,
        take: q.limit + 1,
      });
      const { rows: page, next } = keysetPage(rows, q, (r) => r.fetchedAt);
      return { records: page.map((r) => onlineServiceRecord(r, ctx)), next };
    },
    count: (f) => prisma.servicesOnlineService.count({ where: where(f) }),
    async resolve(url, ctx) {
      const prefix = pageBase(ctx);
      const code = url.startsWith(prefix) ? decodeURIComponent(url.slice(prefix.length)) : '';
      const row = CODE.test(code) ? await prisma.servicesOnlineService.findUnique({ where: { code } }) : null;
      return row ? onlineServiceRecord(row, ctx) : null;
    },
  };
}

export function onlineServicePageRoute(deps: { prisma: PrismaClient; trust: SubgraphTrust; logger: Logger; clock(): Date }) {
  return (app: express.Express) => {
    app.get(
      ONLINE_SERVICE_PAGE_ROUTE,
      harvestPageHandler({ ...deps, audience: 'services' }, async (req, res, ctx) => {
        const code = String(req.params.code);
        const row = CODE.test(code) ? await deps.prisma.servicesOnlineService.findUnique({ where: { code } }) : null;
        if (!row || row.withdrawn) return sendNotFound(res);
        sendHarvestPage(res, onlineServiceRecord(row, ctx), [
          ['Mã dịch vụ', row.code],
          ['Thủ tục', row.procedureCode],
          ['Lĩnh vực', row.sectorName],
          ['Mức độ', row.level ? String(row.level) : null],
          ['Cổng Dịch vụ công', row.portalUrl],
        ]);
      }),
    );
  };
}
