// The shapes every legal-document and gazette adapter maps INTO (plain types, no Prisma).
// Vocabulary from DOMAIN.md §1–2: validity codes, validity-history actions, relation types
// with their inverses, document kinds by number suffix. Wire formats never leak past here.
import { createHash } from 'node:crypto';
import { documentNumberKey, foldVietnamese, normaliseDocumentNumber } from '../text/vietnamese.ts';

/** A calendar date, `YYYY-MM-DD`, in Vietnam's calendar (no time, no zone). */
export type IsoDate = string;

export const VALIDITY_STATUSES = {
  CHL: { vi: 'Còn hiệu lực', en: 'In force' },
  HHL: { vi: 'Hết hiệu lực toàn bộ', en: 'Expired' },
  HHL1P: { vi: 'Hết hiệu lực một phần', en: 'Partly expired' },
  CCHL: { vi: 'Chưa có hiệu lực', en: 'Not yet in force' },
  TNHL: { vi: 'Ngưng hiệu lực toàn bộ', en: 'Suspended' },
  TNHL1P: { vi: 'Ngưng hiệu lực một phần', en: 'Partly suspended' },
  KCPH: { vi: 'Không còn phù hợp', en: 'No longer suitable' },
} as const;
export type ValidityStatus = keyof typeof VALIDITY_STATUSES;
export const isValidityStatus = (code: unknown): code is ValidityStatus => typeof code === 'string' && Object.hasOwn(VALIDITY_STATUSES, code);

/** Validity-history actions (DOMAIN.md §1 [R]). */
export const VALIDITY_ACTIONS = {
  ISSUED: { vi: 'Ban hành', en: 'Issued' },
  TOOK_EFFECT: { vi: 'Có hiệu lực', en: 'Took effect' },
  EXPIRED: { vi: 'Hết hiệu lực', en: 'Expired' },
  PARTLY_EXPIRED: { vi: 'Hết hiệu lực một phần', en: 'Partly expired' },
  REPLACED: { vi: 'Bị thay thế', en: 'Replaced' },
  REPEALED: { vi: 'Bị bãi bỏ', en: 'Repealed' },
  PARTLY_REPEALED: { vi: 'Bị bãi bỏ một phần', en: 'Partly repealed' },
  AMENDED: { vi: 'Được sửa đổi', en: 'Amended' },
  PARTLY_AMENDED: { vi: 'Được sửa đổi một phần', en: 'Partly amended' },
  SUPPLEMENTED: { vi: 'Được bổ sung', en: 'Supplemented' },
  SUSPENDED: { vi: 'Bị ngưng hiệu lực', en: 'Suspended' },
  PARTLY_SUSPENDED: { vi: 'Bị ngưng hiệu lực một phần', en: 'Partly suspended' },
} as const;
export type ValidityAction = keyof typeof VALIDITY_ACTIONS;
export const isValidityAction = (code: unknown): code is ValidityAction => typeof code === 'string' && Object.hasOwn(VALIDITY_ACTIONS, code);

/**
 * Relation types, each read from the document that holds it: "A AMENDS B" is stored on A and
 * shows on B as AMENDED_BY A. Every type names its inverse; RELATED is its own inverse.
 */
