// Public pages of legal documents and gazette issues — the URLs that identify them to
// harvesters (OAI-PMH identifiers, sitemaps, feeds, Dublin Core, JSON-LD `@id`):
//   /print/document/<id>        a document: the national database's fields, validity, relations, files
//   /print/gazette-issue/<id>   an issue: its documents with summary and page
// Each page carries its Dublin Core as <meta> elements and its schema.org JSON-LD. A withdrawn
// or unknown document answers 404. Served publicly by the gateway at /legal/print/….
import escapeHtml from 'escape-html';
import type express from 'express';
import type { Logger } from 'pino';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { DublinCoreRecord } from '../../../schema/contract/harvest.ts';
import { harvestPageHandler, sendNotFound } from '../../kit/harvest-page.ts';
import type { SubgraphTrust } from '../../kit/signature.ts';
import type { HarvestContext } from '../../kit/harvest.ts';
import { DOC_INCLUDE, documentRecord, issueRecord, ISSUE_INCLUDE } from './sources.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STYLE = `body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.55;color:#111}
h1{font-size:1.5rem}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}`;

const jsonLdScript = (data: Record<string, unknown>) => `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;

function page(title: string, dc: DublinCoreRecord | undefined, jsonLd: Record<string, unknown> | undefined, rows: [string, string][], extra = ''): string {
  const meta = Object.entries(dc ?? {})
    .flatMap(([name, values]) => (values as string[]).map((v) => `<meta name="DC.${name}" content="${escapeHtml(v)}">`))
    .join('');
  const table = rows
    .filter(([, v]) => v)
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title><link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">${meta}${jsonLd ? jsonLdScript(jsonLd) : ''}<style>${STYLE}</style></head>
<body><h1>${escapeHtml(title)}</h1><table>${table}</table>${extra}</body>
</html>
`;
}

export function legalPrintRoutes(deps: { prisma: PrismaClient; trust: SubgraphTrust; logger: Logger; clock(): Date }) {
  const notFound = sendNotFound;
  const send = (res: express.Response, html: string) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
    res.type('text/html; charset=utf-8').send(html);
  };
  const handle = (render: (id: string, ctx: HarvestContext, res: express.Response) => Promise<void>) =>
    harvestPageHandler({ ...deps, audience: 'legal' }, async (req, res, ctx) => {
      const id = String(req.params.id);
      if (!UUID.test(id)) return notFound(res);
      await render(id, ctx, res);
    });
  return (app: express.Express) => {
    app.get(
      '/print/document/:id',
      handle(async (id, ctx, res) => {
        const row = await deps.prisma.legalDocument.findUnique({ where: { id }, include: DOC_INCLUDE });
        const r = row && !row.withdrawn ? documentRecord(row, ctx) : null;
        if (!r?.legal) return void notFound(res);
        const m = r.legal;
        const files = m.files.map((f) => `<li><a href="${escapeHtml(f.url)}">${escapeHtml(f.name)}</a></li>`).join('');
        send(
          res,
          page(
            r.title ?? m.title,
            r.dc,
            r.jsonLd,
            [
              ['Số ký hiệu', m.number],
              ['Loại văn bản', m.typeName],
              ['Trích yếu', m.summary],
              ['Ngày ban hành', m.issueDate ?? ''],
              ['Ngày có hiệu lực', m.effectiveDate ?? ''],
              ['Ngày hết hiệu lực', m.expiryDate ?? ''],
              ['Tình trạng hiệu lực', m.validity?.label ?? ''],
              ['Cơ quan ban hành', m.issuers.map((i) => [i.agency, i.signerTitle, i.signerName].filter(Boolean).join(' – ')).join('; ')],
              ['Phạm vi', m.scope ?? ''],
              ['Lĩnh vực', m.fields.join(', ')],
              ['Công báo', m.gazette.map((g) => `số ${g.from}${g.to ? `–${g.to}` : ''}/${g.year}`).join(', ')],
              ['Nguồn thu thập', m.source ?? ''],
            ],
            files ? `<ul>${files}</ul>` : '',
          ),
        );
      }),
    );
    app.get(
      '/print/gazette-issue/:id',
      handle(async (id, ctx, res) => {
        const row = await deps.prisma.legalGazetteIssue.findUnique({ where: { id }, include: ISSUE_INCLUDE });
        if (!row) return void notFound(res);
        const r = issueRecord(row, ctx);
        const entries = await deps.prisma.legalGazetteEntry.findMany({ where: { issueId: id }, orderBy: { position: 'asc' } });
        const list = entries.map((e) => `<li>${escapeHtml(`${e.numberRaw} (${e.typeName}, ${e.issuer}): ${e.summary} — trang ${e.page}`)}</li>`).join('');
        send(
          res,
          page(
            r.title ?? '',
            r.dc,
            r.jsonLd,
            [
              ['Ngày', row.date.toISOString().slice(0, 10)],
              ['Cơ quan xuất bản', row.publisher],
            ],
            `<ol>${list}</ol>`,
          ),
        );
      }),
    );
  };
}
