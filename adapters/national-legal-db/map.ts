// Wire → LegalDocumentRecord, for both upstream shapes. Every string is NFC with legacy 8-bit
// encodings repaired; numbers are normalised; dates become Vietnam calendar dates; the kind
// comes from the number's suffix when the listing disagrees (DOMAIN.md §2); lists are sorted
// so that the content hash only changes when the content does.
import {
  contentHash,
  documentNumber,
  isValidityStatus,
  resolveDocumentType,
  type DocumentRelation,
  type DocumentTypeRef,
  type GazettePublication,
  type IsoDate,
  type LegalDocumentRecord,
  type LegalDocumentSummary,
  type RelationType,
  type ValidityAction,
  type ValidityEvent,
} from '../../schema/domain/legal.ts';
import { foldVietnamese, normaliseDocumentNumber } from '../../schema/text/vietnamese.ts';
import { cleanBlock, cleanLine, cleanOptional, vietnamDate, vietnamInstant } from '../kit/text.ts';
import type { JsonDetail, JsonItem } from './wire-json.ts';
import type { SoapDocumentBundle, SoapSummary } from './wire-soap.ts';

export const SYSTEM = 'national-legal-db';

export interface MapContext {
  fetchedAt: Date;
}

/** The upstream's relation codes (both shapes use the national database's vocabulary). */
const RELATIONS: Readonly<Record<string, RelationType>> = {
  CanCu: 'BASED_ON',
  LaCanCu: 'BASIS_OF',
  HuongDan: 'GUIDES',
  DuocHuongDan: 'GUIDED_BY',
  SuaDoi: 'AMENDS',
  BiSuaDoi: 'AMENDED_BY',
  BoSung: 'SUPPLEMENTS',
  DuocBoSung: 'SUPPLEMENTED_BY',
  ThayThe: 'REPLACES',
  BiThayThe: 'REPLACED_BY',
  BaiBo: 'REPEALS',
  BiBaiBo: 'REPEALED_BY',
  HetHieuLuc: 'EXPIRES',
  BiHetHieuLuc: 'EXPIRED_BY',
  HetHieuLucMotPhan: 'PARTLY_EXPIRES',
  BiHetHieuLucMotPhan: 'PARTLY_EXPIRED_BY',
  DinhChinh: 'CORRECTS',
  DuocDinhChinh: 'CORRECTED_BY',
  HopNhat: 'CONSOLIDATES',
  DuocHopNhat: 'CONSOLIDATED_BY',
  NgungHieuLuc: 'SUSPENDS',
  BiNgungHieuLuc: 'SUSPENDED_BY',
  NgungHieuLucMotPhan: 'PARTLY_SUSPENDS',
  BiNgungHieuLucMotPhan: 'PARTLY_SUSPENDED_BY',
  DanChieu: 'REFERENCES',
  DuocDanChieu: 'REFERENCED_BY',
  LienQuan: 'RELATED',
};

const ACTIONS: Readonly<Record<string, ValidityAction>> = {
  BanHanh: 'ISSUED',
  CoHieuLuc: 'TOOK_EFFECT',
  HetHieuLuc: 'EXPIRED',
  HetHieuLucMotPhan: 'PARTLY_EXPIRED',
  BiThayThe: 'REPLACED',
  BiBaiBo: 'REPEALED',
  BiBaiBoMotPhan: 'PARTLY_REPEALED',
  DuocSuaDoi: 'AMENDED',
  DuocSuaDoiMotPhan: 'PARTLY_AMENDED',
  DuocBoSung: 'SUPPLEMENTED',
  NgungHieuLuc: 'SUSPENDED',
  NgungHieuLucMotPhan: 'PARTLY_SUSPENDED',
};

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
};

const collator = new Intl.Collator('vi');

/** The kind from the number's suffix; else from the listing's name (repaired first); else OTHER. */
const resolveType = (listing: { name: string }, number: string): DocumentTypeRef => resolveDocumentType(cleanLine(listing.name), number);

