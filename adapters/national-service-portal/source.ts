// The national public-service portal as a ServiceCatalogueSource (and a DossierSource through
// TraCuuHoSo). Every call goes through the kit: URL guard, deadline, byte cap, retries for
// reads, circuit breaker, UPSTREAM_* errors; the session protocol lives in client.ts.
// All five services are queries: a POST that reads, so each is run as an idempotent read.
import { z } from 'zod';
import { probeHealth, resilienceConfigSchema } from '../kit/config.ts';
import { mapAnswer } from '../kit/errors.ts';
import { createHttpClient } from '../kit/http.ts';
import { createUpstreamPolicy, DEFAULT_RESILIENCE } from '../kit/resilience.ts';
import { defineAdapter, type AdapterDeps, type DossierSource, type ServiceCatalogueSource } from '../kit/types.ts';
import { createUrlGuard } from '../kit/url-guard.ts';
import { cleanLine, cleanOptional } from '../kit/text.ts';
import { createPortalClient } from './client.ts';
import { SYSTEM, mapPortalDossier, mapProcedure, portalInstant, toPortalTime } from './map.ts';
import { wireAgency, wireDossier, wireField, wireProcedure, wireProcedureSummary } from './wire.ts';

export const MAX_PAGE_SIZE = 200;

export const servicePortalConfigSchema = z.object({
  /** Base URL of the integration platform's portal API: "/login" and "/service" are added. */
  endpoint: z.url(),
  username: z.string().min(1),
  password: z.string().min(1),
  /** The province's unit code, sent as `madonvi` (QCVN 102). */
  unitCode: z.string().min(1).max(35),
  /** Public page of a procedure on the national portal; `{code}` is replaced. */
  procedurePageUrl: z.string().default('https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}'),
  timeoutMs: z.number().int().positive().max(120_000).default(10_000),
  maxBytes: z
    .number()
    .int()
    .positive()
    .max(50 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  allowHosts: z.array(z.string()).default([]),
  allowCidrs: z.array(z.string()).default([]),
  resilience: resilienceConfigSchema.optional(),
});
export type ServicePortalConfig = z.infer<typeof servicePortalConfigSchema>;

export function parseServicePortalConfig(raw: unknown): ServicePortalConfig {
  const config = servicePortalConfigSchema.parse(raw);
  createUrlGuard({ allowHosts: config.allowHosts, allowCidrs: config.allowCidrs }).check(config.endpoint);
  return config;
}

export type ServicePortalSource = ServiceCatalogueSource & DossierSource & { readonly logins: number };

export function createServicePortalSource(config: ServicePortalConfig, deps: AdapterDeps = {}): ServicePortalSource {
  const now = deps.now ?? (() => new Date());
  const guard = createUrlGuard({ allowHosts: config.allowHosts, allowCidrs: config.allowCidrs });
  guard.check(config.endpoint);
  const http = createHttpClient({ guard, timeoutMs: config.timeoutMs, maxBytes: config.maxBytes, userAgent: 'cong-hub/national-service-portal' });
  const policy = createUpstreamPolicy(SYSTEM, config.resilience ?? { ...DEFAULT_RESILIENCE, attemptTimeoutMs: config.timeoutMs });
  const client = createPortalClient({ endpoint: config.endpoint, http, credentials: config });
  const read = <T>(operation: string, call: (signal: AbortSignal) => Promise<T>) => policy.run(operation, call, { idempotent: true });
  const pageUrl = (code: string) => config.procedurePageUrl.replace('{code}', encodeURIComponent(code));

  return {
    system: SYSTEM,
    get logins() {
      return client.logins;
    },
    agencies: () =>
      read('LayDanhMucCoQuan', async (signal) => {
        const { rows } = await client.call('LayDanhMucCoQuan', {}, wireAgency, signal);
        return mapAnswer(() =>
          rows.map((r) => ({
            kind: 'AGENCY' as const,
            code: cleanLine(r.MADONVI),
            name: cleanLine(r.TENDONVI),
            parentCode: cleanOptional(r.MADONVICHA),
            parentName: null,
          })),
        );
      }),
    fields: () =>
      read('LayDanhMucLinhVuc', async (signal) => {
        const { rows } = await client.call('LayDanhMucLinhVuc', {}, wireField, signal);
        return mapAnswer(() =>
          rows.map((r) => ({
            kind: 'FIELD' as const,
            code: cleanLine(r.MALINHVUC),
            name: cleanLine(r.TENLINHVUC),
            parentCode: cleanOptional(r.MANGANH),
            parentName: cleanOptional(r.TENNGANH),
          })),
        );
      }),
    async listProcedures({ page, pageSize, modifiedSince }) {
      if (!Number.isInteger(page) || page < 1) throw new RangeError('page must be a positive integer');
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw new RangeError(`pageSize must be 1..${MAX_PAGE_SIZE}`);
      const params = { trang: page, sobanghi: pageSize, ...(modifiedSince ? { tungay: toPortalTime(modifiedSince) } : {}) };
      return read('LayDanhSachTTHC', async (signal) => {
        const { rows, total } = await client.call('LayDanhSachTTHC', params, wireProcedureSummary, signal);
        const items = mapAnswer(() =>
          rows.map((r) => ({
            code: cleanLine(r.MATTHC),
            name: cleanLine(r.TENTTHC),
            modifiedAt: portalInstant(r.NGAYCAPNHAT),
            withdrawn: r.DAHUY ?? false,
          })),
        );
        return { items, total: total ?? items.length, page, pageSize };
      });
    },
    // Mapped inside the call: a detail the mapping refuses (an unknown channel or level) is the
    // portal's invalid answer, UPSTREAM_INVALID_RESPONSE, as a malformed body is (kit/errors.ts).
    getProcedure: (code) =>
      read('LayThuTuc', async (signal) => {
        const { rows } = await client.call('LayThuTuc', { maTTHC: code }, wireProcedure, signal);
        const row = rows[0];
        return row ? mapAnswer(() => mapProcedure(row, { fetchedAt: now(), sourceUrl: pageUrl(row.MATTHC) })) : null;
      }),
    getDossier: (code) =>
      read('TraCuuHoSo', async (signal) => {
        const { rows } = await client.call('TraCuuHoSo', { mahoso: code }, wireDossier, signal);
        const row = rows[0];
        return row ? mapAnswer(() => mapPortalDossier(row, now())) : null;
      }),
    health: () =>
      probeHealth(SYSTEM, policy, () => client.call('LayDanhSachTTHC', { trang: 1, sobanghi: 1 }, wireProcedureSummary, AbortSignal.timeout(config.timeoutMs))),
    close: () => http.close(),
  };
}

export const nationalServicePortal = defineAdapter({
  system: SYSTEM,
  label: { vi: 'Cổng Dịch vụ công quốc gia', en: 'National public-service portal' },
  configSchema: servicePortalConfigSchema,
  parseConfig: parseServicePortalConfig,
  create: (config: ServicePortalConfig, deps?: AdapterDeps): ServicePortalSource => createServicePortalSource(config, deps),
  fake: async () => {
    const { startServicePortalFake, FAKE_CREDENTIALS } = await import('./fake/server.ts');
    const fake = await startServicePortalFake();
    return { config: { endpoint: fake.endpoint, ...FAKE_CREDENTIALS, allowHosts: ['127.0.0.1'] }, close: () => fake.close() };
  },
});
