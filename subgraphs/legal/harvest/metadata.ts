// A legal document's and a gazette issue's metadata for harvesters: Dublin Core (identifier =
// public URL), schema.org JSON-LD (Legislation with its legal force; PublicationIssue) and the
// full national-database description (metadata prefix `vbpl`).
import { emptyDublinCore, type DublinCoreRecord, type LegalDocumentMetadata } from '../../../schema/contract/harvest.ts';
import type { Db } from '../../../schema/db/prisma.ts';

export const VALIDITY_LABELS: Readonly<Record<string, string>> = {
  CHL: 'Còn hiệu lực',
  HHL: 'Hết hiệu lực toàn bộ',
  HHL1P: 'Hết hiệu lực một phần',
  CCHL: 'Chưa có hiệu lực',
  TNHL: 'Ngưng hiệu lực toàn bộ',
  TNHL1P: 'Ngưng hiệu lực một phần',
  KCPH: 'Không còn phù hợp',
};

/** schema.org legislationLegalForce of a validity status. */
export function legalForceOf(status: string | null): 'InForce' | 'NotInForce' | 'PartiallyInForce' | null {
  if (!status) return null;
  if (status === 'CHL') return 'InForce';
  if (status === 'HHL1P' || status === 'TNHL1P') return 'PartiallyInForce';
  return 'NotInForce';
}

export type DocumentRow = Db.LegalDocument & {
  issuers: Db.LegalIssuer[];
  validityEvents: Db.LegalValidityEvent[];
  relationsFrom: Db.LegalRelation[];
  relationsTo: Db.LegalRelation[];
  files: Db.LegalFile[];
};

export interface LegalLinks {
  base: string;
  documentUrl(id: string): string;
  fileUrl(sha256: string): string;
}

const day = (d: Date | null | undefined): string | null => (d ? d.toISOString().slice(0, 10) : null);

interface Publication {
  from: number;
  to?: number | null;
  year: number;
  publishedDate?: string | null;
}

export function legalMetadata(row: DocumentRow, links: LegalLinks, source: string | null): LegalDocumentMetadata {
  const pubs = Array.isArray(row.publications) ? (row.publications as unknown as Publication[]) : [];
  return {
    number: row.numberRaw,
    typeCode: row.typeCode,
    typeName: row.typeName,
    title: row.title,
    summary: row.summary,
    issueDate: day(row.issueDate),
    effectiveDate: day(row.effectiveDate),
    expiryDate: day(row.expiryDate),
    validity: row.status ? { code: row.status, label: VALIDITY_LABELS[row.status] ?? row.status } : null,
    legalForce: legalForceOf(row.status),
    scope: row.scope,
    fields: row.fields,
    issuers: [...row.issuers]
      .sort((a, b) => a.position - b.position)
      .map((i) => ({ agency: i.agency, agencyCode: i.agencyMatch === 'CODE' ? i.agencyKey : null, signerTitle: i.signerTitle, signerName: i.signerName })),
    gazette: pubs.map((p) => ({ from: p.from, to: p.to ?? null, year: p.year, publishedDate: p.publishedDate ?? null })),
    validityHistory: [...row.validityEvents]
      .sort((a, b) => a.position - b.position)
      .map((e) => ({ date: day(e.date), action: e.action, sourceNumber: e.sourceNumber, scope: e.scopeText })),
    relations: [
      ...row.relationsFrom.map((r) => ({ kind: r.kind, number: r.toNumber ?? '', url: r.toDocumentId ? links.documentUrl(r.toDocumentId) : null })),
      ...row.relationsTo.map((r) => ({
        kind: r.kind === 'RELATED' ? r.kind : `${r.kind}_BY`,
        number: r.fromNumber ?? '',
        url: r.fromDocumentId ? links.documentUrl(r.fromDocumentId) : null,
      })),
    ].filter((r) => r.number),
    files: row.files.filter((f) => f.sha256 && f.storedAt).map((f) => ({ name: f.name, url: links.fileUrl(f.sha256!), mediaType: f.mediaType })),
    source,
  };
}

const list = (v: string | null | undefined): string[] => (v ? [v] : []);

export function legalDublinCore(meta: LegalDocumentMetadata, url: string): DublinCoreRecord {
  return {
    ...emptyDublinCore(),
    title: [meta.title],
    creator: meta.issuers.map((i) => i.agency),
    subject: meta.fields,
    description: list(meta.summary),
    publisher: meta.issuers.slice(0, 1).map((i) => i.agency),
    contributor: meta.issuers.flatMap((i) => (i.signerName ? [[i.signerTitle, i.signerName].filter(Boolean).join(' ')] : [])),
    date: list(meta.issueDate),
    type: ['Text', meta.typeName],
    format: ['text/html'],
    identifier: [url, meta.number],
    source: list(meta.source),
    language: ['vi'],
    relation: meta.relations.map((r) => r.url ?? r.number),
    coverage: list(meta.scope),
    rights: [],
  };
}

export function legislationJsonLd(meta: LegalDocumentMetadata, url: string, jurisdiction: string): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Legislation',
    '@id': url,
    url,
    name: meta.title,
    abstract: meta.summary || undefined,
    inLanguage: 'vi',
    legislationIdentifier: meta.number,
    legislationType: meta.typeName,
    legislationDate: meta.issueDate ?? undefined,
    datePublished: meta.gazette[0]?.publishedDate ?? undefined,
    legislationDateVersion: meta.effectiveDate ?? undefined,
    expires: meta.expiryDate ?? undefined,
    legislationLegalForce: meta.legalForce ? `https://schema.org/${meta.legalForce}` : undefined,
    legislationJurisdiction: jurisdiction,
    jurisdiction,
    legislationPassedBy: meta.issuers.map((i) => ({ '@type': 'GovernmentOrganization', name: i.agency, identifier: i.agencyCode ?? undefined })),
    legislationResponsible: meta.issuers
      .filter((i) => i.signerName)
      .map((i) => ({ '@type': 'Person', name: i.signerName, jobTitle: i.signerTitle ?? undefined })),
    about: meta.fields.length ? meta.fields : undefined,
    encoding: meta.files.map((f) => ({ '@type': 'LegislationObject', contentUrl: f.url, encodingFormat: f.mediaType, name: f.name })),
  };
}

export interface GazetteFacts {
  number: number;
  numberTo: number | null;
  year: number;
  date: Date;
  publisher: string;
  sourceUrl: string | null;
  entries: number;
}

export const gazetteTitle = (g: Pick<GazetteFacts, 'number' | 'numberTo' | 'year'>) =>
  `Công báo số ${g.number}${g.numberTo ? ` + ${g.numberTo}` : ''} năm ${g.year}`;

export function gazetteDublinCore(g: GazetteFacts, url: string): DublinCoreRecord {
  return {
    ...emptyDublinCore(),
    title: [gazetteTitle(g)],
    creator: [g.publisher],
    description: [`${g.entries} văn bản`],
    publisher: [g.publisher],
    date: [day(g.date)!],
    type: ['Text', 'Công báo'],
    format: ['text/html'],
    identifier: [url],
    source: list(g.sourceUrl),
    language: ['vi'],
  };
}

export function gazetteJsonLd(g: GazetteFacts, url: string): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'PublicationIssue',
    '@id': url,
    url,
    name: gazetteTitle(g),
    issueNumber: g.numberTo ? `${g.number}-${g.numberTo}` : String(g.number),
    datePublished: day(g.date),
    inLanguage: 'vi',
    isPartOf: { '@type': 'Periodical', name: 'Công báo' },
    publisher: { '@type': 'GovernmentOrganization', name: g.publisher },
  };
}