export const RELATION_TYPES = {
  AMENDS: { inverse: 'AMENDED_BY', vi: 'Sửa đổi', en: 'Amends' },
  AMENDED_BY: { inverse: 'AMENDS', vi: 'Bị sửa đổi bởi', en: 'Amended by' },
  SUPPLEMENTS: { inverse: 'SUPPLEMENTED_BY', vi: 'Bổ sung', en: 'Supplements' },
  SUPPLEMENTED_BY: { inverse: 'SUPPLEMENTS', vi: 'Được bổ sung bởi', en: 'Supplemented by' },
  REPLACES: { inverse: 'REPLACED_BY', vi: 'Thay thế', en: 'Replaces' },
  REPLACED_BY: { inverse: 'REPLACES', vi: 'Bị thay thế bởi', en: 'Replaced by' },
  REPEALS: { inverse: 'REPEALED_BY', vi: 'Bãi bỏ', en: 'Repeals' },
  REPEALED_BY: { inverse: 'REPEALS', vi: 'Bị bãi bỏ bởi', en: 'Repealed by' },
  EXPIRES: { inverse: 'EXPIRED_BY', vi: 'Làm hết hiệu lực', en: 'Ends the validity of' },
  EXPIRED_BY: { inverse: 'EXPIRES', vi: 'Bị hết hiệu lực bởi', en: 'Validity ended by' },
  PARTLY_EXPIRES: { inverse: 'PARTLY_EXPIRED_BY', vi: 'Làm hết hiệu lực một phần', en: 'Partly ends the validity of' },
  PARTLY_EXPIRED_BY: { inverse: 'PARTLY_EXPIRES', vi: 'Bị hết hiệu lực một phần bởi', en: 'Validity partly ended by' },
  GUIDES: { inverse: 'GUIDED_BY', vi: 'Hướng dẫn', en: 'Guides' },
  GUIDED_BY: { inverse: 'GUIDES', vi: 'Được hướng dẫn bởi', en: 'Guided by' },
  BASED_ON: { inverse: 'BASIS_OF', vi: 'Căn cứ', en: 'Based on' },
  BASIS_OF: { inverse: 'BASED_ON', vi: 'Là căn cứ của', en: 'Basis of' },
  CORRECTS: { inverse: 'CORRECTED_BY', vi: 'Đính chính', en: 'Corrects' },
  CORRECTED_BY: { inverse: 'CORRECTS', vi: 'Được đính chính bởi', en: 'Corrected by' },
  CONSOLIDATES: { inverse: 'CONSOLIDATED_BY', vi: 'Hợp nhất', en: 'Consolidates' },
  CONSOLIDATED_BY: { inverse: 'CONSOLIDATES', vi: 'Được hợp nhất bởi', en: 'Consolidated by' },
  SUSPENDS: { inverse: 'SUSPENDED_BY', vi: 'Ngưng hiệu lực', en: 'Suspends' },
  SUSPENDED_BY: { inverse: 'SUSPENDS', vi: 'Bị ngưng hiệu lực bởi', en: 'Suspended by' },
  PARTLY_SUSPENDS: { inverse: 'PARTLY_SUSPENDED_BY', vi: 'Ngưng hiệu lực một phần', en: 'Partly suspends' },
  PARTLY_SUSPENDED_BY: { inverse: 'PARTLY_SUSPENDS', vi: 'Bị ngưng hiệu lực một phần bởi', en: 'Partly suspended by' },
  REFERENCES: { inverse: 'REFERENCED_BY', vi: 'Dẫn chiếu', en: 'References' },
  REFERENCED_BY: { inverse: 'REFERENCES', vi: 'Được dẫn chiếu bởi', en: 'Referenced by' },
  RELATED: { inverse: 'RELATED', vi: 'Văn bản liên quan', en: 'Related' },
} as const;
export type RelationType = keyof typeof RELATION_TYPES;
export const isRelationType = (code: unknown): code is RelationType => typeof code === 'string' && Object.hasOwn(RELATION_TYPES, code);
export const inverseRelation = (type: RelationType): RelationType => RELATION_TYPES[type].inverse;

/** Document kinds. `suffix` is the kind token of a number ("QĐ" in "26/2017/QĐ-UBND"). */
export const DOCUMENT_TYPES = {
  LAW: { vi: 'Luật', suffix: null },
  CODE: { vi: 'Bộ luật', suffix: null },
  ORDINANCE: { vi: 'Pháp lệnh', suffix: 'PL' },
  ORDER: { vi: 'Lệnh', suffix: 'L' },
  RESOLUTION: { vi: 'Nghị quyết', suffix: 'NQ' },
  JOINT_RESOLUTION: { vi: 'Nghị quyết liên tịch', suffix: 'NQLT' },
  DECREE: { vi: 'Nghị định', suffix: 'NĐ' },
  DECISION: { vi: 'Quyết định', suffix: 'QĐ' },
  CIRCULAR: { vi: 'Thông tư', suffix: 'TT' },
  JOINT_CIRCULAR: { vi: 'Thông tư liên tịch', suffix: 'TTLT' },
  DIRECTIVE: { vi: 'Chỉ thị', suffix: 'CT' },
  CONSOLIDATED_TEXT: { vi: 'Văn bản hợp nhất', suffix: 'VBHN' },
  OTHER: { vi: 'Văn bản khác', suffix: null },
} as const;
export type DocumentTypeCode = keyof typeof DOCUMENT_TYPES;
export interface DocumentTypeRef {
  code: DocumentTypeCode;
  name: string;
}
export const documentType = (code: DocumentTypeCode): DocumentTypeRef => ({ code, name: DOCUMENT_TYPES[code].vi });

const DOCUMENT_TYPE_CODES = Object.keys(DOCUMENT_TYPES) as DocumentTypeCode[];
/** Kind by the key of its number suffix ("QD" → DECISION), and by its folded name ("quyet dinh"). */
const TYPE_BY_SUFFIX_KEY = new Map(
  DOCUMENT_TYPE_CODES.flatMap((c) => (DOCUMENT_TYPES[c].suffix ? [[documentNumberKey(DOCUMENT_TYPES[c].suffix), c] as const] : [])),
);
const TYPE_BY_NAME = new Map(DOCUMENT_TYPE_CODES.map((c) => [foldVietnamese(DOCUMENT_TYPES[c].vi), c] as const));

/**
 * The kind a number's suffix names ("26/2017/QĐ-UBND" → DECISION), or null when the number
 * has no kind token ("77/2015/QH13" is a law or a resolution: the listing must decide).
 */
export function documentTypeFromNumber(raw: string): DocumentTypeCode | null {
  const parts = documentNumberKey(raw).split('/');
  const tail = parts[parts.length - 1] ?? '';
  const kind = tail.includes('-') ? tail.slice(0, tail.indexOf('-')) : '';
  return (kind && TYPE_BY_SUFFIX_KEY.get(kind)) || null;
}

