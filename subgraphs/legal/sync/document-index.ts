// Finding documents already in the hub: by a source's id or by number key. Shared by the
// writers of documents, relations and gazette entries.
import type { Db } from '../../../schema/db/prisma.ts';
import { NATIONAL } from './merge.ts';

export type Tx = Db.Prisma.TransactionClient;

/** The number key of "Không số": shared by unrelated documents, so never used to match. */
export const NO_NUMBER_KEY = 'KHONG SO';
export const isMatchableKey = (key: string | null | undefined): key is string => !!key && key !== NO_NUMBER_KEY;

export interface DocumentIndex {
  resolve(sourceId: string | null, numberKey: string | null): string | null;
}

/** Documents in the hub by national source id and by number key, in two queries. */
export async function findDocuments(tx: Tx, sourceIds: (string | null)[], numberKeys: (string | null)[]): Promise<DocumentIndex> {
  const ids = [...new Set(sourceIds.filter((s): s is string => !!s))];
  const keys = [...new Set(numberKeys.filter(isMatchableKey))];
  // One query after the other: a transaction's connection runs one statement at a time.
  const bySource = ids.length
    ? await tx.legalDocumentSource.findMany({ where: { system: NATIONAL, sourceId: { in: ids } }, select: { sourceId: true, documentId: true } })
    : [];
  const byKey = keys.length
    ? await tx.legalDocument.findMany({ where: { numberKey: { in: keys } }, select: { id: true, numberKey: true }, orderBy: { issueDate: 'desc' } })
    : [];
  const sourceMap = new Map(bySource.map((r) => [r.sourceId, r.documentId]));
  const keyMap = new Map<string, string>();
  for (const d of byKey) if (!keyMap.has(d.numberKey)) keyMap.set(d.numberKey, d.id);
  return {
    resolve: (sourceId, numberKey) => (sourceId && sourceMap.get(sourceId)) || (isMatchableKey(numberKey) ? (keyMap.get(numberKey) ?? null) : null),
  };
}
