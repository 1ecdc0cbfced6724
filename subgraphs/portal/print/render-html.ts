// Print-friendly HTML of a published item (R-4.17a): everything escaped, the body re-sanitised
// by the same allowlist, no scripts (the route also sends a CSP that forbids them), Dublin
// Core as <meta> elements (R-4.16).
import sanitizeHtml from 'sanitize-html';
import { richText } from '../content/clean.ts';
import type { ContentItem, ContentText, DublinCore } from '../content/types.ts';
import { detailRows, type PrintTable } from './details.ts';

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Bodies typed as plain text become paragraphs; HTML bodies are re-sanitised. */
export function bodyHtml(body: string): string {
  if (!/<[a-z][\s\S]*>/i.test(body)) {
    return body
      .split(/\n{2,}/)
      .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
      .join('\n');
  }
  return richText(body, 'body', true);
}

/** Text of a body for the PDF: tags dropped, paragraphs kept. */
export function bodyText(body: string): string {
  const withBreaks = body.replace(/<\/(p|h\d|li|blockquote|tr)>/gi, '\n\n').replace(/<br\s*\/?>/gi, '\n');
  return sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export interface PrintModel {
  item: ContentItem;
  text: ContentText;
  dc: DublinCore;
  /** schema.org JSON-LD, embedded as a data block. */
  jsonLd?: Record<string, unknown>;
  agencyName: string | null;
  publishedOn: string | null;
  table: PrintTable | null;
}

function tableHtml(t: PrintTable | null): string {
  if (!t) return '';
  const head = t.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = t.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table class="list"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const STYLE = `body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.55;color:#111}
header{border-bottom:2px solid #a00;margin-bottom:1rem;font-size:.9rem}h1{font-size:1.6rem;margin:.5rem 0}.meta{color:#555;font-size:.9rem}
.summary{font-weight:bold}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}
footer{border-top:1px solid #999;margin-top:2rem;font-size:.8rem;color:#555}@media print{body{margin:0;max-width:none}a{color:#000}}`;

/** A JSON-LD data block: `<` escaped so no text in it can close the element. */
export const jsonLdScript = (data: Record<string, unknown>) => `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;

export function renderPrintHtml({ item, text, dc, jsonLd, agencyName, publishedOn, table }: PrintModel): string {
  const en = text.servedLocale === 'en';
  const meta = (name: string, value: string | null | undefined) => (value ? `<meta name="DC.${name}" content="${escapeHtml(value)}">` : '');
  const dcMeta = [
    meta('title', dc.title),
    meta('creator', dc.creator),
    meta('date', dc.date),
    meta('description', dc.description),
    meta('publisher', dc.publisher),
    meta('identifier', dc.identifier),
    meta('language', text.servedLocale),
    meta('type', dc.type),
    meta('format', dc.format),
    meta('source', dc.source),
    meta('contributor', dc.contributor),
    ...dc.subject.map((v) => meta('subject', v)),
    meta('coverage', dc.coverage),
    meta('relation', dc.relation),
    meta('rights', dc.rights),
  ].join('');
  const rows = detailRows(item, en)
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('');
  const source = item.source ? [item.source.name, item.source.author].filter(Boolean).join(' – ') : null;
  return `<!doctype html>
<html lang="${text.servedLocale}">
<head><meta charset="utf-8"><title>${escapeHtml(text.title)}</title><link rel="schema.DC" href="http://purl.org/dc/elements/1.1/"><link rel="canonical" href="${escapeHtml(dc.identifier ?? '')}">${dcMeta}${jsonLd ? jsonLdScript(jsonLd) : ''}<style>${STYLE}</style></head>
<body>
<header>${escapeHtml(agencyName ?? (en ? 'Provincial portal' : 'Cổng Thông tin điện tử tỉnh'))}</header>
<article>
<h1>${escapeHtml(text.title)}</h1>
<p class="meta">${[publishedOn, item.authorName]
    .filter(Boolean)
    .map((s) => escapeHtml(s!))
    .join(' · ')}</p>
${text.summary ? `<p class="summary">${escapeHtml(text.summary)}</p>` : ''}
<div class="body">${bodyHtml(text.body)}</div>
${rows ? `<table>${rows}</table>` : ''}
${tableHtml(table)}
</article>
<footer>${source ? `${en ? 'Source' : 'Nguồn'}: ${escapeHtml(source)}<br>` : ''}${escapeHtml(dc.identifier ?? '')}</footer>
</body>
</html>
`;
}