/**
 * The kind of a document: from its number's suffix when it has one, else from the name a
 * listing gives ("Luật", "Nghị định"), else OTHER. Listings are sometimes wrong; numbers are
 * what the issuer wrote (DOMAIN.md §2).
 */
export function resolveDocumentType(listingName: string | null | undefined, number: string): DocumentTypeRef {
  const fromNumber = documentTypeFromNumber(number);
  if (fromNumber) return documentType(fromNumber);
  return documentType(TYPE_BY_NAME.get(foldVietnamese(listingName ?? '')) ?? 'OTHER');
}

export interface DocumentNumber {
  /** As the source wrote it (NFC, legacy encoding repaired). */
  raw: string;
  /** `normaliseDocumentNumber`: dash variants → "-", spaces collapsed; "Không số" kept. */
  normalised: string;
  /** `documentNumberKey`: folded and upper-cased, so "QĐ" and "QD" compare equal. */
  key: string;
}
export const documentNumber = (raw: string): DocumentNumber => ({
  raw,
  normalised: normaliseDocumentNumber(raw),
  key: documentNumberKey(raw),
});

export interface Issuer {
  agency: string;
  signerName: string | null;
  signerTitle: string | null;
}

/** A reference to another document: by source id when the source knows it, else by number. */
export interface DocumentRef {
  sourceId: string | null;
  number: string | null;
}

export interface ValidityEvent {
  date: IsoDate;
  action: ValidityAction;
  sourceDocument: DocumentRef | null;
  /** Which part is affected, as written ("Điểm c khoản 2 Điều 8"), or null for the whole. */
  scopeText: string | null;
}

export interface DocumentRelation {
  type: RelationType;
  targetSourceId: string | null;
  targetNumber: string | null;
  targetTitle: string | null;
}

export interface DocumentFile {
  name: string;
  mediaType: string;
  size: number | null;
  sha256: string | null;
  sourceUrl: string;
}

/** Issue numbers a document was published in ("Công báo số 1271 đến 1276, năm 2015"). */
export interface GazettePublication {
  from: number;
  to: number;
  year: number;
  publishedDate: IsoDate | null;
}

export interface Provenance {
  /** Registry id of the adapter's system ("national-legal-db"). */
  system: string;
  sourceId: string;
  sourceUrl: string | null;
  /** ISO-8601 instant. */
  fetchedAt: string;
  /** sha256 (hex) of the canonical JSON of the record without its provenance. */
  contentHash: string;
}

export interface LegalDocumentRecord {
  type: DocumentTypeRef;
  number: DocumentNumber;
  title: string;
  /** Trích yếu. */
  summary: string;
  issuers: Issuer[];
  issueDate: IsoDate | null;
  effectiveDate: IsoDate | null;
  expiryDate: IsoDate | null;
  status: ValidityStatus | null;
  validityHistory: ValidityEvent[];
  relations: DocumentRelation[];
  fields: string[];
  /** Phạm vi ("Toàn quốc", "Tỉnh Vĩnh Phúc"). */
  scope: string | null;
  fullText: string | null;
  files: DocumentFile[];
  gazette: GazettePublication[];
  /** The source removed or withdrew the document; kept so a sync can mark it, not forget it. */
  withdrawn: boolean;
  provenance: Provenance;
}

/** One line of a search page: enough for a sync to decide what to fetch. */
export interface LegalDocumentSummary {
  sourceId: string;
  number: DocumentNumber;
  title: string;
  type: DocumentTypeRef;
  issueDate: IsoDate | null;
  /** ISO-8601 instant of the source's last change, when the source says. */
  modifiedAt: string | null;
  withdrawn: boolean;
}

export interface GazetteIssueDocument {
  number: DocumentNumber;
  type: DocumentTypeRef;
  issuer: string;
  issueDate: IsoDate | null;
  summary: string;
  /** First page of the document in the issue; `pageTo` when known. */
  page: number;
  pageTo: number | null;
  /** The document's id in the legal-document database, when the gazette links it. */
  sourceId: string | null;
}

export interface GazetteIssueRecord {
  /** Issue number; an issue printed as "Số 45 + 46" has number 45 and numberTo 46. */
  number: number;
  numberTo: number | null;
  year: number;
  date: IsoDate;
  publisher: string;
  documents: GazetteIssueDocument[];
  provenance: Provenance;
}

/** An issue's source id: "2017/45", or "2017/45-46" for an issue printed as "Số 45 + 46". */
export const gazetteIssueSourceId = (issue: { year: number; number: number; numberTo: number | null }): string =>
  `${issue.year}/${issue.number}${issue.numberTo ? `-${issue.numberTo}` : ''}`;

/** JSON with object keys sorted at every level: stable input for content hashes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The content hash of a mapped record: its provenance (fetch time, the hash itself) excluded. */
export function contentHash(record: object): string {
  const { provenance: _ignored, ...content } = record as { provenance?: Provenance };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
