// The saved copy of a published item as PDF (R-4.17a). DejaVu Sans covers every Vietnamese
// letter with its tone marks; the font is embedded (subset), so the text renders and can be
// searched and copied on any reader.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type PDFKitDocument from 'pdfkit';
import { bodyText, type PrintModel } from './render-html.ts';
import { detailRows } from './details.ts';

const require = createRequire(import.meta.url);
// pdfkit is loaded on the first PDF, not at boot (~0.3 s of every start; BENCHMARKS.md).
let pdfkit: typeof PDFKitDocument | undefined;
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
// Read once, on the first PDF, not from disk on every request.
let fonts: { regular: Buffer; bold: Buffer } | undefined;
const loadFonts = () =>
  (fonts ??= { regular: readFileSync(path.join(FONT_DIR, 'DejaVuSans.ttf')), bold: readFileSync(path.join(FONT_DIR, 'DejaVuSans-Bold.ttf')) });

export function renderPdf({ item, text, dc, agencyName, publishedOn, table }: PrintModel): Promise<Buffer> {
  const en = text.servedLocale === 'en';
  const PDFDocument = (pdfkit ??= require('pdfkit') as typeof PDFKitDocument);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    // pdfkit stringifies every info key: leave unknown ones out rather than undefined.
    info: {
      Title: text.title,
      Producer: 'Cổng hub',
      Creator: 'Cổng hub',
      ...(dc.creator ? { Author: dc.creator } : {}),
      ...(dc.description ? { Subject: dc.description } : {}),
    },
    lang: text.servedLocale,
  } as PDFKit.PDFDocumentOptions);
  const { regular, bold } = loadFonts();
  doc.registerFont('body', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc
    .font('body')
    .fontSize(9)
    .fillColor('#555')
    .text(agencyName ?? (en ? 'Provincial portal' : 'Cổng Thông tin điện tử tỉnh'));
  doc.moveDown(0.5).font('bold').fontSize(16).fillColor('#000').text(text.title);
  const meta = [publishedOn, item.authorName].filter(Boolean).join(' · ');
  if (meta) doc.moveDown(0.3).font('body').fontSize(9).fillColor('#555').text(meta);
  if (text.summary) doc.moveDown(0.6).font('bold').fontSize(11).fillColor('#000').text(text.summary);
  const body = bodyText(text.body);
  if (body) doc.moveDown(0.6).font('body').fontSize(11).fillColor('#000').text(body, { align: 'justify', paragraphGap: 4 });
  const rows = detailRows(item, en);
  if (rows.length) {
    doc.moveDown(0.8);
    for (const [label, value] of rows) doc.font('bold').fontSize(10).text(`${label}: `, { continued: true }).font('body').text(value);
  }
  if (table) {
    doc.moveDown(0.8);
    for (const row of table.rows) {
      doc
        .font('bold')
        .fontSize(10)
        .text(row[0]!, { continued: row.length > 1 });
      if (row.length > 1) doc.font('body').text(`  ${row.slice(1).filter(Boolean).join(' · ')}`);
    }
  }
  const source = item.source ? [item.source.name, item.source.author].filter(Boolean).join(' – ') : null;
  doc.moveDown(1).font('body').fontSize(8).fillColor('#555');
  if (source) doc.text(`${en ? 'Source' : 'Nguồn'}: ${source}`);
  doc.text(dc.identifier ?? '');
  doc.end();
  return done;
}
