// One document, several copies: the national legal-document database's record and the
// provincial gazette's entry. The document row the graph serves is `mergeDocument(copies)`,
// a pure function of the copies, so the result does not depend on which sync ran first.
//
// CONFLICT RULE (locally issued provincial documents vs the national copy):
// 1. Copies are the same document when they share a source id, else the same number key and
//    issue date ("Không số" never matches: it is not an identifier).
// 2. A document issued by the province itself (an issuer matched, by QCVN 102 code or by folded
//    name, to an agency of the province's organisation: province.ts) is `locallyIssued`. For it, the provincial gazette's
//    copy is the issuer's own official publication and WINS for what it states: number, type,
//    issue date, issuing agency and summary (trích yếu). The national copy supplies everything
//    the gazette does not carry: title, signers, effective/expiry dates, validity status and
//    history, relations, fields, scope, full text, files. Each difference counts as a conflict
//    on the sync run; both copies stay in legal_document_source for review.
// 3. The national database withdrawing a locally issued document that the provincial gazette
//    published does not hide it: the province's publication stands. Otherwise a document is
//    withdrawn when its national copy is.
// 4. Any other document: the national copy wins everything; the gazette only fills gaps.
import {
  type DocumentNumber,
  type DocumentRelation,
  type DocumentTypeRef,
  type GazettePublication,
  type IsoDate,
  type LegalDocumentRecord,
} from '../../../schema/domain/legal.ts';
import { agencyKeyOf } from '../../../schema/domain/agency-key.ts';
import { accentKey } from '../../../schema/text/vietnamese.ts';
import { gazette } from '../../../adapters/gazette/source.ts';
import { nationalLegalDb } from '../../../adapters/national-legal-db/source.ts';

/** The systems whose copies merge, by their adapters' ids. */
export const NATIONAL = nationalLegalDb.system;
export const GAZETTE = gazette.system;
/** What the legal subgraph syncs, keyed by system id (jobs, runs, state). */
export const SYNC_SYSTEMS = [NATIONAL, GAZETTE] as const;
export type SyncSystem = (typeof SYNC_SYSTEMS)[number];

/** What a provincial gazette entry says about a document (page numbers excluded: they are per issue). */
export interface GazetteClaim {
  number: DocumentNumber;
  type: DocumentTypeRef;
  issuer: string;
  issueDate: IsoDate | null;
  summary: string;
  /** The national database's id, when the gazette links it. */
  nationalId: string | null;
}

export type SourceCopy =
  { system: typeof NATIONAL; withdrawn: boolean; record: LegalDocumentRecord } | { system: typeof GAZETTE; withdrawn: boolean; claim: GazetteClaim };

/** The record's own fields, as the national copy states them; the rest is the merge's. */
export interface MergedDocument extends Omit<LegalDocumentRecord, 'relations' | 'gazette' | 'withdrawn' | 'provenance'> {
  /** Null when no copy lists relations: the stored ones are then left as they are. */
  relations: DocumentRelation[] | null;
  publications: GazettePublication[];
  withdrawn: boolean;
  locallyIssued: boolean;
  /** National source id, for linking references made to this document. */
  nationalId: string | null;
  /** Fields where the provincial copy overrode a different national value. */
  conflicts: string[];
}

/**
 * The agencies of the province's organisation as legal sources may name them (province.ts):
 * their QCVN 102 codes and their folded names.
 */
export interface ProvinceRule {
  codes: ReadonlySet<string>;
  nameKeys: ReadonlySet<string>;
}

/** The province's document: an issuer matched, by code where the source gives one, else by name, to one of its agencies. */
export function isProvincial(agencies: string[], rule: ProvinceRule): boolean {
  return agencies.some((agency) => {
    const { match, key } = agencyKeyOf(agency);
    return match === 'CODE' ? rule.codes.has(key) : rule.nameKeys.has(key);
  });
}

const lowerFirst = (s: string) => (s ? s[0]!.toLocaleLowerCase('vi') + s.slice(1) : s);

/** A gazette-only document has no title of its own: "Quyết định 5/2025/QĐ-UBND ban hành …". */
const titleFromClaim = (c: GazetteClaim) => `${c.type.name} ${c.number.normalised} ${lowerFirst(c.summary)}`.trim();

