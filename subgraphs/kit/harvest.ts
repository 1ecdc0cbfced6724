// A subgraph's harvest sources (schema/contract/harvest.ts), served to the gateway's harvest
// surfaces over signed GET routes beside /graphql — never public themselves:
//   GET /harvest                       the kinds and extra sets this subgraph serves
//   GET /harvest/records?kind=…        one keyset page of records (tombstones on request)
//   GET /harvest/count?kind=…          how many records a filter matches (completeListSize)
//   GET /harvest/record?url=…          the record whose public URL this is, if ours (GetRecord)
// A new public kind is one HarvestSource in its subgraph's definition (`harvest`).
import type express from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  cursorFor,
  MAX_HARVEST_PAGE,
  parseCursor,
  type HarvestCatalogue,
  type HarvestKind,
  type HarvestPage,
  type HarvestQuery,
  type HarvestRecord,
  type HarvestSet,
} from '../../schema/contract/harvest.ts';
import type { SignedContext } from '../../schema/security/signed-context.ts';
import { requireGatewaySignature, requireSignedBody, type SubgraphTrust } from './signature.ts';

/**
 * Keyset paging of a harvest source: rows after `q.after` on `field`, then `id` — ascending in
 * 'changed' order, descending in 'published' order (the order the source sorts by). The bound
 * alone lets PostgreSQL start the index scan at the cursor; the OR breaks ties. Cast the result
 * to the model's WhereInput.
 */
export function keysetAfter(q: HarvestQuery, field: string): Record<string, unknown> {
  const cursor = q.after ? parseCursor(q.after) : null;
  if (!cursor) return {};
  const [op, bound] = q.order === 'changed' ? ['gt', 'gte'] : ['lt', 'lte'];
  return { [field]: { [bound]: cursor.at }, OR: [{ [field]: { [op]: cursor.at } }, { id: { [op]: cursor.id } }] };
}

/** A page read with `take: q.limit + 1`: its rows, and the next page's cursor (null at the end). */
export function keysetPage<R extends { id: string }>(rows: R[], q: Pick<HarvestQuery, 'limit'>, at: (row: R) => Date): { rows: R[]; next: string | null } {
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > q.limit && last ? cursorFor(at(last), last.id) : null };
}

/** What a source needs to build records: where the public URLs start. */
export interface HarvestContext {
  /** The hub's public origin (the gateway's), from the signed context. */
  publicBaseUrl: string;
  now: Date;
}

export type HarvestFilter = Omit<HarvestQuery, 'after' | 'limit' | 'order'>;

export interface HarvestSource {
  kinds: HarvestKind[];
  sets?(ctx: HarvestContext): Promise<HarvestSet[]>;
  page(query: HarvestQuery, ctx: HarvestContext): Promise<HarvestPage>;
  count(filter: HarvestFilter, ctx: HarvestContext): Promise<number>;
  /** The record whose public URL this is, or null when the URL is not one of this source's. */
  resolve(url: string, ctx: HarvestContext): Promise<HarvestRecord | null>;
}

const instant = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(new Date(s).getTime()));
const filterShape = {
  kind: z.string().regex(/^[a-z0-9-]{1,60}$/),
  from: instant.optional(),
  until: instant.optional(),
  agency: z.string().min(1).max(60).optional(),
  agencyName: z.string().min(1).max(300).optional(),
  agencyIds: z
    .string()
    .max(3800)
    .regex(/^[0-9a-f-]{36}(,[0-9a-f-]{36})*$/)
    .optional(),
  category: z
    .string()
    .regex(/^[A-Z_]{1,40}$/)
    .optional(),
  deleted: z.enum(['0', '1']).default('0'),
};
const pageQuery = z.object({
  ...filterShape,
  after: z
    .string()
    .max(100)
    .refine((c) => parseCursor(c) !== null)
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_HARVEST_PAGE).default(100),
  offset: z.coerce.number().int().min(0).max(100_000_000).optional(),
  brief: z.enum(['0', '1']).default('0'),
  order: z.enum(['changed', 'published']).default('changed'),
});
const countQuery = z.object(filterShape);
const recordQuery = z.object({ url: z.url().max(2000) });

export interface HarvestRouteOptions {
  name: string;
  trust: SubgraphTrust;
  logger: Logger;
  clock(): Date;
  /** Used when the signed context carries no public address (called without the gateway). */
  fallbackBaseUrl(): string;
  sources: HarvestSource[];
}

