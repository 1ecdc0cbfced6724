// Typed payloads of the SOAP shape (legal-db.wsdl), validated with zod when they arrive: the
// soap package returns whatever the XML held, so shapes are checked here, not trusted.
// What the soap client does to values: xsd:date/dateTime → Date (UTC), xsd:int → number,
// xsd:boolean → boolean; a repeated element may arrive as one object or as an array; an empty
// wrapper element may arrive as "" or be missing. `list` and `when` absorb those.
import { z } from 'zod';
import { soapList, soapOptional } from '../kit/soap.ts';

/** One or many or none → always an array (the kit's soapList). */
export const list = soapList;
const when = soapOptional;

const text = z.string();
const optionalText = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().optional());
/** xsd:date / xsd:dateTime as the soap client returns them (Date) or as text. */
const instant = z.union([z.date(), z.string()]);

export const codeName = z.object({ Ma: text, Ten: text });

export const soapSummary = z.object({
  Id: text,
  SoKyHieu: text,
  TenVanBan: text,
  LoaiVanBan: codeName,
  NgayBanHanh: instant.optional(),
  NgayCapNhat: instant,
  DaThuHoi: z.coerce.boolean(),
});
export type SoapSummary = z.infer<typeof soapSummary>;

export const soapSearchResponse = z.object({
  TongSo: z.coerce.number().int().nonnegative(),
  DanhSach: when(z.object({ VanBan: list(soapSummary) })),
});
export type SoapSearchResponse = z.infer<typeof soapSearchResponse>;

export const soapIssuerRow = z.object({ CoQuan: text, ChucDanh: optionalText, NguoiKy: optionalText });
export const soapFile = z.object({
  TenTep: text,
  KieuTep: text,
  KichThuoc: z.coerce.number().int().nonnegative().optional(),
  Sha256: optionalText,
  DuongDan: text,
});
export const soapGazette = z.object({
  TuSo: z.coerce.number().int(),
  DenSo: z.coerce.number().int(),
  Nam: z.coerce.number().int(),
  NgayDang: instant.optional(),
});

export const soapDetail = z.object({
  Id: text,
  SoKyHieu: text,
  TenVanBan: text,
  TrichYeu: text,
  LoaiVanBan: codeName,
  NgayBanHanh: instant.optional(),
  NgayCoHieuLuc: instant.optional(),
  NgayHetHieuLuc: instant.optional(),
  NgayDangCongBao: instant.optional(),
  NguonThuThap: optionalText,
  CoQuanBanHanh: z.object({ DongBanHanh: list(soapIssuerRow) }),
  PhamVi: optionalText,
  LinhVuc: when(z.object({ Ten: list(text) })),
  TinhTrangHieuLuc: when(codeName),
  ToanVan: optionalText,
  TepDinhKem: when(z.object({ Tep: list(soapFile) })),
  CongBao: when(z.object({ SoCongBao: list(soapGazette) })),
  DuongDan: text,
  NgayCapNhat: instant,
  DaThuHoi: z.coerce.boolean(),
});
export type SoapDetail = z.infer<typeof soapDetail>;

/** GetDocument: null/empty when the id is unknown. */
export const soapGetDocumentResponse = z.preprocess((v) => (v === null || v === '' ? {} : v), z.object({ VanBan: when(soapDetail) }));

export const soapRelation = z.object({ Loai: text, VanBanId: optionalText, SoKyHieu: optionalText, TenVanBan: optionalText });
export type SoapRelation = z.infer<typeof soapRelation>;
export const soapRelationsResponse = z.preprocess((v) => (v === null || v === '' ? {} : v), z.object({ QuanHe: list(soapRelation) }));

export const soapHistoryRow = z.object({
  Ngay: instant,
  HanhDong: text,
  VanBanId: optionalText,
  SoKyHieu: optionalText,
  PhamViAnhHuong: optionalText,
});
export type SoapHistoryRow = z.infer<typeof soapHistoryRow>;
export const soapHistoryResponse = z.preprocess((v) => (v === null || v === '' ? {} : v), z.object({ LichSu: list(soapHistoryRow) }));

/** What the client sends to SearchDocuments. Dates go as ISO text: the soap package writes Date objects as empty elements. */
export interface SoapSearchRequest {
  TrangSo: number;
  SoBanGhi: number;
  CapNhatTu?: string;
  SoKyHieu?: string;
  TuKhoa?: string;
}

/** GetDocument + GetRelations + GetValidityHistory: the three calls one document needs. */
export interface SoapDocumentBundle {
  detail: SoapDetail;
  relations: SoapRelation[];
  history: SoapHistoryRow[];
}
