// Administrative procedures as a harvest kind: one HarvestSource — the pattern every
// new public kind follows — and the public page that identifies each procedure
// (/print/procedure/<code>, served by the gateway at /services/print/procedure/<code>) with its
// Dublin Core <meta> elements and schema.org GovernmentService JSON-LD. A withdrawn procedure
// is a tombstone.
import type express from 'express';
import type { Logger } from 'pino';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import { datestampOf, emptyDublinCore, endOfSecond, type HarvestRecord } from '../../../schema/contract/harvest.ts';
import { keysetAfter, keysetPage, type HarvestContext, type HarvestFilter, type HarvestSource } from '../../kit/harvest.ts';
import { harvestPageHandler, sendHarvestPage, sendNotFound } from '../../kit/harvest-page.ts';
import type { SubgraphTrust } from '../../kit/signature.ts';

export const PROCEDURES = 'procedures';
export const PROCEDURE_PAGE_ROUTE = '/print/procedure/:code';
const CODE = /^[A-Za-z0-9.]{1,60}$/;

type Row = Prisma.ServicesProcedureGetPayload<object>;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const pageBase = (ctx: HarvestContext) => `${ctx.publicBaseUrl}/services/print/procedure/`;

export function procedureRecord(row: Row, ctx: HarvestContext): HarvestRecord {
  const url = `${pageBase(ctx)}${encodeURIComponent(row.code)}`;
  const base = { kind: PROCEDURES, id: row.id, url, datestamp: datestampOf(row.updatedAt), deleted: row.withdrawn, agencies: row.agencyCodes };
  if (row.withdrawn) return base;
  const providers = row.agencyCodes.map((code) => ({ '@type': 'GovernmentOrganization', identifier: code }));
  return {
    ...base,
    publishedAt: row.firstPublishedAt.toISOString(),
    title: row.name,
    summary: row.sectorName,
    authors: row.announcedBy ? [row.announcedBy] : [],
    dc: {
      ...emptyDublinCore(),
      title: [row.name],
      creator: row.announcedBy ? [row.announcedBy] : row.agencyCodes,
      subject: row.sectorName ? [row.sectorName] : [],
      description: [row.sectorName ? `Thủ tục hành chính lĩnh vực ${row.sectorName}` : 'Thủ tục hành chính'],
      publisher: row.announcedBy ? [row.announcedBy] : row.agencyCodes.slice(0, 1),
      date: [day(row.effectiveDate) ?? day(row.firstPublishedAt)!],
      type: ['Service', 'Thủ tục hành chính'],
      format: ['text/html'],
      identifier: [url, row.code, ...(row.localCode ? [row.localCode] : [])],
      source: row.sourceUrl ? [row.sourceUrl] : [],
      language: row.nameEn ? ['vi', 'en'] : ['vi'],
    },
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'GovernmentService',
      '@id': url,
      url,
      name: row.name,
      alternateName: row.nameEn ?? undefined,
      identifier: row.code,
      serviceType: row.sectorName ?? undefined,
      provider: providers.length ? providers : undefined,
      serviceOperator: providers.length ? providers : undefined,
      areaServed: { '@type': 'AdministrativeArea', name: 'Việt Nam' },
      termsOfService: row.sourceUrl ?? undefined,
    },
  };
}

export function procedureSource(prisma: PrismaClient): HarvestSource {
  const where = (f: HarvestFilter): Prisma.ServicesProcedureWhereInput => ({
    ...(f.deleted ? {} : { withdrawn: false }),
    ...(f.agency ? { agencyCodes: { has: f.agency } } : {}),
    ...(f.from || f.until ? { updatedAt: { ...(f.from ? { gte: new Date(f.from) } : {}), ...(f.until ? { lte: endOfSecond(new Date(f.until)) } : {}) } } : {}),
  });
  return {
    kinds: [{ kind: PROCEDURES, label: { vi: 'Thủ tục hành chính', en: 'Administrative procedures' }, formats: [], pages: true, category: 'PROCEDURES' }],
    async page(q, ctx) {
      const changed = q.order === 'changed';
      const rows = await prisma.servicesProcedure.findMany({
        where: { AND: [where(q), keysetAfter(q, changed ? 'updatedAt' : 'firstPublishedAt') as Prisma.ServicesProcedureWhereInput] },
        orderBy: changed ? [{ updatedAt: 'asc' }, { id: 'asc' }] : [{ firstPublishedAt: 'desc' }, { id: 'desc' }],
        skip: q.offset,
        take: q.limit + 1,
      });
      const { rows: page, next } = keysetPage(rows, q, (r) => (changed ? r.updatedAt : r.firstPublishedAt));
      return { records: page.map((r) => procedureRecord(r, ctx)), next };
    },
    count: (f) => prisma.servicesProcedure.count({ where: where(f) }),
    async resolve(url, ctx) {
      const prefix = pageBase(ctx);
      const code = url.startsWith(prefix) ? decodeURIComponent(url.slice(prefix.length)) : '';
      const row = CODE.test(code) ? await prisma.servicesProcedure.findUnique({ where: { code } }) : null;
      return row ? procedureRecord(row, ctx) : null;
    },
  };
}

/** The procedure's public page: its name, code, sector and agencies, with Dublin Core and JSON-LD. */
export function procedurePageRoute(deps: { prisma: PrismaClient; trust: SubgraphTrust; logger: Logger; clock(): Date }) {
  return (app: express.Express) => {
    app.get(
      PROCEDURE_PAGE_ROUTE,
      harvestPageHandler({ ...deps, audience: 'services' }, async (req, res, ctx) => {
        const code = String(req.params.code);
        const row = CODE.test(code) ? await deps.prisma.servicesProcedure.findUnique({ where: { code } }) : null;
        if (!row || row.withdrawn) return sendNotFound(res);
        sendHarvestPage(res, procedureRecord(row, ctx), [
          ['Mã thủ tục', row.code],
          ['Mã địa phương', row.localCode],
          ['Lĩnh vực', row.sectorName],
          ['Cơ quan thực hiện', row.agencyCodes.join(', ')],
          ['Ngày hiệu lực', day(row.effectiveDate)],
        ]);
      }),
    );
  };
}
