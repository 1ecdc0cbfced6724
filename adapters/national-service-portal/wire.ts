// The national public-service portal as reached through the integration platform (LGSP/NGSP),
// DOMAIN.md §3: a REST/JSON session protocol. Login `{username, password}` → `{session,
// error_code: 0}`; every call `POST {session, madonvi, service: "<Name>", ...}` →
// `{error_code, result[]}`. Field names are the portal's own. [V] = seen in DOMAIN.md's sources;
// [I] = inferred (names and codes the facts do not give; kept in the portal's naming style).
// Shapes are checked on arrival; unknown keys ("__proto__" included) are dropped by zod.
import { z } from 'zod';

/** Codes of `error_code`: 0 success [V]; 2 the session is unknown or expired [I]. */
export const ERROR_OK = 0;
export const ERROR_SESSION = 2;

export const SERVICES = ['LayDanhMucCoQuan', 'LayDanhMucLinhVuc', 'LayDanhSachTTHC', 'LayThuTuc', 'TraCuuHoSo', 'LayDanhSachHoiDap', 'DongBoHoiDap'] as const;
export type ServiceName = (typeof SERVICES)[number];

export const loginRequest = z.object({ username: z.string(), password: z.string() });
export const loginResponse = z.object({ error_code: z.number().int(), session: z.string().max(500).optional(), message: z.string().optional() });

/** Every call: the session, the caller's unit code (madonvi) and the service name, plus its parameters. */
export interface CallRequest {
  session: string;
  madonvi: string;
  service: ServiceName;
  [param: string]: unknown;
}

/** Text the portal sometimes sends as a number ("SOTIEN": 200000) or null. */
const text = z.union([z.string(), z.number()]).transform(String);
const optText = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined ? null : String(v)));
const flag = z.union([z.boolean(), z.literal('0'), z.literal('1'), z.literal(0), z.literal(1)]).transform((v) => v === true || v === '1' || v === 1);
const list = <T extends z.ZodTypeAny>(item: T) =>
  z
    .array(item)
    .max(500)
    .nullish()
    .transform((v) => v ?? []);

export const callResponse = z.object({
  error_code: z.number().int(),
  message: z.string().optional(),
  /** Total rows for paged services [I]. */
  total: z.number().int().nonnegative().optional(),
  result: z.array(z.unknown()).max(1000).nullish(),
});

/** LayDanhMucCoQuan [V]: MADONVI, TENDONVI; the parent [I]. */
export const wireAgency = z.object({ MADONVI: text, TENDONVI: text, MADONVICHA: optText });
/** LayDanhMucLinhVuc [V]: MALINHVUC, TENLINHVUC; its sector (ngành) [I]. */
export const wireField = z.object({ MALINHVUC: text, TENLINHVUC: text, MANGANH: optText, TENNGANH: optText });

/** LayDanhSachTTHC: one summary per procedure [V codes/names; I dates and the withdrawn flag]. */
export const wireProcedureSummary = z.object({ MATTHC: text, TENTTHC: text, NGAYCAPNHAT: optText, DAHUY: flag.optional() });

export const wireFee = z.object({ MAPHILEPHI: optText, SOTIEN: optText, DONVI: optText, MOTA: optText });
export const wireTime = z.object({ THOIGIANGIAIQUYET: optText, DONVITINH: optText, MOTA: optText, PHILEPHI: list(wireFee) });
/** KENH 1 in person, 2 online, 3 post [V]. */
export const wireChannel = z.object({ KENH: z.union([z.string(), z.number()]).transform(Number), THOIGIAN: list(wireTime) });
export const wirePaper = z.object({ MAGIAYTO: optText, TENGIAYTO: text, SOBANCHINH: optText, SOBANSAO: optText, TENMAUDON: optText, URL: optText });