function fromGazette(claim: GazetteClaim, rule: ProvinceRule): MergedDocument {
  return {
    type: claim.type,
    number: claim.number,
    title: titleFromClaim(claim),
    summary: claim.summary,
    issuers: claim.issuer ? [{ agency: claim.issuer, signerName: null, signerTitle: null }] : [],
    issueDate: claim.issueDate,
    effectiveDate: null,
    expiryDate: null,
    status: null,
    validityHistory: claim.issueDate ? [{ date: claim.issueDate, action: 'ISSUED', sourceDocument: null, scopeText: null }] : [],
    relations: null,
    fields: [],
    scope: null,
    fullText: null,
    files: [],
    publications: [],
    withdrawn: false,
    locallyIssued: isProvincial([claim.issuer], rule),
    nationalId: claim.nationalId,
    conflicts: [],
  };
}

function fromNational(record: LegalDocumentRecord, withdrawn: boolean): MergedDocument {
  return {
    type: record.type,
    number: record.number,
    title: record.title,
    summary: record.summary,
    issuers: record.issuers,
    issueDate: record.issueDate,
    effectiveDate: record.effectiveDate,
    expiryDate: record.expiryDate,
    status: record.status,
    validityHistory: record.validityHistory,
    relations: record.relations,
    fields: record.fields,
    scope: record.scope,
    fullText: record.fullText,
    files: record.files,
    publications: record.gazette,
    withdrawn: withdrawn || record.withdrawn,
    locallyIssued: false,
    nationalId: record.provenance.sourceId,
    conflicts: [],
  };
}

/** The provincial copy's fields laid over the national copy (rule 2), conflicts noted. */
function provincialWins(merged: MergedDocument, claim: GazetteClaim): MergedDocument {
  const conflicts: string[] = [];
  const differs = (a: string | null, b: string | null) => accentKey(a ?? '') !== accentKey(b ?? '');
  if (merged.number.key !== claim.number.key) conflicts.push('number');
  if (merged.type.code !== claim.type.code && claim.type.code !== 'OTHER') conflicts.push('type');
  if (claim.issueDate && merged.issueDate !== claim.issueDate) conflicts.push('issueDate');
  if (claim.summary && differs(merged.summary, claim.summary)) conflicts.push('summary');
  const firstAgency = merged.issuers[0]?.agency ?? null;
  if (claim.issuer && differs(firstAgency, claim.issuer)) conflicts.push('issuer');
  const issuers = claim.issuer
    ? merged.issuers.length
      ? merged.issuers.map((i, n) => (n === 0 ? { ...i, agency: claim.issuer } : i))
      : [{ agency: claim.issuer, signerName: null, signerTitle: null }]
    : merged.issuers;
  return {
    ...merged,
    number: claim.number,
    type: claim.type.code === 'OTHER' ? merged.type : claim.type,
    issueDate: claim.issueDate ?? merged.issueDate,
    summary: claim.summary || merged.summary,
    issuers,
    conflicts,
  };
}

/** Gaps of a national copy filled from the gazette (rule 4). */
function fillGaps(merged: MergedDocument, claim: GazetteClaim): MergedDocument {
  return {
    ...merged,
    summary: merged.summary || claim.summary,
    issueDate: merged.issueDate ?? claim.issueDate,
    issuers: merged.issuers.length ? merged.issuers : [{ agency: claim.issuer, signerName: null, signerTitle: null }],
  };
}

export function mergeDocument(copies: SourceCopy[], rule: ProvinceRule): MergedDocument {
  const national = copies.find((c) => c.system === NATIONAL);
  const gazette = copies.find((c) => c.system === GAZETTE);
  if (!national && !gazette) throw new Error('a document needs at least one copy');
  if (!national) return fromGazette(gazette!.claim, rule);
  const base = fromNational(national.record, national.withdrawn);
  const agencies = [...base.issuers.map((i) => i.agency), ...(gazette ? [gazette.claim.issuer] : [])];
  const locallyIssued = isProvincial(agencies, rule);
  if (!gazette) return { ...base, locallyIssued };
  if (!locallyIssued) return fillGaps(base, gazette.claim);
  // Rule 3: the province's own publication is not undone by the national database.
  return { ...provincialWins(base, gazette.claim), locallyIssued, withdrawn: false };
}
