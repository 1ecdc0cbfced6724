// Wire → domain for the national public-service portal: every string repaired and NFC
// (cleanLine/cleanBlock), dates from `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh, fees as exact đồng
// (digits only: "200.000" and 200000 are the same amount; anything else is not an amount),
// channels and tiers by their codes, legal-basis numbers normalised for matching.
import { documentNumberKey, normaliseDocumentNumber } from '../../schema/text/vietnamese.ts';
import {
  channelOfCode,
  contentHash,
  isDossierStatusCode,
  type ChannelTerms,
  type DossierRecord,
  type Fee,
  type LegalBasisRecord,
  type ProcedureRecord,
  type ProcedureTier,
  type TimeLimit,
  type TimeUnit,
} from '../../schema/domain/services.ts';
import { UpstreamFailure } from '../kit/errors.ts';
import { cleanBlock, cleanLine, cleanOptional } from '../kit/text.ts';
import type { WireDossier, WireProcedure, wireFee, wireTime } from './wire.ts';
import type { z } from 'zod';

export const SYSTEM = 'national-service-portal';

const PORTAL_TIME = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/;

/** `yyyyMMddHHmmss` (or `yyyyMMdd`) in Vietnam local time → ISO instant; null when absent or impossible. */
export function portalInstant(value: string | null | undefined): string | null {
  const m = value ? PORTAL_TIME.exec(value.trim()) : null;
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const ms = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s) - 7 * 3600_000;
  const check = new Date(ms + 7 * 3600_000);
  if (check.getUTCMonth() !== +mo! - 1 || check.getUTCDate() !== +d! || +h > 23 || +mi > 59 || +s > 59) return null;
  return new Date(ms).toISOString();
}

/** `yyyyMMdd…` → the calendar date in Vietnam. */
export const portalDate = (value: string | null | undefined): string | null => {
  const instant = portalInstant(value);
  return instant ? new Date(Date.parse(instant) + 7 * 3600_000).toISOString().slice(0, 10) : null;
};

/** A Date → `yyyyMMddHHmmss` in Vietnam local time (what the portal expects in requests). */
export const toPortalTime = (d: Date): string => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 19).replace(/[-T:]/g, '');

/** Whole đồng: "200.000", "200,000", "200000" and 200000 → "200000"; "Miễn phí" → "0"; else null. */
export function amountVnd(raw: string | null): string | null {
  if (raw === null) return null;
  const t = cleanLine(raw);
  if (/^(miễn phí|không thu|0)$/iu.test(t)) return '0';
  const digits = t.replace(/\s*(đồng|vnđ|vnd|đ)$/iu, '');
  if (/^\d{1,3}([.,]\d{3})+$/.test(digits)) return digits.replace(/[.,]/g, '');
  return /^\d{1,15}$/.test(digits) ? digits.replace(/^0+(?=\d)/, '') : null;
}

function timeUnit(raw: string | null): TimeUnit {
  const folded = raw ? cleanLine(raw).toLowerCase() : '';
  if (/^ngày làm việc$/u.test(folded)) return 'WORKING_DAYS';
  if (/^ngày$/u.test(folded)) return 'DAYS';
  return 'OTHER';
}

const timeValue = (raw: string | null): string | null => {
  const t = raw ? cleanLine(raw).replace(',', '.') : '';
  return /^\d{1,4}(\.\d{1,2})?$/.test(t) ? t.replace(/\.0+$/, '') : null;
};

const mapFee = (f: z.infer<typeof wireFee>): Fee => ({
  code: cleanOptional(f.MAPHILEPHI),
  amountVnd: amountVnd(f.SOTIEN),
  unit: cleanOptional(f.DONVI),
  description: cleanBlock(f.MOTA),
});

const mapTime = (t: z.infer<typeof wireTime>): TimeLimit => ({
  value: timeValue(t.THOIGIANGIAIQUYET),
  unit: timeUnit(t.DONVITINH),
  text: cleanOptional(t.DONVITINH),
  description: cleanBlock(t.MOTA),
  fees: t.PHILEPHI.map(mapFee),
});

function mapChannels(wire: WireProcedure['CACHTHUCTHUCHIEN']): ChannelTerms[] {
  const out: ChannelTerms[] = [];
  for (const c of wire) {
    const channel = channelOfCode(c.KENH);
    if (!channel) throw new UpstreamFailure('invalid', `unknown channel KENH=${c.KENH}`);
    out.push({ channel, timeLimits: c.THOIGIAN.map(mapTime) });
  }
  return out;
}

const TIERS: Record<string, ProcedureTier> = { '1': 'PROVINCE', '2': 'DISTRICT', '3': 'COMMUNE' };

/** "Luật Lý lịch tư pháp số 28/2009/QH12" → its number, when SOVANBAN is missing. */
const NUMBER_IN_TEXT = /(\d{1,4}\/\d{4}\/[\p{L}\d-]+(?:-[\p{L}\d]+)*)/u;

export function mapLegalBasis(b: { SOVANBAN: string | null; TENVANBAN: string }): LegalBasisRecord {
  const text = cleanLine(b.TENVANBAN);
  const number = cleanOptional(b.SOVANBAN) ?? NUMBER_IN_TEXT.exec(text)?.[1] ?? null;
  return { text, number: number ? normaliseDocumentNumber(number) : null, numberKey: number ? documentNumberKey(number) : null };
}

const count = (raw: string | null): number | null => (raw !== null && /^\d{1,3}$/.test(raw.trim()) ? Number(raw.trim()) : null);

