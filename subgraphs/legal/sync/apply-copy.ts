// Apply one source's copy of a document: idempotent upsert keyed by (system, source id).
// An unchanged content hash writes nothing. Otherwise the copy is matched to a document (its
// earlier copy, else the caller's matcher), all copies of that document are merged
// (merge.ts) and the document row is rewritten — in the caller's transaction.
import { contentHash, type LegalDocumentRecord } from '../../../schema/domain/legal.ts';
import type { Db } from '../../../schema/db/prisma.ts';
import type { Tx } from './document-index.ts';
import { GAZETTE, mergeDocument, NATIONAL, type GazetteClaim, type ProvinceRule, type SourceCopy } from './merge.ts';
import { saveDocument } from './save-document.ts';

export type Outcome = 'created' | 'updated' | 'unchanged';

export interface CopyInput {
  copy: SourceCopy;
  sourceId: string;
  sourceUrl: string | null;
  fetchedAt: Date;
  /** The source's own last-change time, when it says. */
  modifiedAt: Date | null;
}

export interface ApplyResult {
  outcome: Outcome;
  documentId: string;
  conflicts: number;
}

export interface ApplyContext {
  rule: ProvinceRule;
  now: Date;
}

const payloadOf = (copy: SourceCopy): object => (copy.system === NATIONAL ? copy.record : copy.claim);
export const hashOf = (copy: SourceCopy): string => (copy.system === NATIONAL ? copy.record.provenance.contentHash : contentHash(copy.claim));

export function copyFromRow(row: Pick<Db.LegalDocumentSource, 'system' | 'withdrawn' | 'payload'>): SourceCopy {
  return row.system === NATIONAL
    ? { system: NATIONAL, withdrawn: row.withdrawn, record: row.payload as unknown as LegalDocumentRecord }
    : { system: GAZETTE, withdrawn: row.withdrawn, claim: row.payload as unknown as GazetteClaim };
}

export async function applyCopy(tx: Tx, input: CopyInput, match: () => Promise<string | null>, ctx: ApplyContext): Promise<ApplyResult> {
  const { copy } = input;
  const key = { system: copy.system, sourceId: input.sourceId };
  const existing = await tx.legalDocumentSource.findUnique({ where: { system_sourceId: key } });
  const hash = hashOf(copy);
  if (existing && existing.contentHash === hash && existing.withdrawn === copy.withdrawn) {
    // Same content: the copy is confirmed as of now, and its change time remembered so the
    // next run does not fetch it again.
    await tx.legalDocumentSource.update({
      where: { id: existing.id },
      data: { fetchedAt: input.fetchedAt, ...(input.modifiedAt ? { sourceModifiedAt: input.modifiedAt } : {}) },
    });
    return { outcome: 'unchanged', documentId: existing.documentId, conflicts: 0 };
  }
  const documentId = existing?.documentId ?? (await match());
  const others = documentId ? await tx.legalDocumentSource.findMany({ where: existing ? { documentId, id: { not: existing.id } } : { documentId } }) : [];
  const merged = mergeDocument([...others.map(copyFromRow), copy], ctx.rule);
  const id = await saveDocument(tx, documentId, merged, ctx.now);
  const data = {
    documentId: id,
    sourceUrl: input.sourceUrl,
    fetchedAt: input.fetchedAt,
    sourceModifiedAt: input.modifiedAt,
    contentHash: hash,
    withdrawn: copy.withdrawn,
    payload: payloadOf(copy) as Db.Prisma.InputJsonValue,
  };
  await tx.legalDocumentSource.upsert({ where: { system_sourceId: key }, create: { ...key, ...data }, update: data });
  return { outcome: documentId ? 'updated' : 'created', documentId: id, conflicts: merged.conflicts.length };
}

/** Re-merge a document after one of its copies changed state (withdrawn) without new content. */
export async function markWithdrawn(tx: Tx, system: string, sourceId: string, ctx: ApplyContext): Promise<boolean> {
  const row = await tx.legalDocumentSource.findUnique({ where: { system_sourceId: { system, sourceId } } });
  if (!row || row.withdrawn) return false;
  await tx.legalDocumentSource.update({ where: { id: row.id }, data: { withdrawn: true } });
  const copies = await tx.legalDocumentSource.findMany({ where: { documentId: row.documentId } });
  await saveDocument(tx, row.documentId, mergeDocument(copies.map(copyFromRow), ctx.rule), ctx.now);
  return true;
}
