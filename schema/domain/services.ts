// The shapes every public-service adapter maps INTO (plain types, no Prisma), and the
// vocabularies of DOMAIN.md §3: procedure tiers, submission channels, time-limit units, dossier
// statuses 1–10, online-service levels in both vocabularies. Wire formats never leak past here.
// The procedure's detail document is a zod schema: it is validated when written and read back.
import { z } from 'zod';
export { contentHash } from './legal.ts';

/** A calendar date, `YYYY-MM-DD`, in Vietnam's calendar. */
export type IsoDate = string;

/** Cấp thực hiện. DISTRICT ended with the 2025 reform (1 July 2025) and is kept for history. */
export const PROCEDURE_TIERS = {
  PROVINCE: { vi: 'Cấp tỉnh', en: 'Province' },
  DISTRICT: { vi: 'Cấp huyện', en: 'District' },
  COMMUNE: { vi: 'Cấp xã', en: 'Commune' },
} as const;
export type ProcedureTier = keyof typeof PROCEDURE_TIERS;

/** KENH: 1 in person, 2 online, 3 post. */
export const CHANNELS = {
  IN_PERSON: { code: 1, vi: 'Trực tiếp', en: 'In person' },
  ONLINE: { code: 2, vi: 'Trực tuyến', en: 'Online' },
  POST: { code: 3, vi: 'Dịch vụ bưu chính', en: 'By post' },
} as const;
export type Channel = keyof typeof CHANNELS;
export const channelOfCode = (code: number): Channel | null => (Object.keys(CHANNELS) as Channel[]).find((c) => CHANNELS[c].code === code) ?? null;

/** DONVITINH of a time limit. OTHER keeps units the hub does not count ("Giờ", "Tháng"). */
export const TIME_UNITS = {
  WORKING_DAYS: { vi: 'Ngày làm việc', en: 'Working days' },
  DAYS: { vi: 'Ngày', en: 'Days' },
  OTHER: { vi: 'Khác', en: 'Other' },
} as const;
export type TimeUnit = keyof typeof TIME_UNITS;

/** TrangThaiHoSo 1–10 (DOMAIN.md §3). */
export const DOSSIER_STATUSES = {
  1: { key: 'REGISTERED', vi: 'Mới đăng ký', en: 'Newly registered' },
  2: { key: 'ACCEPTED', vi: 'Đã tiếp nhận', en: 'Accepted' },
  3: { key: 'NOT_ACCEPTED', vi: 'Không được tiếp nhận', en: 'Not accepted' },
  4: { key: 'PROCESSING', vi: 'Đang xử lý', en: 'Processing' },
  5: { key: 'SUPPLEMENT_REQUESTED', vi: 'Yêu cầu bổ sung giấy tờ', en: 'Supplement requested' },
  6: { key: 'PAYMENT_REQUESTED', vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Financial obligation requested' },
  7: { key: 'WITHDRAWN', vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawn by the applicant' },
  8: { key: 'STOPPED', vi: 'Dừng xử lý', en: 'Processing stopped' },
  9: { key: 'PROCESSED', vi: 'Đã xử lý xong', en: 'Processed' },
  10: { key: 'RETURNED', vi: 'Đã trả kết quả', en: 'Result returned' },
} as const;
export type DossierStatusCode = keyof typeof DOSSIER_STATUSES;
export const isDossierStatusCode = (n: unknown): n is DossierStatusCode => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 10;
/** Statuses after which the dossier no longer runs against its appointment date. */
export const DOSSIER_CLOSED: ReadonlySet<number> = new Set([3, 7, 8, 9, 10]);

/** Online-service scope since 2022 (Nghị định 42/2022/NĐ-CP): toàn trình / một phần. */
export const SERVICE_SCOPES = {
  FULL: { vi: 'Toàn trình', en: 'End-to-end' },
  PARTIAL: { vi: 'Một phần', en: 'Partial' },
} as const;
export type ServiceScope = keyof typeof SERVICE_SCOPES;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const vnd = z.string().regex(/^\d{1,15}$/, 'VND amounts are whole numbers of đồng');

export const feeSchema = z.object({
  code: z.string().nullable(),
  /** Exact amount in đồng (digits), null when the fee is described but not fixed ("Theo quy định"). */
  amountVnd: vnd.nullable(),
  /** DONVI as the source writes it ("Đồng/Hồ sơ", "Đồng/bản"). */
  unit: z.string().nullable(),
  /** MOTA, kept whole. */
  description: z.string().nullable(),
});
export type Fee = z.infer<typeof feeSchema>;

export const timeLimitSchema = z.object({
  /** THOIGIANGIAIQUYET as a decimal ("5", "0.5"), null when only text is given. */
  value: z
    .string()
    .regex(/^\d{1,4}(\.\d{1,2})?$/)
    .nullable(),
  unit: z.enum(['WORKING_DAYS', 'DAYS', 'OTHER']),
  /** The unit or wording as the source wrote it. */
  text: z.string().nullable(),
  description: z.string().nullable(),
  fees: z.array(feeSchema),
});
export type TimeLimit = z.infer<typeof timeLimitSchema>;

export const channelTermsSchema = z.object({
  channel: z.enum(['IN_PERSON', 'ONLINE', 'POST']),
  /** One or more time limits, each with its own fees (e.g. "5 days; 2 days for urgent cases"). */
  timeLimits: z.array(timeLimitSchema),
});
export type ChannelTerms = z.infer<typeof channelTermsSchema>;

export const componentSchema = z.object({
  code: z.string().nullable(),
  name: z.string(),
  originals: z.number().int().min(0).nullable(),
  copies: z.number().int().min(0).nullable(),
  templateName: z.string().nullable(),
  templateUrl: z.string().nullable(),
});

export const legalBasisSchema = z.object({
  /** The reference as the source wrote it ("Luật Lý lịch tư pháp số 28/2009/QH12"). */
  text: z.string(),
  number: z.string().nullable(),
  /** documentNumberKey(number): how it is matched to a legal document. */
  numberKey: z.string().nullable(),
});
export type LegalBasisRecord = z.infer<typeof legalBasisSchema>;

export const procedureDetailsSchema = z.object({
  steps: z.array(z.string()),
  components: z.array(componentSchema),
  channels: z.array(channelTermsSchema),
  applicants: z.array(z.string()),
  conditions: z.string().nullable(),
  results: z.array(z.string()),
  whereToSubmit: z.string().nullable(),
  /** Who handles it (R-4.8: name and contact of the person who handles it). */
  contact: z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }).nullable(),
  fields: z.array(z.object({ code: z.string(), name: z.string() })),
  agencies: z.array(z.object({ code: z.string(), name: z.string() })),
  legalBases: z.array(legalBasisSchema),
});
export type ProcedureDetails = z.infer<typeof procedureDetailsSchema>;

