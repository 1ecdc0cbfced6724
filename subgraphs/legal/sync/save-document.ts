// Write a merged document and its children (issuers, validity history, files, relations) in
// the caller's transaction, then link references other documents made to it before it arrived.
import { agencyKeyOf } from '../../../schema/domain/agency-key.ts';
import type { Db } from '../../../schema/db/prisma.ts';
import { documentNumberKey, foldVietnamese } from '../../../schema/text/vietnamese.ts';
import { spaced } from '../../kit/search-text.ts';
import type { MergedDocument } from './merge.ts';
import { findDocuments, type Tx } from './document-index.ts';
import { linkReferencesTo, replaceRelations } from './relations.ts';

export const toDbDate = (iso: string | null | undefined): Date | null => (iso ? new Date(`${iso}T00:00:00Z`) : null);

/** The search text: number, title, summary — folded, "/" and "-" spaced out like a query (kit/search-text.ts). */
export function searchText(doc: Pick<MergedDocument, 'number' | 'title' | 'summary'>): string {
  return spaced(foldVietnamese([doc.number.normalised, doc.title, doc.summary].join(' ')));
}

function documentColumns(doc: MergedDocument) {
  return {
    typeCode: doc.type.code,
    typeName: doc.type.name,
    numberRaw: doc.number.raw,
    number: doc.number.normalised,
    numberKey: doc.number.key,
    title: doc.title,
    summary: doc.summary,
    issueDate: toDbDate(doc.issueDate),
    effectiveDate: toDbDate(doc.effectiveDate),
    expiryDate: toDbDate(doc.expiryDate),
    status: doc.status,
    scope: doc.scope,
    fields: doc.fields,
    fieldKeys: doc.fields.map(foldVietnamese),
    fullText: doc.fullText,
    publications: doc.publications as unknown as Db.Prisma.InputJsonValue,
    withdrawn: doc.withdrawn,
    locallyIssued: doc.locallyIssued,
    issuersFolded: foldVietnamese(doc.issuers.map((i) => i.agency).join(' | ')),
    searchFolded: searchText(doc),
  };
}

/** Create the document row (when `id` is null) or update it; `firstPublishedAt` is set once. Returns the id. */
export async function saveDocument(tx: Tx, id: string | null, doc: MergedDocument, now: Date): Promise<string> {
  const columns = documentColumns(doc);
  const documentId = id
    ? (await tx.legalDocument.update({ where: { id }, data: columns, select: { id: true } })).id
    : (await tx.legalDocument.create({ data: { ...columns, firstPublishedAt: now }, select: { id: true } })).id;
  await linkReferencesTo(tx, documentId, doc.nationalId, doc.number.key);
  await replaceChildren(tx, documentId, doc);
  if (doc.relations) {
    const holder = { id: documentId, nationalId: doc.nationalId, number: doc.number.normalised, numberKey: doc.number.key, title: doc.title };
    await replaceRelations(tx, holder, doc.relations);
  }
  return documentId;
}

async function replaceChildren(tx: Tx, documentId: string, doc: MergedDocument): Promise<void> {
  await tx.legalIssuer.deleteMany({ where: { documentId } });
  await tx.legalIssuer.createMany({
    data: doc.issuers.map((i, position) => {
      const { match, key } = agencyKeyOf(i.agency);
      return { documentId, position, agency: i.agency, agencyKey: key, agencyMatch: match, signerName: i.signerName, signerTitle: i.signerTitle };
    }),
  });
  await replaceEvents(tx, documentId, doc);
  await replaceFiles(tx, documentId, doc);
}

async function replaceEvents(tx: Tx, documentId: string, doc: MergedDocument): Promise<void> {
  await tx.legalValidityEvent.deleteMany({ where: { documentId } });
  const events = doc.validityHistory.map((e, position) => ({
    documentId,
    position,
    date: toDbDate(e.date)!,
    action: e.action,
    sourceSourceId: e.sourceDocument?.sourceId ?? null,
    sourceNumber: e.sourceDocument?.number ?? null,
    sourceNumberKey: e.sourceDocument?.number ? documentNumberKey(e.sourceDocument.number) : null,
    scopeText: e.scopeText,
  }));
  if (!events.length) return;
  const targets = await findDocuments(
    tx,
    events.map((e) => e.sourceSourceId),
    events.map((e) => e.sourceNumberKey),
  );
  await tx.legalValidityEvent.createMany({
    data: events.map((e) => ({ ...e, sourceDocumentId: targets.resolve(e.sourceSourceId, e.sourceNumberKey) })),
  });
}

/** Files are replaced, but a file already mirrored keeps its stored state (same URL or same hash). */
async function replaceFiles(tx: Tx, documentId: string, doc: MergedDocument): Promise<void> {
  const previous = await tx.legalFile.findMany({ where: { documentId } });
  await tx.legalFile.deleteMany({ where: { documentId } });
  if (!doc.files.length) return;
  await tx.legalFile.createMany({
    data: doc.files.map((f, position) => {
      const kept = previous.find((p) => p.storedAt && (f.sha256 ? p.sha256 === f.sha256 : p.sourceUrl === f.sourceUrl));
      return {
        documentId,
        position,
        name: f.name,
        mediaType: f.mediaType,
        size: f.size ?? kept?.size ?? null,
        sha256: f.sha256 ?? kept?.sha256 ?? null,
        sourceUrl: f.sourceUrl,
        storedAt: kept?.storedAt ?? null,
      };
    }),
  });
}