export function mapProcedure(w: WireProcedure, meta: { fetchedAt: Date; sourceUrl: string | null }): ProcedureRecord {
  const tiers = w.CAPTHUCHIEN.map((c) => {
    const tier = TIERS[c.MACAP.trim()];
    if (!tier) throw new UpstreamFailure('invalid', `unknown level MACAP=${c.MACAP}`);
    return { tier, validFrom: portalDate(c.TUNGAY), validTo: portalDate(c.DENNGAY) };
  });
  const dvc = w.DVCTT;
  const level = dvc?.MUCDO && /^[1-4]$/.test(dvc.MUCDO.trim()) ? Number(dvc.MUCDO.trim()) : null;
  const content = {
    code: cleanLine(w.MATTHC),
    localCode: cleanOptional(w.MATTHCDP),
    name: cleanLine(w.TENTTHC),
    nameEn: cleanOptional(w.TENTTHC_EN),
    summaryEn: cleanBlock(w.MOTA_EN),
    sectorName: cleanOptional(w.TENNGANH),
    tiers,
    details: {
      steps: w.TRINHTUTHUCHIEN.map((s) => cleanBlock(s.TENTRINHTU) ?? '').filter(Boolean),
      components: w.THANHPHANHOSO.flatMap((group) =>
        group.GIAYTO.map((p) => ({
          code: cleanOptional(p.MAGIAYTO),
          name: cleanLine(p.TENGIAYTO),
          originals: count(p.SOBANCHINH),
          copies: count(p.SOBANSAO),
          templateName: cleanOptional(p.TENMAUDON),
          templateUrl: cleanOptional(p.URL),
        })),
      ),
      channels: mapChannels(w.CACHTHUCTHUCHIEN),
      applicants: w.DOITUONGTHUCHIEN.map((a) => cleanLine(a.TENDOITUONG)),
      conditions: cleanBlock(w.YEUCAU),
      results: w.KETQUATHUCHIEN.map((r) => cleanLine(r.TENKETQUA)),
      whereToSubmit: cleanBlock(w.NOITIEPNHAN),
      contact: w.CANBOXULY
        ? { name: cleanOptional(w.CANBOXULY.HOTEN), phone: cleanOptional(w.CANBOXULY.DIENTHOAI), email: cleanOptional(w.CANBOXULY.EMAIL) }
        : null,
      fields: w.LINHVUCTHUCHIEN.map((f) => ({ code: cleanLine(f.MALINHVUC), name: cleanLine(f.TENLINHVUC) })),
      agencies: w.COQUANTHUCHIEN.map((a) => ({ code: cleanLine(a.MADONVI), name: cleanLine(a.TENDONVI) })),
      legalBases: w.CANCUPHAPLY.map(mapLegalBasis),
    },
    effectiveDate: portalDate(w.QUYETDINHCONGBO?.NGAYHIEULUC),
    validFrom: portalDate(w.HIEULUCTU),
    validTo: portalDate(w.HIEULUCDEN),
    announcedBy: cleanOptional(w.QUYETDINHCONGBO?.SOQUYETDINH),
    withdrawn: w.DAHUY ?? false,
    onlineService: dvc
      ? {
          code: cleanLine(dvc.MADVC),
          name: cleanLine(w.TENTTHC),
          level,
          levelSince: level ? portalDate(dvc.NGAYMUCDO) : null,
          scope: dvc.TOANTRINH === null || dvc.TOANTRINH === undefined ? null : dvc.TOANTRINH ? ('FULL' as const) : ('PARTIAL' as const),
          scopeSince: portalDate(dvc.NGAYTOANTRINH),
          portalUrl: cleanOptional(dvc.URL),
          guidance: cleanBlock(dvc.HUONGDAN),
        }
      : null,
  };
  return {
    ...content,
    provenance: {
      system: SYSTEM,
      sourceId: content.code,
      sourceUrl: meta.sourceUrl,
      modifiedAt: portalInstant(w.NGAYCAPNHAT),
      fetchedAt: meta.fetchedAt.toISOString(),
      contentHash: contentHash(content),
    },
  };
}

export function mapPortalDossier(w: WireDossier, fetchedAt: Date): DossierRecord {
  if (!isDossierStatusCode(w.TrangThaiHoSo)) throw new UpstreamFailure('invalid', `unknown dossier status ${w.TrangThaiHoSo}`);
  return {
    code: cleanLine(w.MaHoSo),
    procedureCode: cleanOptional(w.MaTTHC),
    procedureName: cleanOptional(w.TenTTHC),
    status: w.TrangThaiHoSo,
    applicantName: cleanOptional(w.ChuHoSo),
    applicantIdNumber: cleanOptional(w.SoGiayTo),
    applicantPhone: cleanOptional(w.SoDienThoai),
    receivedAt: portalInstant(w.NgayTiepNhan),
    appointmentAt: portalInstant(w.NgayHenTra),
    returnedAt: portalInstant(w.NgayTra),
    handlingUnit: cleanOptional(w.DonViXuLy),
    progress: w.QuaTrinhXuLy.map((p) => ({
      actor: cleanOptional(p.NguoiXuLy),
      role: cleanOptional(p.ChucDanh),
      unit: cleanOptional(p.PhongBanXuLy),
      at: portalInstant(p.ThoiDiemXuLy),
      action: cleanBlock(p.NoiDungXuLy),
      status: p.TrangThai === null || p.TrangThai === undefined || Number.isNaN(Number(p.TrangThai)) ? null : Number(p.TrangThai),
    })),
    fetchedAt: fetchedAt.toISOString(),
  };
}
