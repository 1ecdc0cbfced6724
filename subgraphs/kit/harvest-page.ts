// The public page of a harvested item, for subgraphs that have no page of their own: the
// record's title, a table of facts, its Dublin Core as <meta> elements and its JSON-LD as a
// data block. Everything escaped; a CSP that allows no script to run.
import escapeHtml from 'escape-html';
import type express from 'express';
import type { HarvestRecord } from '../../schema/contract/harvest.ts';

export function sendHarvestPage(res: express.Response, record: HarvestRecord, facts: [string, string | null | undefined][], body = ''): void {
  const meta = Object.entries(record.dc ?? {})
    .flatMap(([name, values]) => (values as string[]).map((v) => `<meta name="DC.${name}" content="${escapeHtml(v)}">`))
    .join('');
  const ld = record.jsonLd ? `<script type="application/ld+json">${JSON.stringify(record.jsonLd).replace(/</g, '\\u003c')}</script>` : '';
  const rows = facts
    .filter((f): f is [string, string] => Boolean(f[1]))
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('');
  const title = escapeHtml(record.title ?? record.url);
  res.setHeader('Cache-Control', 'public, max-age=300');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
  res
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html>\n<html lang="vi">\n<head><meta charset="utf-8"><title>${title}</title><link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">${meta}${ld}</head>\n<body><h1>${title}</h1><table>${rows}</table>${body}</body>\n</html>\n`,
    );
}