/** "Công báo số 1271 đến 1276, năm 2015" → {from 1271, to 1276, year 2015}. */
export function parseCollectedFrom(text: string | null | undefined, publishedDate: IsoDate | null): GazettePublication[] {
  const match = text ? /so\s+(\d+)(?:\s*(?:den|-)\s*(\d+))?\D*?nam\s+(\d{4})/.exec(foldVietnamese(cleanLine(text))) : null;
  if (!match) return [];
  const from = Number(match[1]);
  return [{ from, to: Number(match[2] ?? from), year: Number(match[3]), publishedDate }];
}

const relation = (code: string, id: string | null | undefined, number: string | null | undefined, title: string | null | undefined): DocumentRelation => ({
  // An unknown code still links the two documents, as the weakest relation.
  type: RELATIONS[code] ?? 'RELATED',
  targetSourceId: id || null,
  targetNumber: number ? normaliseDocumentNumber(cleanLine(number)) : null,
  targetTitle: cleanOptional(title),
});

function historyEvent(
  date: Date | string,
  code: string,
  id: string | null | undefined,
  number: string | null | undefined,
  scope: string | null | undefined,
): ValidityEvent | null {
  const action = ACTIONS[code];
  const day = vietnamDate(date);
  if (!action || !day) return null; // a row we cannot represent is dropped, not guessed
  const source = id || number ? { sourceId: id || null, number: number ? normaliseDocumentNumber(cleanLine(number)) : null } : null;
  return { date: day, action, sourceDocument: source, scopeText: cleanOptional(scope) };
}

const file = (name: string, type: string, size: number | null | undefined, sha256: string | null | undefined, url: string) => ({
  name: cleanLine(name),
  mediaType: MEDIA_TYPES[type.toLowerCase().replace(/^\./, '')] ?? 'application/octet-stream',
  size: size ?? null,
  sha256: sha256 ? sha256.toLowerCase() : null,
  sourceUrl: url,
});

/** Sort lists, then stamp provenance with the content hash. */
function finish(record: Omit<LegalDocumentRecord, 'provenance'>, sourceId: string, sourceUrl: string | null, ctx: MapContext): LegalDocumentRecord {
  const content: Omit<LegalDocumentRecord, 'provenance'> = {
    ...record,
    fields: [...new Set(record.fields)].sort(collator.compare),
    relations: [...record.relations].sort(
      (a, b) =>
        a.type.localeCompare(b.type) ||
        (a.targetNumber ?? '').localeCompare(b.targetNumber ?? '') ||
        (a.targetSourceId ?? '').localeCompare(b.targetSourceId ?? ''),
    ),
    validityHistory: [...record.validityHistory].sort((a, b) => a.date.localeCompare(b.date) || a.action.localeCompare(b.action)),
  };
  const provenance = { system: SYSTEM, sourceId, sourceUrl, fetchedAt: ctx.fetchedAt.toISOString(), contentHash: contentHash(content) };
  return { ...content, provenance };
}

export function mapSoapSummary(s: SoapSummary): LegalDocumentSummary {
  const number = cleanLine(s.SoKyHieu);
  return {
    sourceId: s.Id,
    number: documentNumber(number),
    title: cleanLine(s.TenVanBan),
    type: resolveType({ name: s.LoaiVanBan.Ten }, number),
    issueDate: vietnamDate(s.NgayBanHanh),
    modifiedAt: vietnamInstant(s.NgayCapNhat),
    withdrawn: s.DaThuHoi,
  };
}