/** LayThuTuc: the full record [V unless marked]. */
export const wireProcedure = z.object({
  MATTHC: text,
  /** Local variant code [I name]. */
  MATTHCDP: optText,
  TENTTHC: text,
  /** English name and summary for procedures that concern foreigners [I]. */
  TENTTHC_EN: optText,
  MOTA_EN: optText,
  /** Sector (ngành) [I]. */
  TENNGANH: optText,
  LINHVUCTHUCHIEN: list(z.object({ MALINHVUC: text, TENLINHVUC: text })),
  /** Implementation level: MACAP 1 province, 2 district, 3 commune, with dates [I shape]. */
  CAPTHUCHIEN: list(z.object({ MACAP: text, TUNGAY: optText, DENNGAY: optText })),
  TRINHTUTHUCHIEN: list(z.object({ TENTRINHTU: text })),
  CACHTHUCTHUCHIEN: list(wireChannel),
  THANHPHANHOSO: list(z.object({ TRUONGHOP: optText, GIAYTO: list(wirePaper) })),
  DOITUONGTHUCHIEN: list(z.object({ TENDOITUONG: text })),
  YEUCAU: optText,
  KETQUATHUCHIEN: list(z.object({ TENKETQUA: text })),
  CANCUPHAPLY: list(z.object({ SOVANBAN: optText, TENVANBAN: text })),
  COQUANTHUCHIEN: list(z.object({ MADONVI: text, TENDONVI: text })),
  /** Where to submit, and who handles it (R-4.8) [I]. */
  NOITIEPNHAN: optText,
  CANBOXULY: z.object({ HOTEN: optText, DIENTHOAI: optText, EMAIL: optText }).nullish(),
  /** The announcing decision and the effective date of the rule behind the procedure [I]. */
  QUYETDINHCONGBO: z.object({ SOQUYETDINH: optText, NGAYHIEULUC: optText }).nullish(),
  HIEULUCTU: optText,
  HIEULUCDEN: optText,
  /** Online service: mức độ (2–4), toàn trình, since when, its page and guidance [I]. */
  DVCTT: z
    .object({ MADVC: text, MUCDO: optText, NGAYMUCDO: optText, TOANTRINH: flag.nullish(), NGAYTOANTRINH: optText, URL: optText, HUONGDAN: optText })
    .nullish(),
  NGAYCAPNHAT: optText,
  DAHUY: flag.optional(),
});
export type WireProcedure = z.infer<typeof wireProcedure>;
export type WireProcedureSummary = z.infer<typeof wireProcedureSummary>;

/** TraCuuHoSo: a dossier with its progress [V field names, DOMAIN.md §3]. */
export const wireDossier = z.object({
  MaHoSo: text,
  MaTTHC: optText,
  TenTTHC: optText,
  ChuHoSo: optText,
  SoGiayTo: optText,
  SoDienThoai: optText,
  NgayTiepNhan: optText,
  NgayHenTra: optText,
  NgayTra: optText,
  TrangThaiHoSo: z.union([z.string(), z.number()]).transform(Number),
  DonViXuLy: optText,
  QuaTrinhXuLy: list(
    z.object({
      NguoiXuLy: optText,
      ChucDanh: optText,
      ThoiDiemXuLy: optText,
      PhongBanXuLy: optText,
      NoiDungXuLy: optText,
      TrangThai: z.union([z.string(), z.number(), z.null()]).optional(),
    }),
  ),
});
export type WireDossier = z.infer<typeof wireDossier>;

/**
 * Q&A sync [V: the portal has Q&A sync services; I: their names and fields]. LayDanhSachHoiDap
 * lists questions citizens sent to the province through the national portal since `tungay`;
 * DongBoHoiDap sends back the province's answer to one of them (keyed by MAHOIDAP, so a
 * repeated push updates rather than duplicates).
 */
export const wireQuestion = z.object({
  MAHOIDAP: text,
  TIEUDE: text,
  NOIDUNG: text,
  HOTEN: text,
  EMAIL: optText,
  DIENTHOAI: optText,
  LINHVUC: optText,
  NGAYGUI: optText,
});
export type WireQuestion = z.infer<typeof wireQuestion>;

export interface WireAnswerPush {
  MAHOIDAP: string;
  NOIDUNGTRALOI: string;
  COQUANTRALOI: string | null;
  NGAYTRALOI: string;
}
