// An official gazette (Công báo) as a GazetteSource: its two RSS 2.0 feeds and its issues' XML
// exports, every call through the kit (URL guard — export links come from the feed, so they are
// upstream-controlled —, deadline, byte cap, retries for these GET reads, breaker, UPSTREAM_*).
import { z } from 'zod';
import type { GazetteIssueRecord } from '../../schema/domain/legal.ts';
import { probeHealth, resilienceConfigSchema } from '../kit/config.ts';
import { mapAnswer } from '../kit/errors.ts';
import { assertUpstreamResponse, createHttpClient, responseText } from '../kit/http.ts';
import { createUpstreamPolicy, DEFAULT_RESILIENCE } from '../kit/resilience.ts';
import { defineAdapter, type AdapterDeps, type GazetteSource } from '../kit/types.ts';
import { createUrlGuard } from '../kit/url-guard.ts';
import { readIssueExport } from './export.ts';
import { parseDocumentsFeed, parseIssuesFeed } from './feed.ts';
import { SYSTEM } from './map.ts';

const XML_TYPES = ['application/rss+xml', 'application/xml', 'text/xml', 'xml'] as const;

export const gazetteConfigSchema = z.object({
  documentsFeedUrl: z.url(),
  issuesFeedUrl: z.url(),
  timeoutMs: z.number().int().positive().max(120_000).default(10_000),
  /** Feeds and exports are small; 2.3 MB of XML already blocks a parse for ~1.7 s. */
  maxBytes: z
    .number()
    .int()
    .positive()
    .max(20 * 1024 * 1024)
    .default(2 * 1024 * 1024),
  maxItems: z.number().int().positive().max(1_000).default(200),
  allowHosts: z.array(z.string()).default([]),
  allowCidrs: z.array(z.string()).default([]),
  resilience: resilienceConfigSchema.optional(),
});
export type GazetteConfig = z.infer<typeof gazetteConfigSchema>;
export type GazetteConfigInput = z.input<typeof gazetteConfigSchema>;

/** Validate configuration and both feed URLs against the URL guard: fails at boot. */
export function parseGazetteConfig(raw: unknown): GazetteConfig {
  const config = gazetteConfigSchema.parse(raw);
  const guard = createUrlGuard({ allowHosts: config.allowHosts, allowCidrs: config.allowCidrs });
  guard.check(config.documentsFeedUrl);
  guard.check(config.issuesFeedUrl);
  return config;
}

export function createGazetteSource(config: GazetteConfig, deps: AdapterDeps = {}): GazetteSource {
  const now = deps.now ?? (() => new Date());
  const guard = createUrlGuard({ allowHosts: config.allowHosts, allowCidrs: config.allowCidrs });
  const http = createHttpClient({ guard, timeoutMs: config.timeoutMs, maxBytes: config.maxBytes, userAgent: 'cong-hub/gazette' });
  const policy = createUpstreamPolicy(SYSTEM, config.resilience ?? { ...DEFAULT_RESILIENCE, attemptTimeoutMs: config.timeoutMs });
  const limits = { maxBytes: config.maxBytes, maxItems: config.maxItems };

  /** GET an XML document through the policy and hand its text to `read`. */
  const fetchXml = <T>(operation: string, url: string, read: (xml: string) => T | Promise<T>) =>
    policy.run(
      operation,
      async (signal) => {
        const res = await http.request({ method: 'GET', url, headers: { accept: 'application/rss+xml, application/xml;q=0.9' }, signal });
        assertUpstreamResponse(res, XML_TYPES);
        const xml = responseText(res);
        // What the feed or export holds is the gazette's: a reading that fails is its invalid answer.
        return mapAnswer(() => read(xml));
      },
      { idempotent: true },
    );

  const latestIssues = () => fetchXml('issues-feed', config.issuesFeedUrl, (xml) => parseIssuesFeed(xml, limits));
  return {
    system: SYSTEM,
    latestDocuments: () => fetchXml('documents-feed', config.documentsFeedUrl, (xml) => parseDocumentsFeed(xml, limits)),
    latestIssues,
    getIssue: (exportUrl): Promise<GazetteIssueRecord> =>
      fetchXml('issue-export', exportUrl, (xml) => readIssueExport(xml, { sourceUrl: exportUrl, fetchedAt: now(), maxBytes: config.maxBytes })),
    health: () => probeHealth(SYSTEM, policy, latestIssues),
    close: () => http.close(),
  };
}

export const gazette = defineAdapter({
  system: SYSTEM,
  label: { vi: 'Công báo', en: 'Official gazette' },
  configSchema: gazetteConfigSchema,
  parseConfig: parseGazetteConfig,
  create: (config: GazetteConfig, deps?: AdapterDeps): GazetteSource => createGazetteSource(config, deps),
  fake: async () => {
    const { startGazetteFake } = await import('./fake/server.ts');
    const fake = await startGazetteFake();
    return {
      config: { documentsFeedUrl: fake.documentsFeedUrl, issuesFeedUrl: fake.issuesFeedUrl, allowHosts: ['127.0.0.1'] },
      close: () => fake.close(),
    };
  },
});
