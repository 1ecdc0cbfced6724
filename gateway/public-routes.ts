// Plain GET routes of the subgraphs — print views, saved PDFs, file downloads, CSV datasets —
// served at stable public URLs through the gateway: /<subgraph>/<path>. Subgraphs stay on the
// internal network; the gateway streams their answer with a timeout and a byte cap, signs the
// call like any other, and forwards only paths on an allowlist (A33): exact, case-sensitive
// route templates per subgraph, matched on the raw path, so no letter case or percent-encoding
// reaches a subgraph's GraphQL, health or readiness endpoint. The templates come from the
// subgraphs' own definitions (`publicRoutes`), written by `npm run compose` into the committed
// schema/public-routes.json beside the supergraph; PUBLIC_ROUTES adds partners' or overrides.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Express, NextFunction, Request, Response } from 'express';
import { Agent, request } from 'undici';
import { encodeContext } from '../schema/security/signed-context.ts';
import { signGatewayRequest } from '../schema/security/gateway-signature.ts';
import type { Signer } from '../schema/security/keys.ts';
import { isTimeout } from './fetcher.ts';
import { sendError } from './http-guards.ts';
import { publicRoutesSchema } from './config.ts';

export const DEFAULT_PUBLIC_ROUTES_PATH = path.resolve(import.meta.dirname, '../schema/public-routes.json');

/** Route templates each subgraph serves publicly, as its definition declares them: literal
 * segments match exactly (raw, case included); `:name` segments match one safe segment. A
 * missing or invalid manifest stops the boot (a deploy without it would serve no document). */
export function readPublicRoutes(file = DEFAULT_PUBLIC_ROUTES_PATH): Record<string, string[]> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`Public routes: cannot read ${file} (run npm run compose): ${(err as Error).message}`, { cause: err });
  }
  const parsed = publicRoutesSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Public routes: ${file} is not a JSON object of subgraph name → ["/route/:param", …]`);
  return parsed.data;
}

export interface PublicRoutesOptions {
  subgraphUrls: Record<string, string>;
  /** The hub's public origin, signed into the context: documents name their own public URL. */
  publicBaseUrl?(): string | undefined;
  /** Added to (or replacing a subgraph's entry of) the committed manifest. */
  routes?: Record<string, string[]>;
  /** The committed manifest (default schema/public-routes.json). */
  manifestPath?: string;
  /** The key each call is signed with, by subgraph (config.ts `signer`). */
  signer: Signer;
  maxBytes: number;
  timeoutMs: number;
  rateLimit: (req: Request, res: Response, next: NextFunction) => void;
}

const PASS_HEADERS = ['content-type', 'content-length', 'content-disposition', 'cache-control', 'etag', 'last-modified', 'content-language'];
/** The owning subgraph's document headers win over helmet's page defaults (finding 10). */
const SECURITY_HEADERS = ['content-security-policy', 'x-content-type-options', 'cross-origin-resource-policy', 'referrer-policy'];
/** For a document whose subgraph sets no CSP: nothing may run or load in it. */
const DOCUMENT_CSP = "default-src 'none'; sandbox";
/** A parameter segment, decoded (a Vietnamese file name, say): no separator, no control or
 * format character; it is encoded again on the way to the subgraph. */
const SAFE_SEGMENT = /^[^/\\\p{Cc}\p{Cf}]{1,200}$/u;

/** The raw segments after /<subgraph>/ if they fit one of the templates, else undefined. */
export function matchPublicRoute(templates: readonly string[], raw: readonly string[]): string[] | undefined {
  const decoded = raw.map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return undefined;
    }
  });
  const fits = (template: string) => {
    const parts = template.split('/').slice(1);
    return (
      parts.length === raw.length &&
      parts.every((part, i) => {
        const value = decoded[i];
        if (!part.startsWith(':')) return raw[i] === part;
        return value !== undefined && value !== '.' && value !== '..' && SAFE_SEGMENT.test(value);
      })
    );
  };
  return templates.some(fits) ? (decoded as string[]) : undefined;
}

/** Mounts the routes; `close()` releases their upstream connections when the gateway stops. */
export function mountPublicRoutes(app: Express, opts: PublicRoutesOptions): { close(): Promise<void> } {
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: 16 });
  const routes = { ...readPublicRoutes(opts.manifestPath), ...opts.routes };
  app.get('/:subgraph/*path', opts.rateLimit, async (req: Request, res: Response, next: NextFunction) => {
    // Express decodes params and routes case-insensitively: match on the raw path instead.
    const [, subgraph = '', ...raw] = req.path.split('/');
    const target = Object.hasOwn(opts.subgraphUrls, subgraph) ? opts.subgraphUrls[subgraph] : undefined;
    if (!target) return next();
    const segments = matchPublicRoute(Object.hasOwn(routes, subgraph) ? routes[subgraph]! : [], raw);
    if (!segments) return sendError(res, 404, 'NOT_FOUND', 'No such document.');
    const base = target.replace(/\/graphql$/, '');
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const url = `${base}/${segments.map(encodeURIComponent).join('/')}${query.length <= 500 ? query : ''}`;
    const context = encodeContext({ requestId: String(res.locals.requestId), actor: { roles: [] }, publicBaseUrl: opts.publicBaseUrl?.() || undefined });
    const headers = signGatewayRequest(opts.signer(subgraph), { method: 'GET', url, audience: subgraph, context, body: '' });
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
        // A subgraph's 400 (a malformed period or filter in the query) stays the caller's error.
        if (upstream.statusCode === 400) return sendError(res, 400, 'BAD_USER_INPUT', 'The document’s parameters are not valid.');
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
      for (const h of [...PASS_HEADERS, ...SECURITY_HEADERS]) {
        const v = upstream.headers[h];
        if (typeof v === 'string') res.setHeader(h, v);
      }
      if (typeof upstream.headers['content-security-policy'] !== 'string') res.setHeader('content-security-policy', DOCUMENT_CSP);
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