export const tierSchema = z.object({ tier: z.enum(['PROVINCE', 'DISTRICT', 'COMMUNE']), validFrom: date.nullable(), validTo: date.nullable() });
export type TierPeriod = z.infer<typeof tierSchema>;

export interface OnlineServiceRecord {
  code: string;
  name: string;
  level: number | null;
  levelSince: IsoDate | null;
  scope: ServiceScope | null;
  scopeSince: IsoDate | null;
  portalUrl: string | null;
  guidance: string | null;
}

export interface ServiceProvenance {
  system: string;
  sourceId: string;
  sourceUrl: string | null;
  modifiedAt: string | null;
  fetchedAt: string;
  contentHash: string;
}

/** One procedure of the national catalogue, mapped. */
export interface ProcedureRecord {
  code: string;
  localCode: string | null;
  name: string;
  nameEn: string | null;
  summaryEn: string | null;
  sectorName: string | null;
  tiers: TierPeriod[];
  details: ProcedureDetails;
  effectiveDate: IsoDate | null;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  announcedBy: string | null;
  withdrawn: boolean;
  onlineService: OnlineServiceRecord | null;
  provenance: ServiceProvenance;
}

/** A catalogue row of the national portal (agency or field). */
export interface CatalogueRecord {
  kind: 'AGENCY' | 'FIELD';
  code: string;
  name: string;
  parentCode: string | null;
  parentName: string | null;
}

export interface DossierProgressEntry {
  /** Who acted (NguoiXuLy), their title (ChucDanh) and unit (PhongBanXuLy). */
  actor: string | null;
  role: string | null;
  unit: string | null;
  /** ISO instant. */
  at: string | null;
  action: string | null;
  status: number | null;
}

/** A dossier as the one-stop system reports it. Personal fields stay inside the hub. */
export interface DossierRecord {
  code: string;
  procedureCode: string | null;
  procedureName: string | null;
  status: DossierStatusCode;
  applicantName: string | null;
  /** ID number and phone: only used to check the asker, never stored or answered. */
  applicantIdNumber: string | null;
  applicantPhone: string | null;
  receivedAt: string | null;
  appointmentAt: string | null;
  returnedAt: string | null;
  handlingUnit: string | null;
  progress: DossierProgressEntry[];
  fetchedAt: string;
}

/** Dossiers of one service at one agency in one month. */
export interface UsageStatRecord {
  serviceCode: string;
  agencyCode: string;
  /** YYYY-MM */
  month: string;
  received: number;
  receivedOnline: number;
  processed: number;
  onTime: number;
  late: number;
}

/** "Nguyễn Văn An" → "Nguyễn V. A.": enough for the applicant to recognise, not to identify. */
export function maskPersonName(name: string | null): string {
  if (!name) return '';
  const parts = name.normalize('NFC').trim().split(/\s+/u);
  if (parts.length === 1) return `${[...parts[0]!][0]}.`;
  return [parts[0], ...parts.slice(1).map((p) => `${[...p][0]!.toUpperCase()}.`)].join(' ');
}
