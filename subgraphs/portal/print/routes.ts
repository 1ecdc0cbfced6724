// Plain GET routes of the portal subgraph (public, unsigned, published items only), at stable
// URLs the graph exposes as fields:
//   /print/<kind>/<slug>[?lang=en]   print-friendly HTML (R-4.17a)
//   /save/<kind>/<slug>.pdf[?lang=en] saved copy as PDF (R-4.17a)
//   /files/<fileId>/<name>            a file of a published item
//   /data/statistics/<slug>.csv       a statistics dataset as CSV
// Unpublished and unknown items both answer 404, so nothing leaks.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type express from 'express';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import { ANONYMOUS } from '../../../schema/security/signed-context.ts';
import { Locale } from '../../kit/scalars.ts';
import { isUuid } from '../../kit/batch.ts';
import { resolveText } from '../content/content.resolver.ts';
import { dublinCore, vietnamDate } from '../content/dublin-core.ts';
import { ContentKind, kindBySegment } from '../content/kinds.ts';
import { toNode } from '../content/nodes.ts';
import { createPortalContext, internalContext, type PortalContext, type PortalRuntime } from '../context.ts';
import { signedPublicBase } from '../../kit/public-base.ts';
import type { SubgraphTrust } from '../../kit/signature.ts';
import { contentJsonLd } from '../harvest/content.metadata.ts';
import { detailTable } from './details.ts';
import { renderPrintHtml, type PrintModel } from './render-html.ts';
import { renderPdf } from './render-pdf.ts';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function notFound(res: express.Response) {
  res.status(404).type('text/plain; charset=utf-8').send('Không tìm thấy. Not found.');
}

const publicContext = (prisma: PrismaClient, runtime: PortalRuntime, publicBaseUrl: string | undefined): PortalContext =>
  publicBaseUrl
    ? createPortalContext({ prisma, actor: ANONYMOUS, requestId: 'print', clock: runtime.now, publicBaseUrl }, runtime)
    : internalContext(prisma, runtime, ANONYMOUS, 'print');

async function printModel(ctx: PortalContext, segment: string, slug: string, lang: unknown): Promise<PrintModel | null> {
  const kind = kindBySegment(segment);
  if (!kind || !SLUG.test(slug)) return null;
  const row = await ctx.prisma.contentItem.findFirst({ where: { kind, slug, state: 'PUBLISHED' } });
  if (!row) return null;
  const item = await toNode(ctx, row);
  const agency = row.agencyId ? await ctx.loaders.agency.load(row.agencyId) : null;
  const text = resolveText(item, lang === 'en' ? Locale.EN : Locale.VI);
  const agencyName = agency ? (text.servedLocale === 'en' && agency.nameEn ? agency.nameEn : agency.nameVi) : null;
  const url = `${ctx.linkBase()}/print/${segment}/${slug}`;
  const dc = dublinCore(item, { agencyName: agency?.nameVi ?? null, publishedAt: row.publishedAt, url });
  const jsonLd = contentJsonLd(row, { url, linkBase: ctx.linkBase(), agency: agency ? { code: agency.code, nameVi: agency.nameVi } : null });
  const children = {
    entries: kind === ContentKind.WORK_SCHEDULE || kind === ContentKind.RECEPTION_SCHEDULE ? await ctx.loaders.scheduleEntries.load(row.id) : undefined,
    values: kind === ContentKind.STATISTICS_DATASET ? await ctx.loaders.statisticValues.load(row.id) : undefined,
  };
  const table = detailTable(item, text.servedLocale === 'en', children);
  return { item, text, dc, jsonLd, agencyName, publishedOn: row.publishedAt ? vietnamDate(row.publishedAt) : null, table };
}

const safeHeaders = (res: express.Response) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'public, max-age=300');
};

export function portalRoutes(prisma: PrismaClient, runtime: PortalRuntime, trust?: SubgraphTrust) {
  const wrap = (handler: (req: express.Request, res: express.Response) => Promise<void>) => (req: express.Request, res: express.Response) => {
    handler(req, res).catch((err: unknown) => {
      runtime.logger.error({ err, path: req.path }, 'route failed');
      if (!res.headersSent) res.status(500).type('text/plain').send('Internal server error');
    });
  };
  return (app: express.Express) => {
    app.get(
      '/print/:segment/:slug',
      wrap(async (req, res) => {
        const base = await signedPublicBase(req, 'portal', trust);
        const model = await printModel(publicContext(prisma, runtime, base), String(req.params.segment), String(req.params.slug), req.query.lang);
        if (!model) return notFound(res);
        safeHeaders(res);
        res.setHeader('Content-Security-Policy', "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
        res.setHeader('Content-Language', model.text.servedLocale);
        res.type('text/html; charset=utf-8').send(renderPrintHtml(model));
      }),
    );
    app.get(
      '/save/:segment/:file',
      wrap(async (req, res) => {
        const m = /^(.+)\.pdf$/.exec(String(req.params.file));
        const base = await signedPublicBase(req, 'portal', trust);
        const model = m ? await printModel(publicContext(prisma, runtime, base), String(req.params.segment), m[1]!, req.query.lang) : null;
        if (!model) return notFound(res);
        const pdf = await renderPdf(model);
        safeHeaders(res);
        res.setHeader('Content-Language', model.text.servedLocale);
        res.setHeader('Content-Disposition', `attachment; filename="${model.item.slug}.pdf"`);
        res.type('application/pdf').send(pdf);
      }),
    );
    app.get(
      '/files/:id/:name',
      wrap(async (req, res) => {
        const id = String(req.params.id);
        if (!isUuid(id)) return notFound(res);
        const file = await prisma.contentFile.findFirst({ where: { id, item: { state: 'PUBLISHED' } }, include: { stored: true } });
        if (!file) return notFound(res);
        safeHeaders(res);
        res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
        res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
        res.setHeader('Content-Length', String(file.stored.byteSize));
        res.type(file.stored.mediaType);
        createReadStream(path.join(runtime.filesDir, file.stored.storageKey))
          .on('error', () => (res.headersSent ? res.destroy() : notFound(res)))
          .pipe(res);
      }),
    );
    app.get(
      '/data/statistics/:file',
      wrap(async (req, res) => {
        const m = /^([a-z0-9-]{1,160})\.csv$/.exec(String(req.params.file));
        const row = m
          ? await prisma.contentItem.findFirst({
              where: { kind: ContentKind.STATISTICS_DATASET, slug: m[1]!, state: 'PUBLISHED' },
              select: { id: true, slug: true },
            })
          : null;
        if (!row) return notFound(res);
        const values = await prisma.statisticValue.findMany({ where: { datasetId: row.id }, orderBy: { sortOrder: 'asc' } });
        const csv = stringify(
          values.map((v) => [v.indicatorVi, v.indicatorEn ?? '', v.area ?? '', v.unitCode ?? '', v.period, v.value.toFixed(), v.unit]),
          { header: true, columns: ['indicator_vi', 'indicator_en', 'area', 'unit_code', 'period', 'value', 'unit'] },
        );
        safeHeaders(res);
        res.setHeader('Content-Disposition', `attachment; filename="${row.slug}.csv"`);
        // The BOM lets spreadsheet programs read the Vietnamese as UTF-8.
        res.type('text/csv; charset=utf-8').send(`\uFEFF${csv}`);
      }),
    );
  };
}
