// The public page of a harvested item, for subgraphs that have no page of their own: the
// record's title, a table of facts, its Dublin Core as <meta> elements and its JSON-LD as a
// data block. Everything escaped; a CSP that allows no script to run.
import escapeHtml from 'escape-html';
import type express from 'express';
import type { Logger } from 'pino';
import type { HarvestRecord } from '../../schema/contract/harvest.ts';
import type { HarvestContext } from './harvest.ts';
import { signedPublicBase } from './public-base.ts';
import type { SubgraphTrust } from './signature.ts';

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

export interface HarvestPageDeps {
  /** The subgraph whose public base URL the gateway signed (signedPublicBase's audience). */
  audience: string;
  trust: SubgraphTrust | undefined;
  logger: Logger;
  clock(): Date;
}

/** 404 for a page that does not exist or is not public, the same text on every subgraph. */
export function sendNotFound(res: express.Response): void {
  res.status(404).type('text/plain; charset=utf-8').send('Không tìm thấy. Not found.');
}

/**
 * An Express handler for a public page: the harvest context from the gateway's signed public
 * base URL, then `render`; a failure is logged and answers a plain 500, never a stack.
 */
export function harvestPageHandler(
  deps: HarvestPageDeps,
  render: (req: express.Request, res: express.Response, ctx: HarvestContext) => Promise<void>,
): express.RequestHandler {
  return (req, res) => {
    signedPublicBase(req, deps.audience, deps.trust)
      .then((base) => render(req, res, { publicBaseUrl: base ?? '', now: deps.clock() }))
      .catch((err: unknown) => {
        deps.logger.error({ err, path: req.path }, `${deps.audience} page failed`);
        if (!res.headersSent) res.status(500).type('text/plain').send('Internal server error');
      });
  };
}
