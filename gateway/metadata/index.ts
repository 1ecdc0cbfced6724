// The harvest surfaces the gateway serves at stable public URLs: OAI-PMH at /oai (and
// the `vbpl` schema at /oai/vbpl.xsd), sitemaps at /sitemap.xml and /sitemaps/<kind>-<n>.xml,
// RSS 2.0 and Atom feeds at /feeds/…. They are clients of the subgraphs' signed /harvest routes
// (client.ts): the gateway reads no table.
import { readFileSync } from 'node:fs';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Signer } from '../../schema/security/keys.ts';
import { createHarvestClient } from './client.ts';
import { createFeeds } from './feeds.ts';
import { createOaiHandler } from './oai.ts';
import { createSitemaps } from './sitemaps.ts';
import { createTokenCodec } from './token.ts';

const VBPL_XSD = readFileSync(new URL('./vbpl.xsd', import.meta.url), 'utf8');

export interface HarvestSurfaceOptions {
  subgraphUrls: Record<string, string>;
  /** The key each call is signed with, by subgraph (config.ts `signer`). */
  signer: Signer;
  publicBaseUrl(): string;
  rateLimit: (req: Request, res: Response, next: NextFunction) => void;
  logger: Logger;
  harvest: {
    repositoryName: string;
    adminEmails: string[];
    oaiPageSize: number;
    tokenTtlS: number;
    tokenSecret: Buffer;
    timeoutMs: number;
    maxBytes: number;
  };
  now?(): Date;
  /** URLs per sitemap shard (tests; at most and by default 50,000). */
  sitemapShardSize?: number;
}

export function mountHarvestSurfaces(app: Express, opts: HarvestSurfaceOptions): { close(): Promise<void> } {
  const now = opts.now ?? (() => new Date());
  const client = createHarvestClient({
    subgraphUrls: opts.subgraphUrls,
    signer: opts.signer,
    timeoutMs: opts.harvest.timeoutMs,
    maxBytes: opts.harvest.maxBytes,
    publicBaseUrl: opts.publicBaseUrl,
    now: () => now().getTime(),
  });
  const oai = createOaiHandler({
    client,
    codec: createTokenCodec(opts.harvest.tokenSecret),
    repositoryName: opts.harvest.repositoryName,
    adminEmails: opts.harvest.adminEmails,
    publicBaseUrl: opts.publicBaseUrl,
    pageSize: opts.harvest.oaiPageSize,
    tokenTtlS: opts.harvest.tokenTtlS,
    now,
  });
  const guarded = (handler: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response) => {
    handler(req, res).catch((err: unknown) => {
      opts.logger.error({ err, path: req.path }, 'harvest surface failed');
      if (!res.headersSent)
        res.status(503).setHeader('Retry-After', '60').type('text/plain; charset=utf-8').send('Service temporarily unavailable: retry later.');
      else res.destroy();
    });
  };
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20, type: 'application/x-www-form-urlencoded' });
  app.get('/oai', opts.rateLimit, guarded(oai));
  app.post('/oai', opts.rateLimit, form, guarded(oai));
  app.get('/oai/vbpl.xsd', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('application/xml; charset=utf-8').send(VBPL_XSD);
  });
  const sitemaps = createSitemaps({ client, publicBaseUrl: opts.publicBaseUrl, shardSize: opts.sitemapShardSize });
  app.get('/sitemap.xml', opts.rateLimit, guarded(sitemaps.index));
  app.get('/sitemaps/:file', opts.rateLimit, guarded(sitemaps.shard));
  const feeds = createFeeds({ client, publicBaseUrl: opts.publicBaseUrl, repositoryName: opts.harvest.repositoryName });
  app.get('/feeds/category/:file', opts.rateLimit, guarded(feeds.byCategory));
  app.get('/feeds/agency/:file', opts.rateLimit, guarded(feeds.byAgency));
  app.get('/feeds/:file', opts.rateLimit, guarded(feeds.byKind));
  return { close: () => client.close() };
}
