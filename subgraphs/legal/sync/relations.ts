// Relations are stored once, in their active direction ("A AMENDS B"): the national database
// lists every relation on both documents, and storing both copies would show each twice. The
// document whose copy was synced last states the edges that touch it (its copy lists both
// directions), so re-syncing it replaces them. An end outside the hub keeps its number and
// title and is linked when that document arrives (`linkReferencesTo`).
import type { Db } from '../../../schema/db/prisma.ts';
import { inverseRelation, type DocumentRelation, type RelationType } from '../../../schema/domain/legal.ts';
import { documentNumberKey } from '../../../schema/text/vietnamese.ts';
import { findDocuments, isMatchableKey, type Tx } from './document-index.ts';

type Kind = Db.LegalRelationKind;

/** The stored (active) direction of every pair; RELATED is its own inverse. */
export const STORED_KINDS: readonly Kind[] = [
  'AMENDS',
  'SUPPLEMENTS',
  'REPLACES',
  'REPEALS',
  'EXPIRES',
  'PARTLY_EXPIRES',
  'GUIDES',
  'BASED_ON',
  'CORRECTS',
  'CONSOLIDATES',
  'SUSPENDS',
  'PARTLY_SUSPENDS',
  'REFERENCES',
  'RELATED',
];
const isStored = (type: RelationType): type is Kind => (STORED_KINDS as readonly string[]).includes(type);

/** "B AMENDED_BY A", held by B, is the row A AMENDS B. */
export function canonicalRelation(type: RelationType): { kind: Kind; holderIsFrom: boolean } {
  if (isStored(type)) return { kind: type, holderIsFrom: true };
  return { kind: inverseRelation(type) as Kind, holderIsFrom: false };
}

export interface Holder {
  id: string;
  nationalId: string | null;
  number: string;
  numberKey: string;
  title: string;
}

interface End {
  documentId: string | null;
  sourceId: string | null;
  number: string | null;
  numberKey: string | null;
  title: string | null;
}

const refOf = (e: End) => e.documentId ?? e.sourceId ?? e.numberKey ?? '';

export async function replaceRelations(tx: Tx, holder: Holder, relations: DocumentRelation[]): Promise<void> {
  await tx.legalRelation.deleteMany({ where: { OR: [{ fromDocumentId: holder.id }, { toDocumentId: holder.id }] } });
  if (!relations.length) return;
  const keyOf = (r: DocumentRelation) => (r.targetNumber ? documentNumberKey(r.targetNumber) : null);
  const targets = await findDocuments(
    tx,
    relations.map((r) => r.targetSourceId),
    relations.map(keyOf),
  );
  const self: End = { documentId: holder.id, sourceId: holder.nationalId, number: holder.number, numberKey: holder.numberKey, title: holder.title };
  const rows = new Map<string, Db.Prisma.LegalRelationCreateManyInput>();
  for (const r of relations) {
    const targetId = targets.resolve(r.targetSourceId, keyOf(r));
    if (targetId === holder.id) continue; // a document does not relate to itself
    const other: End = { documentId: targetId, sourceId: r.targetSourceId, number: r.targetNumber, numberKey: keyOf(r), title: r.targetTitle };
    const { kind, holderIsFrom } = canonicalRelation(r.type);
    const [from, to] = holderIsFrom ? [self, other] : [other, self];
    rows.set(`${kind}|${refOf(from)}|${refOf(to)}`, {
      kind,
      fromDocumentId: from.documentId,
      fromSourceId: from.sourceId,
      fromNumber: from.number,
      fromNumberKey: from.numberKey,
      fromTitle: from.title,
      toDocumentId: to.documentId,
      toSourceId: to.sourceId,
      toNumber: to.number,
      toNumberKey: to.numberKey,
      toTitle: to.title,
    });
  }
  await tx.legalRelation.createMany({ data: [...rows.values()] });
}

/** Link relation ends and history rows that name this document (by national id or number) but were written before it arrived. */
export async function linkReferencesTo(tx: Tx, id: string, nationalId: string | null, numberKey: string): Promise<void> {
  const byKey = isMatchableKey(numberKey);
  if (!nationalId && !byKey) return;
  const match = <S extends string, K extends string>(sourceField: S, keyField: K) => ({
    OR: [...(nationalId ? [{ [sourceField]: nationalId }] : []), ...(byKey ? [{ [keyField]: numberKey }] : [])] as Record<string, string>[],
  });
  await tx.legalRelation.updateMany({ where: { toDocumentId: null, ...match('toSourceId', 'toNumberKey') }, data: { toDocumentId: id } });
  await tx.legalRelation.updateMany({ where: { fromDocumentId: null, ...match('fromSourceId', 'fromNumberKey') }, data: { fromDocumentId: id } });
  await tx.legalValidityEvent.updateMany({
    where: { sourceDocumentId: null, ...match('sourceSourceId', 'sourceNumberKey') },
    data: { sourceDocumentId: id },
  });
}
