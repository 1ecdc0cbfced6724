// The national legal-document database as a LegalDocumentSource. Two upstream shapes exist in
// the wild (a provincial SOAP service, the national JSON API); configuration picks one and the
// rest of the hub never knows which. Every call goes through the kit: URL guard, deadline, byte
// cap, retries for reads, circuit breaker, UPSTREAM_* errors.
import { z } from 'zod';
import type { LegalDocumentRecord } from '../../schema/domain/legal.ts';
import { documentNumberKey, normaliseDocumentNumber } from '../../schema/text/vietnamese.ts';
import { probeHealth, resilienceConfigSchema } from '../kit/config.ts';
import { mapAnswer, toHubError } from '../kit/errors.ts';
import { createHttpClient } from '../kit/http.ts';
import { createUpstreamPolicy, DEFAULT_RESILIENCE } from '../kit/resilience.ts';
import { defineAdapter, type AdapterDeps, type LegalDocumentSource, type SearchQuery } from '../kit/types.ts';
import { createUrlGuard } from '../kit/url-guard.ts';
import { createJsonLegalClient, type JsonLegalClient } from './json-client.ts';
import { SYSTEM, mapJsonDocument, mapJsonSummary, mapSoapDocument, mapSoapSummary } from './map.ts';
import { createSoapLegalClient, type SoapLegalClient } from './soap-client.ts';
import { JSON_MAX_PAGE_SIZE } from './wire-json.ts';

export const legalDbConfigSchema = z.object({
  kind: z.enum(['soap', 'json']),
  /** SOAP: the service URL. JSON: the API base, to which "/doc/all" and "/doc/{id}" are added. */
  endpoint: z.url(),
  timeoutMs: z.number().int().positive().max(120_000).default(10_000),
  maxBytes: z
    .number()
    .int()
    .positive()
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /** Upstream hosts on private addresses this deployment trusts (SECURITY-MATRIX B1). */
  allowHosts: z.array(z.string()).default([]),
  allowCidrs: z.array(z.string()).default([]),
  resilience: resilienceConfigSchema.optional(),
});
export type LegalDbConfig = z.infer<typeof legalDbConfigSchema>;
export type LegalDbConfigInput = z.input<typeof legalDbConfigSchema>;

/** Validate configuration and the endpoint against the URL guard: fails at boot, not later. */
export function parseLegalDbConfig(raw: unknown): LegalDbConfig {
  const config = legalDbConfigSchema.parse(raw);
  createUrlGuard({ allowHosts: config.allowHosts, allowCidrs: config.allowCidrs }).check(config.endpoint);
  return config;
}

function checkPaging({ page, pageSize }: SearchQuery): void {
  if (!Number.isInteger(page) || page < 1) throw new RangeError('page must be a positive integer');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > JSON_MAX_PAGE_SIZE) throw new RangeError(`pageSize must be 1..${JSON_MAX_PAGE_SIZE}`);
}

/** "2026-04-01T07:00:00" in Vietnam local time: the JSON API's zone-less format. */
const vietnamLocal = (d: Date) => new Date(d.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 19);

/** An idempotent read through the source's policy (retries, breaker, UPSTREAM_* errors). */
type Read = <T>(operation: string, call: (signal: AbortSignal) => Promise<T>) => Promise<T>;

interface Backend {
  /** A page of summaries; with `number`, the upstream's candidates for it (the caller checks the key). */
  search(query: SearchQuery & { number?: string }): ReturnType<LegalDocumentSource['search']>;
  getById: LegalDocumentSource['getById'];
}

function soapBackend(client: SoapLegalClient, read: Read, now: () => Date): Backend {
  return {
    async search(query) {
      // Mapped inside the call (here and below): what the mapping refuses is the upstream's
      // invalid answer, UPSTREAM_INVALID_RESPONSE, never an internal error (kit/errors.ts).
      return read('SearchDocuments', async (signal) => {
        const answer = await client.search(
          { TrangSo: query.page, SoBanGhi: query.pageSize, CapNhatTu: query.modifiedSince?.toISOString(), SoKyHieu: query.number },
          signal,
        );
        const items = mapAnswer(() => (answer.DanhSach?.VanBan ?? []).map(mapSoapSummary));
        return { items, total: answer.TongSo, page: query.page, pageSize: query.pageSize };
      });
    },
    async getById(id) {
      const detail = await read('GetDocument', (signal) => client.getDocument(id, signal));
      if (!detail) return null;
      const [relations, history] = await Promise.all([
        read('GetRelations', (signal) => client.getRelations(id, signal)),
        read('GetValidityHistory', (signal) => client.getValidityHistory(id, signal)),
      ]);
      // Three answers make one record: mapped after the three calls, with the same code.
      try {
        return mapAnswer(() => mapSoapDocument({ detail, relations, history }, { fetchedAt: now() }));
      } catch (error) {
        throw toHubError(error, { system: SYSTEM, operation: 'GetDocument' });
      }
    },
  };
}

