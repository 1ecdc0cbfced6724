// Plain GET routes of the subgraphs — print views, saved PDFs, file downloads, CSV datasets —
// served at stable public URLs through the gateway: /<subgraph>/<path>. Subgraphs stay on the
// internal network; the gateway streams their answer with a timeout and a byte cap, signs the
// call like any other, and never exposes a subgraph's GraphQL or health endpoints this way.
import type { Express, NextFunction, Request, Response } from 'express';
import { Agent, request } from 'undici';
import { signRequest } from '../schema/security/signed-context.ts';
import { isTimeout } from './fetcher.ts';
import { sendError } from './http-guards.ts';

export interface PublicRoutesOptions {
  subgraphUrls: Record<string, string>;
  secret: string;
  maxBytes: number;
  timeoutMs: number;
  rateLimit: (req: Request, res: Response, next: NextFunction) => void;
}

const INTERNAL_PATHS = new Set(['graphql', 'health', 'ready']);
const PASS_HEADERS = ['content-type', 'content-length', 'content-disposition', 'cache-control', 'etag', 'last-modified', 'content-language'];
const SAFE_SEGMENT = /^[\p{L}\p{N}._~%+-]{1,200}$/u;

/** Mounts the routes; `close()` releases their upstream connections when the gateway stops. */
export function mountPublicRoutes(app: Express, opts: PublicRoutesOptions): { close(): Promise<void> } {
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: 16 });
  app.get('/:subgraph/*path', opts.rateLimit, async (req: Request, res: Response, next: NextFunction) => {
    const subgraph = String(req.params.subgraph);
    const target = opts.subgraphUrls[subgraph];
    const segments = ([] as string[]).concat((req.params as Record<string, string | string[]>).path ?? []);
    if (!target) return next();
    if (!segments.length || INTERNAL_PATHS.has(segments[0]!) || !segments.every((s) => SAFE_SEGMENT.test(s) && s !== '..' && s !== '.')) {
      return sendError(res, 404, 'NOT_FOUND', 'No such document.');
    }
    const base = target.replace(/\/graphql$/, '');
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const url = `${base}/${segments.map(encodeURIComponent).join('/')}${query.length <= 500 ? query : ''}`;
    const headers = signRequest(opts.secret, { requestId: String(res.locals.requestId), actor: { roles: [] } }, '');
    try {
      const upstream = await request(url, {
        method: 'GET',
        headers,
        dispatcher: agent,
        signal: AbortSignal.timeout(opts.timeoutMs),
        headersTimeout: opts.timeoutMs,
        bodyTimeout: opts.timeoutMs,
      });
      if (upstream.statusCode >= 400) {
        await upstream.body.dump();
        const status = upstream.statusCode === 404 ? 404 : 502;
        return sendError(
          res,
          status,
          status === 404 ? 'NOT_FOUND' : 'SUBGRAPH_UNAVAILABLE',
          status === 404 ? 'No such document.' : 'The document could not be served.',
        );
      }
      const declared = Number(upstream.headers['content-length'] ?? 0);
      if (declared > opts.maxBytes) {
        upstream.body.destroy();
        return sendError(res, 502, 'SUBGRAPH_UNAVAILABLE', 'The document could not be served.');
      }
      res.status(upstream.statusCode);
      for (const h of PASS_HEADERS) {
        const v = upstream.headers[h];
        if (typeof v === 'string') res.setHeader(h, v);
      }
      let sent = 0;
      for await (const chunk of upstream.body) {
        sent += (chunk as Buffer).length;
        if (sent > opts.maxBytes) {
          upstream.body.destroy();
          res.destroy();
          return;
        }
        if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
      }
      res.end();
    } catch (err) {
      if (res.headersSent) return res.destroy();
      const timeout = isTimeout(err);
      sendError(res, timeout ? 504 : 502, timeout ? 'SUBGRAPH_TIMEOUT' : 'SUBGRAPH_UNAVAILABLE', 'The document could not be served.');
    }
  });
  return { close: () => agent.close() };
}
