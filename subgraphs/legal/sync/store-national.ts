// A national legal-document database record into the hub: one transaction per document, so
// a failure later in a run never loses what was already stored (C6).
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { IsoDate, LegalDocumentRecord } from '../../../schema/domain/legal.ts';
import { applyCopy, type ApplyContext, type ApplyResult } from './apply-copy.ts';
import { isMatchableKey, type Tx } from './document-index.ts';
import { NATIONAL } from './merge.ts';
import { toDbDate } from './save-document.ts';

/**
 * A document the national copy belongs to although it has no national copy yet: the same
 * number key and issue date, e.g. a provincial document first seen in the provincial gazette.
 */
export async function matchByNumber(tx: Tx, numberKey: string, issueDate: IsoDate | null, opts: { withoutNational: boolean }): Promise<string | null> {
  if (!isMatchableKey(numberKey)) return null;
  const found = await tx.legalDocument.findFirst({
    where: {
      numberKey,
      ...(issueDate ? { OR: [{ issueDate: toDbDate(issueDate) }, { issueDate: null }] } : {}),
      ...(opts.withoutNational ? { sources: { none: { system: NATIONAL } } } : {}),
    },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
  });
  return found?.id ?? null;
}

export function storeNationalRecord(prisma: PrismaClient, record: LegalDocumentRecord, modifiedAt: Date | null, ctx: ApplyContext): Promise<ApplyResult> {
  return prisma.$transaction((tx) =>
    applyCopy(
      tx,
      {
        copy: { system: NATIONAL, withdrawn: record.withdrawn, record },
        sourceId: record.provenance.sourceId,
        sourceUrl: record.provenance.sourceUrl,
        fetchedAt: new Date(record.provenance.fetchedAt),
        modifiedAt,
      },
      () => matchByNumber(tx, record.number.key, record.issueDate, { withoutNational: true }),
      ctx,
    ),
  );
}
