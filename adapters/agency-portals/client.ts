// The harvester of agency portals: reads RSS/Atom feeds and sitemaps on other
// people's servers, so every rule of SECURITY-MATRIX B1 and C applies:
// - the URL guard on every URL and redirect hop (no private, loopback, link-local, mapped or
//   oddly spelled addresses; http(s) only), and the guarded DNS lookup at connect time, so a
//   public name resolving inside (or rebinding) is refused; at most `maxRedirects` hops;
// - one deadline per call (a trickle ends there), a byte cap while streaming, at most
//   `maxItems` entries per document and `maxSitemaps` nested sitemaps;
// - conditional GET (If-None-Match / If-Modified-Since → 304), and politeness: one request at a
//   time per host, `perHostIntervalMs` apart; a breaker per host (one dead portal does not slow
//   the others). Backoff between runs is the caller's (it keeps failures per source).
import { z } from 'zod';
import { resilienceConfigSchema } from '../kit/config.ts';
import { toHubError, UpstreamFailure } from '../kit/errors.ts';
import { assertUpstreamResponse, createHttpClient, type HttpClient } from '../kit/http.ts';
import { createUpstreamPolicy, DEFAULT_RESILIENCE, type UpstreamPolicy } from '../kit/resilience.ts';
import { createUrlGuard } from '../kit/url-guard.ts';
import { decodeBody, parseFeed, parseSitemap } from './parse.ts';
import type { FetchedSource, SourceKind } from './wire.ts';

export const SYSTEM = 'agency-portal';

export const harvesterConfigSchema = z.object({
  timeoutMs: z.number().int().positive().max(120_000).default(10_000),
  maxBytes: z.number().int().positive().max(50_000_000).default(5_000_000),
  maxItems: z.number().int().positive().max(5_000).default(500),
  maxRedirects: z.number().int().min(0).max(5).default(3),
  maxSitemaps: z.number().int().min(0).max(50).default(5),
  perHostIntervalMs: z.number().int().min(0).max(60_000).default(1_000),
  userAgent: z.string().max(200).default('cong-hub harvester (+https://cong.invalid/about/harvester)'),
  /** Only for deployments whose agency portals sit on an internal network, and for tests. */
  allowHosts: z.array(z.string().max(255)).max(100).default([]),
  allowCidrs: z.array(z.string().max(50)).max(100).default([]),
  resilience: resilienceConfigSchema.optional(),
});
export type HarvesterConfig = z.infer<typeof harvesterConfigSchema>;

const FEED_TYPES = ['application/rss+xml', 'application/atom+xml', 'application/xml', 'text/xml', 'xml'];
const SITEMAP_TYPES = ['application/xml', 'text/xml', 'xml'];

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export interface PortalHarvester {
  /** One feed or sitemap (a sitemap index: its nested sitemaps too, bounded). Throws HubError UPSTREAM_*. */
  fetch(kind: SourceKind, url: string, validators?: Validators): Promise<FetchedSource>;
  close(): Promise<void>;
}

export interface HarvesterDeps {
  /** Waiting between two requests to one host (tests pass perHostIntervalMs 0). */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export function createPortalHarvester(input: z.input<typeof harvesterConfigSchema>, deps: HarvesterDeps = {}): PortalHarvester {
  const config = harvesterConfigSchema.parse(input);
  const guard = createUrlGuard({ allowHosts: config.allowHosts, allowCidrs: config.allowCidrs });
  const http: HttpClient = createHttpClient({
    guard,
    timeoutMs: config.timeoutMs,
    maxBytes: config.maxBytes,
    maxRedirects: config.maxRedirects,
    userAgent: config.userAgent,
    connections: 1,
  });
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = deps.now ?? Date.now;
  const policies = new Map<string, UpstreamPolicy>();
  const queues = new Map<string, Promise<unknown>>();
  const lastAt = new Map<string, number>();

  const hostOf = (url: string): string => {
    try {
      return guard.check(url).host;
    } catch {
      throw toHubError(new UpstreamFailure('invalid', 'URL refused by the guard'), { system: SYSTEM, operation: 'url' });
    }
  };

  const policyFor = (host: string) => {
    let p = policies.get(host);
    if (!p) {
      p = createUpstreamPolicy(`${SYSTEM}:${host}`, config.resilience ?? { ...DEFAULT_RESILIENCE, attemptTimeoutMs: config.timeoutMs });
      policies.set(host, p);
    }
    return p;
  };

  /** One at a time per host, `perHostIntervalMs` apart. */
  function politely<T>(host: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(host) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const wait = (lastAt.get(host) ?? -Infinity) + config.perHostIntervalMs - now();
        if (wait > 0) await sleep(wait);
        try {
          return await work();
        } finally {
          lastAt.set(host, now());
        }
      });
    queues.set(host, next);
    return next;
  }

  async function get(kind: SourceKind, url: string, validators: Validators) {
    const host = hostOf(url);
    return politely(host, () =>
      policyFor(host).run(
        kind === 'FEED' ? 'feed' : 'sitemap',
        async (signal) => {
          const headers: Record<string, string> = {
            accept: kind === 'FEED' ? 'application/rss+xml, application/atom+xml, application/xml;q=0.9' : 'application/xml',
          };
          if (validators.etag) headers['if-none-match'] = validators.etag;
          if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
          const res = await http.request({ method: 'GET', url, headers, signal });
          if (res.status === 304) return { res, notModified: true };
          assertUpstreamResponse(res, kind === 'FEED' ? FEED_TYPES : SITEMAP_TYPES);
          return { res, notModified: false };
        },
        { idempotent: true },
      ),
    );
  }

  async function fetchOne(kind: SourceKind, url: string, validators: Validators): Promise<FetchedSource> {
    const { res, notModified } = await get(kind, url, validators);
    const validatorsOut = { etag: res.headers.etag ?? validators.etag ?? null, lastModified: res.headers['last-modified'] ?? validators.lastModified ?? null };
    if (notModified) return { notModified: true, entries: [], sitemaps: [], ...validatorsOut };
    const limits = { maxBytes: config.maxBytes, maxItems: config.maxItems };
    try {
      const text = decodeBody(res);
      if (kind === 'FEED') return { notModified: false, entries: parseFeed(text, res.url, limits), sitemaps: [], ...validatorsOut };
      return { notModified: false, ...parseSitemap(text, res.url, limits), ...validatorsOut };
    } catch (error) {
      // A bad body is an answer (the portal is up): UPSTREAM_INVALID_RESPONSE, nothing of it quoted.
      throw toHubError(error, { system: SYSTEM, operation: kind === 'FEED' ? 'feed' : 'sitemap' });
    }
  }

  return {
    async fetch(kind, url, validators = {}) {
      const first = await fetchOne(kind, url, validators);
      if (kind !== 'SITEMAP' || !first.sitemaps.length) return { ...first, truncated: first.entries.length >= config.maxItems };
      // A sitemap index: its sitemaps (unconditionally, bounded), entries up to maxItems in all.
      // The index's own validators say nothing of its sitemaps (an index stays the same while the
      // pages it points to change), so none are returned: the next pass reads it all again.
      const entries = [...first.entries];
      for (const nested of first.sitemaps.slice(0, config.maxSitemaps)) {
        if (entries.length >= config.maxItems) break;
        const page = await fetchOne('SITEMAP', nested, {});
        entries.push(...page.entries.slice(0, config.maxItems - entries.length));
      }
      return {
        ...first,
        etag: null,
        lastModified: null,
        entries,
        truncated: entries.length >= config.maxItems || first.sitemaps.length > config.maxSitemaps,
      };
    },
    close: () => http.close(),
  };
}