export function mapSoapDocument({ detail: d, relations, history }: SoapDocumentBundle, ctx: MapContext): LegalDocumentRecord {
  const number = cleanLine(d.SoKyHieu);
  const gazetteDate = vietnamDate(d.NgayDangCongBao);
  const listed = (d.CongBao?.SoCongBao ?? []).map((g) => ({ from: g.TuSo, to: g.DenSo, year: g.Nam, publishedDate: vietnamDate(g.NgayDang) ?? gazetteDate }));
  const status = d.TinhTrangHieuLuc?.Ma;
  return finish(
    {
      type: resolveType({ name: d.LoaiVanBan.Ten }, number),
      number: documentNumber(number),
      title: cleanLine(d.TenVanBan),
      summary: cleanLine(d.TrichYeu),
      issuers: d.CoQuanBanHanh.DongBanHanh.map((r) => ({
        agency: cleanLine(r.CoQuan),
        signerName: cleanOptional(r.NguoiKy),
        signerTitle: cleanOptional(r.ChucDanh),
      })),
      issueDate: vietnamDate(d.NgayBanHanh),
      effectiveDate: vietnamDate(d.NgayCoHieuLuc),
      expiryDate: vietnamDate(d.NgayHetHieuLuc),
      status: isValidityStatus(status) ? status : null,
      validityHistory: history.map((h) => historyEvent(h.Ngay, h.HanhDong, h.VanBanId, h.SoKyHieu, h.PhamViAnhHuong)).filter((e) => e !== null),
      relations: relations.map((r) => relation(r.Loai, r.VanBanId, r.SoKyHieu, r.TenVanBan)),
      fields: (d.LinhVuc?.Ten ?? []).map(cleanLine).filter(Boolean),
      scope: cleanOptional(d.PhamVi),
      fullText: cleanBlock(d.ToanVan),
      files: (d.TepDinhKem?.Tep ?? []).map((f) => file(f.TenTep, f.KieuTep, f.KichThuoc, f.Sha256, f.DuongDan)),
      gazette: listed.length ? listed : parseCollectedFrom(d.NguonThuThap, gazetteDate),
      withdrawn: d.DaThuHoi,
    },
    d.Id,
    d.DuongDan,
    ctx,
  );
}

export function mapJsonSummary(item: JsonItem): LegalDocumentSummary {
  const number = cleanLine(item.docNum);
  return {
    sourceId: item.id,
    number: documentNumber(number),
    title: cleanLine(item.title),
    type: resolveType(item.docType, number),
    issueDate: vietnamDate(item.issueDate),
    modifiedAt: vietnamInstant(item.updatedAt),
    withdrawn: item.deleted ?? false,
  };
}

export function mapJsonDocument(d: JsonDetail, ctx: MapContext): LegalDocumentRecord {
  const number = cleanLine(d.docNum);
  const gazetteDate = vietnamDate(d.publicDate);
  const listed = d.gazettes.map((g) => ({ from: g.fromNumber, to: g.toNumber, year: g.year, publishedDate: vietnamDate(g.publicDate) ?? gazetteDate }));
  const issuers = d.documentIssues.length
    ? d.documentIssues.map((i) => ({
        agency: cleanLine(i.agencyName ?? d.agencyName ?? ''),
        signerName: cleanOptional(i.personName),
        signerTitle: cleanOptional(i.position),
      }))
    : [{ agency: cleanLine(d.agencyName ?? ''), signerName: null, signerTitle: null }];
  const status = d.effStatus?.code;
  return finish(
    {
      type: resolveType(d.docType, number),
      number: documentNumber(number),
      title: cleanLine(d.title),
      summary: cleanLine(d.docAbs ?? ''),
      issuers,
      issueDate: vietnamDate(d.issueDate),
      effectiveDate: vietnamDate(d.effFrom),
      expiryDate: vietnamDate(d.effTo),
      status: isValidityStatus(status) ? status : null,
      validityHistory: d.effHistories
        .map((h) => historyEvent(h.date, h.action, h.targetDocument?.id, h.targetDocument?.docNum, h.scope))
        .filter((e) => e !== null),
      relations: d.references.map((r) => relation(r.referenceType, r.targetDocument.id, r.targetDocument.docNum, r.targetDocument.title)),
      fields: d.documentFields.map((f) => cleanLine(f.name)).filter(Boolean),
      scope: cleanOptional(d.scope),
      fullText: cleanBlock(d.content),
      files: d.attachments.map((f) => file(f.fileName, f.fileType, f.size, f.sha256, f.url)),
      gazette: listed.length ? listed : parseCollectedFrom(d.sourceName, gazetteDate),
      withdrawn: d.deleted ?? false,
    },
    d.id,
    d.url,
    ctx,
  );
}