/** What sitemaps and lists of identifiers need of a record. */
const briefOf = (r: HarvestRecord): HarvestRecord => ({
  kind: r.kind,
  id: r.id,
  url: r.url,
  datestamp: r.datestamp,
  deleted: r.deleted,
  agencies: r.agencies,
  agencyNames: r.agencyNames,
  agencyIds: r.agencyIds,
  publishedAt: r.publishedAt,
});

/** Mounts the signed harvest routes for a subgraph's sources. */
export function mountHarvestRoutes(app: express.Express, opts: HarvestRouteOptions): void {
  const byKind = new Map<string, HarvestSource>();
  for (const source of opts.sources) for (const k of source.kinds) byKind.set(k.kind, source);
  // A GET has no body: the signed digest must be the empty body's.
  const signed = [requireGatewaySignature(opts.name, opts.trust, opts.logger), requireSignedBody(opts.logger, opts.name)];
  const ctxOf = (res: express.Response): HarvestContext => {
    const base = (res.locals.signed as SignedContext | undefined)?.publicBaseUrl ?? opts.fallbackBaseUrl();
    return { publicBaseUrl: base.replace(/\/$/, ''), now: opts.clock() };
  };
  const handle =
    <T>(schema: z.ZodType<T>, run: (q: T, ctx: HarvestContext, source: HarvestSource) => Promise<unknown>) =>
    (req: express.Request, res: express.Response) => {
      const parsed = schema.safeParse(req.query);
      const source = parsed.success ? byKind.get((parsed.data as { kind: string }).kind) : undefined;
      if (!parsed.success || !source) {
        res.status(400).json({ errors: [{ message: 'Bad harvest query.', extensions: { code: 'BAD_USER_INPUT' } }] });
        return;
      }
      res.setHeader('Cache-Control', 'no-store');
      run(parsed.data, ctxOf(res), source).then(
        (body) => res.json(body),
        (err: unknown) => {
          opts.logger.error({ err, path: req.path }, 'harvest route failed');
          if (!res.headersSent) res.status(503).json({ errors: [{ message: 'Harvest unavailable.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
        },
      );
    };
  const filterOf = (q: z.infer<typeof countQuery>): HarvestFilter => ({
    kind: q.kind,
    from: q.from,
    until: q.until,
    agency: q.agency,
    agencyName: q.agencyName,
    agencyIds: q.agencyIds?.split(','),
    category: q.category,
    deleted: q.deleted === '1',
  });

  app.get('/harvest', ...signed, (_req, res) => {
    const ctx = ctxOf(res);
    Promise.all(opts.sources.map((s) => s.sets?.(ctx) ?? Promise.resolve([]))).then(
      (sets) => res.json({ kinds: opts.sources.flatMap((s) => s.kinds), sets: sets.flat() } satisfies HarvestCatalogue),
      (err: unknown) => {
        opts.logger.error({ err }, 'harvest catalogue failed');
        res.status(503).json({ errors: [{ message: 'Harvest unavailable.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
      },
    );
  });
  app.get(
    '/harvest/records',
    ...signed,
    handle(pageQuery, async (q, ctx, source) => {
      const page = await source.page({ ...filterOf(q), after: q.after, offset: q.offset, limit: q.limit, order: q.order, brief: q.brief === '1' }, ctx);
      return q.brief === '1' ? { ...page, records: page.records.map(briefOf) } : page;
    }),
  );
  app.get(
    '/harvest/count',
    ...signed,
    handle(countQuery, async (q, ctx, source) => ({ count: await source.count(filterOf(q), ctx) })),
  );
  app.get('/harvest/record', ...signed, (req, res) => {
    const parsed = recordQuery.safeParse(req.query);
    if (!parsed.success) {
      res.status(400).json({ errors: [{ message: 'Bad harvest query.', extensions: { code: 'BAD_USER_INPUT' } }] });
      return;
    }
    const ctx = ctxOf(res);
    (async () => {
      for (const source of opts.sources) {
        const record = await source.resolve(parsed.data.url, ctx);
        if (record) return record;
      }
      return null;
    })().then(
      (record) => res.setHeader('Cache-Control', 'no-store').json({ record }),
      (err: unknown) => {
        opts.logger.error({ err }, 'harvest record failed');
        res.status(503).json({ errors: [{ message: 'Harvest unavailable.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
      },
    );
  });
}
