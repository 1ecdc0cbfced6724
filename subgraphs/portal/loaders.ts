// One DataLoader per relation, created per request: every relation a page of items touches
// costs one SQL statement, whatever the page size (the N+1 test counts them).
import DataLoader from 'dataloader';
import type { PrismaClient, Db } from '../../schema/db/prisma.ts';

type AgencyRow = Db.Agency;
type OfficialRow = Db.Official;
type CategoryRow = Db.ArticleCategory;
type AttachmentRow = Db.Attachment;
type UnitRow = Db.AdministrativeUnit;

function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (v: V) => K): (V | null)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

function groupBy<K, V>(keys: readonly K[], rows: V[], keyOf: (v: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

export function createLoaders(prisma: PrismaClient) {
  return {
    agency: new DataLoader<string, AgencyRow | null>(async (ids) => byKey(ids, await prisma.agency.findMany({ where: { id: { in: [...ids] } } }), (r) => r.id)),
    agencyChildren: new DataLoader<string, AgencyRow[]>(async (ids) =>
      groupBy(
        ids,
        await prisma.agency.findMany({ where: { parentId: { in: [...ids] } }, orderBy: [{ sortOrder: 'asc' }, { nameVi: 'asc' }] }),
        (r) => r.parentId!,
      ),
    ),
    officialsByAgency: new DataLoader<string, OfficialRow[]>(async (ids) =>
      groupBy(
        ids,
        await prisma.official.findMany({ where: { agencyId: { in: [...ids] } }, orderBy: [{ sortOrder: 'asc' }, { fullName: 'asc' }] }),
        (r) => r.agencyId,
      ),
    ),
    category: new DataLoader<string, CategoryRow | null>(async (ids) =>
      byKey(ids, await prisma.articleCategory.findMany({ where: { id: { in: [...ids] } } }), (r) => r.id),
    ),
    categoryChildren: new DataLoader<string, CategoryRow[]>(async (ids) =>
      groupBy(ids, await prisma.articleCategory.findMany({ where: { parentId: { in: [...ids] } }, orderBy: { sortOrder: 'asc' } }), (r) => r.parentId!),
    ),
    attachmentsByArticle: new DataLoader<string, AttachmentRow[]>(async (ids) =>
      groupBy(ids, await prisma.attachment.findMany({ where: { articleId: { in: [...ids] } }, orderBy: { sortOrder: 'asc' } }), (r) => r.articleId),
    ),
    /** Units by code: every era of a code (old and successor units may share a code). */
    unitsByCode: new DataLoader<string, UnitRow[]>(async (codes) =>
      groupBy(codes, await prisma.administrativeUnit.findMany({ where: { code: { in: [...codes] } } }), (r) => r.code),
    ),
    unitChildren: new DataLoader<string, UnitRow[]>(async (codes) =>
      groupBy(codes, await prisma.administrativeUnit.findMany({ where: { parentCode: { in: [...codes] } }, orderBy: { code: 'asc' } }), (r) => r.parentCode!),
    ),
  };
}

export type PortalLoaders = ReturnType<typeof createLoaders>;
