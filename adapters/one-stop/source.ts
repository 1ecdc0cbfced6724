// The provincial one-stop system (SOAP, one-stop.wsdl) as a DossierSource and a
// UsageStatsSource. Every call goes through the kit: URL guard, deadline, byte cap, XML
// screening, retries for reads (both operations are lookups), breaker, UPSTREAM_* errors.
import { z } from 'zod';
import { isDossierStatusCode, type DossierRecord, type UsageStatRecord } from '../../schema/domain/services.ts';
import { probeHealth, resilienceConfigSchema } from '../kit/config.ts';
import { mapAnswer, UpstreamFailure } from '../kit/errors.ts';
import { createHttpClient } from '../kit/http.ts';
import { createUpstreamPolicy, DEFAULT_RESILIENCE } from '../kit/resilience.ts';
import { createSoapInvoker } from '../kit/soap.ts';
import { cleanBlock, cleanLine, cleanOptional, vietnamInstant } from '../kit/text.ts';
import { defineAdapter, type AdapterDeps, type DossierSource, type UsageStatsSource } from '../kit/types.ts';
import { createUrlGuard } from '../kit/url-guard.ts';
import { SYSTEM, WSDL_PATH } from './contract.ts';
import { soapDossierResponse, soapUsageResponse, type SoapDossier } from './wire.ts';

export { SYSTEM, WSDL_PATH };

export const oneStopConfigSchema = z.object({
  /** The SOAP service URL. */
  endpoint: z.url(),
  timeoutMs: z.number().int().positive().max(120_000).default(5_000),
  maxBytes: z
    .number()
    .int()
    .positive()
    .max(20 * 1024 * 1024)
    .default(2 * 1024 * 1024),
  allowHosts: z.array(z.string()).default([]),
  allowCidrs: z.array(z.string()).default([]),
  resilience: resilienceConfigSchema.optional(),
});
export type OneStopConfig = z.infer<typeof oneStopConfigSchema>;

export function parseOneStopConfig(raw: unknown): OneStopConfig {
  const config = oneStopConfigSchema.parse(raw);
  createUrlGuard({ allowHosts: config.allowHosts, allowCidrs: config.allowCidrs }).check(config.endpoint);
  return config;
}

/** xsd:dateTime arrives as a Date (an instant); zone-less text is Vietnam local time. */
const instant = (v: Date | string | undefined): string | null => vietnamInstant(v ?? null);

export function mapOneStopDossier(d: SoapDossier, fetchedAt: Date): DossierRecord {
  if (!isDossierStatusCode(d.TrangThaiHoSo)) throw new UpstreamFailure('invalid', `unknown dossier status ${d.TrangThaiHoSo}`);
  return {
    code: cleanLine(d.MaHoSo),
    procedureCode: cleanOptional(d.MaTTHC),
    procedureName: cleanOptional(d.TenTTHC),
    status: d.TrangThaiHoSo,
    applicantName: cleanOptional(d.ChuHoSo),
    applicantIdNumber: cleanOptional(d.SoGiayTo),
    applicantPhone: cleanOptional(d.SoDienThoai),
    receivedAt: instant(d.NgayTiepNhan),
    appointmentAt: instant(d.NgayHenTra),
    returnedAt: instant(d.NgayTra),
    handlingUnit: cleanOptional(d.DonViXuLy),
    progress: (d.QuaTrinhXuLy?.TienDo ?? [])
      .map((p) => ({
        actor: cleanOptional(p.NguoiXuLy),
        role: cleanOptional(p.ChucDanh),
        unit: cleanOptional(p.PhongBanXuLy),
        at: instant(p.ThoiDiemXuLy),
        action: cleanBlock(p.NoiDungXuLy),
        status: p.TrangThai ?? null,
      }))
      .sort((a, b) => (a.at ?? '').localeCompare(b.at ?? '')),
    fetchedAt: fetchedAt.toISOString(),
  };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export type OneStopSource = DossierSource & UsageStatsSource;

export function createOneStopSource(config: OneStopConfig, deps: AdapterDeps = {}): OneStopSource {
  const now = deps.now ?? (() => new Date());
  const guard = createUrlGuard({ allowHosts: config.allowHosts, allowCidrs: config.allowCidrs });
  guard.check(config.endpoint);
  const http = createHttpClient({ guard, timeoutMs: config.timeoutMs, maxBytes: config.maxBytes, userAgent: 'cong-hub/one-stop' });
  const policy = createUpstreamPolicy(SYSTEM, config.resilience ?? { ...DEFAULT_RESILIENCE, attemptTimeoutMs: config.timeoutMs });
  const invoke = createSoapInvoker({ wsdlPath: WSDL_PATH, endpoint: config.endpoint, http, maxBytes: config.maxBytes });
  const read = <T>(operation: string, call: (signal: AbortSignal) => Promise<T>) => policy.run(operation, call, { idempotent: true });

  return {
    system: SYSTEM,
    // Mapped inside the call: a dossier the mapping refuses (an unknown status) is the system's
    // invalid answer, UPSTREAM_INVALID_RESPONSE, as a malformed body is (kit/errors.ts).
    getDossier: (code) =>
      read('TraCuuHoSo', async (signal) => {
        const answer = await invoke('TraCuuHoSo', { MaHoSo: code }, soapDossierResponse, signal);
        const dossier = answer.HoSo;
        return dossier ? mapAnswer(() => mapOneStopDossier(dossier, now())) : null;
      }),
    async usage({ from, to }): Promise<UsageStatRecord[]> {
      if (!MONTH.test(from) || !MONTH.test(to) || from > to) throw new RangeError('months are YYYY-MM, from ≤ to');
      return read('ThongKeHoSo', async (signal) => {
        const answer = await invoke('ThongKeHoSo', { TuThang: from, DenThang: to }, soapUsageResponse, signal);
        return mapAnswer(() =>
          answer.ThongKe.filter((r) => r.Thang >= from && r.Thang <= to).map((r) => ({
            serviceCode: cleanLine(r.MaDichVu),
            agencyCode: cleanLine(r.MaDonVi),
            month: r.Thang,
            received: r.TiepNhan,
            receivedOnline: r.TiepNhanTrucTuyen,
            processed: r.DaXuLy,
            onTime: r.DungHan,
            late: r.TreHan,
          })),
        );
      });
    },
    health: () => probeHealth(SYSTEM, policy, () => invoke('TraCuuHoSo', { MaHoSo: '-' }, soapDossierResponse, AbortSignal.timeout(config.timeoutMs))),
    close: () => http.close(),
  };
}

export const oneStop = defineAdapter({
  system: SYSTEM,
  label: { vi: 'Hệ thống thông tin một cửa điện tử tỉnh', en: 'Provincial one-stop system' },
  configSchema: oneStopConfigSchema,
  parseConfig: parseOneStopConfig,
  create: (config: OneStopConfig, deps?: AdapterDeps): OneStopSource => createOneStopSource(config, deps),
  fake: async () => {
    const { startOneStopFake } = await import('./fake/server.ts');
    const fake = await startOneStopFake();
    return { config: { endpoint: fake.endpoint, allowHosts: ['127.0.0.1'] }, close: () => fake.close() };
  },
});
