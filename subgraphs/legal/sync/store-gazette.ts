// A gazette issue into the hub, in one transaction: the issue row, its entries, and for every
// entry the gazette's copy of the document (a claim, merge.ts). An entry is linked to the
// document the national database knows (by the id the gazette gives, else number and issue
// date); a document only the provincial gazette knows becomes a locally issued document.
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { GazetteIssueDocument, GazetteIssueRecord } from '../../../schema/domain/legal.ts';
import { applyCopy, type ApplyContext, type Outcome } from './apply-copy.ts';
import type { Tx } from './document-index.ts';
import { GAZETTE, NATIONAL, type GazetteClaim } from './merge.ts';
import { toDbDate } from './save-document.ts';
import { matchByNumber } from './store-national.ts';

export interface GazetteStoreResult {
  outcome: Outcome;
  documents: { created: number; updated: number; conflicts: number };
}

const claimOf = (e: GazetteIssueDocument): GazetteClaim => ({
  number: e.number,
  type: e.type,
  issuer: e.issuer,
  issueDate: e.issueDate,
  summary: e.summary,
  nationalId: e.sourceId,
});

/** The gazette copy's key: one per document, whichever issues it was printed in. */
export const claimSourceId = (e: GazetteIssueDocument) => `${e.number.key}|${e.issueDate ?? ''}`;

async function matchEntry(tx: Tx, e: GazetteIssueDocument): Promise<string | null> {
  if (e.sourceId) {
    const national = await tx.legalDocumentSource.findUnique({ where: { system_sourceId: { system: NATIONAL, sourceId: e.sourceId } } });
    if (national) return national.documentId;
  }
  return matchByNumber(tx, e.number.key, e.issueDate, { withoutNational: false });
}

export function storeGazetteIssue(prisma: PrismaClient, issue: GazetteIssueRecord, ctx: ApplyContext): Promise<GazetteStoreResult> {
  return prisma.$transaction(async (tx) => {
    const key = { system: GAZETTE, sourceId: issue.provenance.sourceId };
    const existing = await tx.legalGazetteIssue.findUnique({ where: { system_sourceId: key } });
    const counts = { created: 0, updated: 0, conflicts: 0 };
    if (existing?.contentHash === issue.provenance.contentHash) return { outcome: 'unchanged', documents: counts };
    const fetchedAt = new Date(issue.provenance.fetchedAt);
    const documentIds: string[] = [];
    for (const entry of issue.documents) {
      const input = {
        copy: { system: GAZETTE, withdrawn: false, claim: claimOf(entry) } as const,
        sourceId: claimSourceId(entry),
        sourceUrl: null,
        fetchedAt,
        modifiedAt: null,
      };
      const result = await applyCopy(tx, input, () => matchEntry(tx, entry), ctx);
      documentIds.push(result.documentId);
      if (result.outcome !== 'unchanged') counts[result.outcome] += 1;
      counts.conflicts += result.conflicts;
    }
    const data = {
      number: issue.number,
      numberTo: issue.numberTo,
      year: issue.year,
      date: toDbDate(issue.date)!,
      publisher: issue.publisher,
      sourceUrl: issue.provenance.sourceUrl,
      fetchedAt,
      contentHash: issue.provenance.contentHash,
    };
    const row = await tx.legalGazetteIssue.upsert({ where: { system_sourceId: key }, create: { ...key, ...data }, update: data, select: { id: true } });
    await tx.legalGazetteEntry.deleteMany({ where: { issueId: row.id } });
    await tx.legalGazetteEntry.createMany({
      data: issue.documents.map((e, position) => ({
        issueId: row.id,
        position,
        documentId: documentIds[position]!,
        numberRaw: e.number.raw,
        numberKey: e.number.key,
        typeCode: e.type.code,
        typeName: e.type.name,
        issuer: e.issuer,
        issueDate: toDbDate(e.issueDate),
        summary: e.summary,
        page: e.page,
        pageTo: e.pageTo,
      })),
    });
    return { outcome: existing ? 'updated' : 'created', documents: counts };
  });
}