function jsonBackend(client: JsonLegalClient, read: Read, now: () => Date): Backend {
  return {
    // POST /doc/all is a query, not a write: retrying it is safe, so it is read as idempotent.
    async search(query) {
      return read('doc/all', async (signal) => {
        const answer = await client.search(
          {
            pageNumber: query.page,
            pageSize: query.pageSize,
            sortBy: 'updatedAt',
            sortDirection: 'desc',
            keyword: query.number ?? '',
            ...(query.modifiedSince ? { updatedFrom: vietnamLocal(query.modifiedSince) } : {}),
            ...(query.number ? { docNum: query.number } : {}),
          },
          signal,
        );
        return { items: mapAnswer(() => answer.items.map(mapJsonSummary)), total: answer.total, page: query.page, pageSize: query.pageSize };
      });
    },
    async getById(id) {
      return read('doc/{id}', async (signal) => {
        const detail = await client.getDocument(id, signal);
        return detail ? mapAnswer(() => mapJsonDocument(detail, { fetchedAt: now() })) : null;
      });
    },
  };
}

export function createLegalDocumentSource(config: LegalDbConfig, deps: AdapterDeps = {}): LegalDocumentSource {
  const now = deps.now ?? (() => new Date());
  const guard = createUrlGuard({ allowHosts: config.allowHosts, allowCidrs: config.allowCidrs });
  guard.check(config.endpoint);
  const http = createHttpClient({ guard, timeoutMs: config.timeoutMs, maxBytes: config.maxBytes, userAgent: 'cong-hub/national-legal-db' });
  const policy = createUpstreamPolicy(SYSTEM, config.resilience ?? { ...DEFAULT_RESILIENCE, attemptTimeoutMs: config.timeoutMs });
  const read: Read = (operation, call) => policy.run(operation, call, { idempotent: true });
  const backend =
    config.kind === 'soap'
      ? soapBackend(createSoapLegalClient({ endpoint: config.endpoint, http, maxBytes: config.maxBytes }), read, now)
      : jsonBackend(createJsonLegalClient({ endpoint: config.endpoint, http }), read, now);

  return {
    system: SYSTEM,
    async search(query) {
      checkPaging(query);
      return backend.search(query);
    },
    getById: (id) => backend.getById(id),
    async findByNumber(number): Promise<LegalDocumentRecord | null> {
      const key = documentNumberKey(number);
      const candidates = await backend.search({ page: 1, pageSize: 20, number: normaliseDocumentNumber(number) });
      const hit = candidates.items.find((c) => c.number.key === key);
      return hit ? backend.getById(hit.sourceId) : null;
    },
    health: () => probeHealth(SYSTEM, policy, () => backend.search({ page: 1, pageSize: 1 })),
    close: () => http.close(),
  };
}

export const nationalLegalDb = defineAdapter({
  system: SYSTEM,
  label: { vi: 'Cơ sở dữ liệu quốc gia về văn bản pháp luật', en: 'National legal-document database' },
  configSchema: legalDbConfigSchema,
  parseConfig: parseLegalDbConfig,
  create: (config: LegalDbConfig, deps?: AdapterDeps): LegalDocumentSource => createLegalDocumentSource(config, deps),
  // The JSON API shape, serving the fixtures' files too (the demo mirrors them).
  fake: async () => {
    const [{ startJsonLegalDbFake }, { createCatalogue }, { DEMO_DOCUMENTS }] = await Promise.all([
      import('./fake/json-server.ts'),
      import('./fake/catalogue.ts'),
      import('./fixtures/service-bases.ts'),
    ]);
    // The regulation's documents and the demo procedures' legal bases (the services subgraph joins them).
    const fake = await startJsonLegalDbFake({ serveFiles: true, catalogue: createCatalogue(DEMO_DOCUMENTS) });
    return { config: { kind: 'json', endpoint: fake.endpoint, allowHosts: ['127.0.0.1'] }, close: () => fake.close() };
  },
});
