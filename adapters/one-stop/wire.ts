// Typed payloads of the one-stop SOAP shape (one-stop.wsdl), validated with zod on arrival.
// The soap client turns xsd:dateTime into Date (UTC instants) and xsd:int into numbers; a
// repeated element may arrive as one object or an array (soapList absorbs it).
import { z } from 'zod';
import { soapList, soapOptional } from '../kit/soap.ts';

const optionalText = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().optional());
const instant = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.union([z.date(), z.string()]).optional());
const count = z.coerce.number().int().nonnegative().max(10_000_000);

export const soapProgress = z.object({
  NguoiXuLy: optionalText,
  ChucDanh: optionalText,
  ThoiDiemXuLy: instant,
  PhongBanXuLy: optionalText,
  NoiDungXuLy: optionalText,
  TrangThai: z.coerce.number().int().optional(),
});

export const soapDossier = z.object({
  MaHoSo: z.string(),
  MaTTHC: optionalText,
  TenTTHC: optionalText,
  ChuHoSo: optionalText,
  SoGiayTo: optionalText,
  SoDienThoai: optionalText,
  NgayTiepNhan: instant,
  NgayHenTra: instant,
  NgayTra: instant,
  TrangThaiHoSo: z.coerce.number().int(),
  DonViXuLy: optionalText,
  QuaTrinhXuLy: soapOptional(z.object({ TienDo: soapList(soapProgress) })),
});
export type SoapDossier = z.infer<typeof soapDossier>;

export const soapDossierResponse = z.preprocess((v) => (v === null || v === '' ? {} : v), z.object({ HoSo: soapOptional(soapDossier) }));

export const soapUsageRow = z.object({
  MaDichVu: z.string(),
  MaDonVi: z.string(),
  Thang: z.string().regex(/^\d{4}-\d{2}$/),
  TiepNhan: count,
  TiepNhanTrucTuyen: count,
  DaXuLy: count,
  DungHan: count,
  TreHan: count,
});
export const soapUsageResponse = z.preprocess((v) => (v === null || v === '' ? {} : v), z.object({ ThongKe: soapList(soapUsageRow) }));
