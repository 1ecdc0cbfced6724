// Database rows → GraphQL objects. Lists and links are left to field resolvers (loaders).
import { RELATION_TYPES, VALIDITY_ACTIONS, VALIDITY_STATUSES, isValidityStatus, type RelationType } from '../../schema/domain/legal.ts';
import type { Db } from '../../schema/db/prisma.ts';
import { toLocalDate } from '../kit/scalars.ts';
import type { LegalRuntime } from './context.ts';
import { GazetteEntry, GazetteIssue } from './types/gazette.types.ts';
import { LegalDocument, LegalFile, LegalRelation, LegalValidityEvent } from './types/document.types.ts';
import type { LegalGazettePublication, LegalProvenance, LegalValidity } from './types/values.types.ts';

export function toValidity(code: string | null): LegalValidity | null {
  if (!isValidityStatus(code)) return null;
  const { vi, en } = VALIDITY_STATUSES[code];
  return { code, label: { vi, en } };
}

export function toDocument(row: Db.LegalDocument): LegalDocument {
  return Object.assign(new LegalDocument(), {
    id: row.id,
    type: { code: row.typeCode, name: row.typeName },
    number: { raw: row.numberRaw, normalised: row.number, key: row.numberKey },
    numberKey: row.numberKey,
    title: row.title,
    summary: row.summary,
    issueDate: toLocalDate(row.issueDate),
    effectiveDate: toLocalDate(row.effectiveDate),
    expiryDate: toLocalDate(row.expiryDate),
    status: toValidity(row.status),
    fields: row.fields,
    scope: row.scope,
    fullText: row.fullText,
    gazettePublications: (row.publications as unknown as LegalGazettePublication[] | null) ?? [],
    withdrawn: row.withdrawn,
    locallyIssued: row.locallyIssued,
    firstPublishedAt: row.firstPublishedAt,
  });
}

const label = (type: RelationType) => ({ vi: RELATION_TYPES[type].vi, en: RELATION_TYPES[type].en });

/** A stored relation as seen from `documentId`: its own end decides the direction. */
export function toRelation(row: Db.LegalRelation, documentId: string): LegalRelation {
  const outgoing = row.fromDocumentId === documentId;
  const type: RelationType = outgoing ? row.kind : RELATION_TYPES[row.kind].inverse;
  const inverseType = RELATION_TYPES[type].inverse;
  return Object.assign(new LegalRelation(), {
    type,
    label: label(type),
    inverseType,
    inverseLabel: label(inverseType),
    document: null,
    documentId: outgoing ? row.toDocumentId : row.fromDocumentId,
    number: outgoing ? row.toNumber : row.fromNumber,
    title: outgoing ? row.toTitle : row.fromTitle,
  });
}

export function toEvent(row: Db.LegalValidityEvent): LegalValidityEvent {
  const { vi, en } = VALIDITY_ACTIONS[row.action];
  return Object.assign(new LegalValidityEvent(), {
    date: toLocalDate(row.date)!,
    action: row.action,
    label: { vi, en },
    sourceDocument: null,
    sourceDocumentId: row.sourceDocumentId,
    sourceNumber: row.sourceNumber,
    scopeText: row.scopeText,
  });
}

export function toFile(row: Db.LegalFile, runtime: LegalRuntime, gatewayBase?: string): LegalFile {
  return Object.assign(new LegalFile(), {
    name: row.name,
    mediaType: row.mediaType,
    size: row.size,
    sha256: row.sha256,
    downloadUrl: row.storedAt && row.sha256 ? runtime.downloadUrl(row.sha256, gatewayBase) : null,
  });
}

export function toProvenance(row: Omit<Db.LegalDocumentSource, 'payload'> | Db.LegalGazetteIssue): LegalProvenance {
  return {
    system: row.system,
    sourceId: row.sourceId,
    sourceUrl: row.sourceUrl,
    fetchedAt: row.fetchedAt,
    contentHash: row.contentHash,
    withdrawn: 'withdrawn' in row ? row.withdrawn : false,
  };
}

export function toIssue(row: Db.LegalGazetteIssue): GazetteIssue {
  return Object.assign(new GazetteIssue(), {
    id: row.id,
    number: row.number,
    numberTo: row.numberTo,
    label: row.numberTo ? `Số ${row.number} + ${row.numberTo}` : `Số ${row.number}`,
    year: row.year,
    date: toLocalDate(row.date)!,
    publisher: row.publisher,
    provenance: toProvenance(row),
  });
}

export function toEntry(row: Db.LegalGazetteEntry): GazetteEntry {
  return Object.assign(new GazetteEntry(), {
    issueId: row.issueId,
    documentId: row.documentId,
    number: row.numberRaw,
    type: { code: row.typeCode, name: row.typeName },
    issuer: row.issuer,
    issueDate: toLocalDate(row.issueDate),
    summary: row.summary,
    page: row.page,
    pageTo: row.pageTo,
  });
}
