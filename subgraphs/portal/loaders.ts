// One DataLoader per relation, created per request: every relation a page of items touches
// costs one SQL statement, whatever the page size (the N+1 test counts them).
import DataLoader from 'dataloader';
import type { PrismaClient, Db } from '../../schema/db/prisma.ts';
import type { ContentKind } from './content/kinds.ts';
import type { AnyDetailModule } from './content/kinds/module.ts';
import { citingItemsLoader } from './content/citing-items.ts';
import { WITHOUT_FOLDED, type ItemRow } from './content/item-row.ts';
import { moduleOf } from './content/registry.ts';
import { byKey, groupBy } from '../kit/batch.ts';
import { idKey, referenceLoader } from '../kit/references.ts';

type AgencyRow = Db.Agency;
type OfficialRow = Db.Official;
type CategoryRow = Db.ArticleCategory;
type FileRow = Db.ContentFile & { stored: Db.StoredFile };
type UnitRow = Db.AdministrativeUnit;

export function createLoaders(prisma: PrismaClient) {
  const details = new Map<AnyDetailModule, DataLoader<string, { itemId: string } | null>>();
  return {
    item: new DataLoader<string, ItemRow | null>(async (ids) =>
      byKey(ids, await prisma.contentItem.findMany({ where: { id: { in: [...ids] } }, omit: WITHOUT_FOLDED }), (r) => r.id),
    ),
    /** The detail row of a kind (one loader per detail table). */
    detail(kind: ContentKind): DataLoader<string, { itemId: string } | null> {
      const module = moduleOf(kind);
      let loader = details.get(module);
      if (!loader) {
        loader = new DataLoader(async (ids) => byKey(ids, await module.load(prisma, [...ids]), (r) => r.itemId));
        details.set(module, loader);
      }
      return loader;
    },
    /** Pages of the items citing legal documents, by number key (LegalDocument.relatedContent). */
    citingItems: citingItemsLoader(prisma),
    filesByItem: new DataLoader<string, FileRow[]>(async (ids) => groupBy(ids, await filesOf(prisma, ids), (r) => r.itemId)),
    scheduleEntries: new DataLoader<string, Db.ScheduleEntry[]>(async (ids) =>
      groupBy(
        ids,
        await prisma.scheduleEntry.findMany({ where: { scheduleId: { in: [...ids] } }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] }),
        (r) => r.scheduleId,
      ),
    ),
    statisticValues: new DataLoader<string, Db.StatisticValue[]>(async (ids) =>
      groupBy(ids, await prisma.statisticValue.findMany({ where: { datasetId: { in: [...ids] } }, orderBy: { sortOrder: 'asc' } }), (r) => r.datasetId),
    ),
    statisticValueCount: new DataLoader<string, number>(async (ids) => {
      const rows = await prisma.statisticValue.groupBy({ by: ['datasetId'], where: { datasetId: { in: [...ids] } }, _count: { _all: true } });
      const counts = new Map(rows.map((r) => [r.datasetId, r._count._all]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    tenderIdsByProject: new DataLoader<string, string[]>(async (ids) =>
      groupBy(
        ids,
        await prisma.tender.findMany({ where: { projectItemId: { in: [...ids] } }, select: { itemId: true, projectItemId: true } }),
        (r) => r.projectItemId!,
      ).map((rows) => rows.map((r) => r.itemId)),
    ),
    revisionsByItem: new DataLoader<string, Db.ContentRevision[]>(async (ids) =>
      groupBy(ids, await prisma.contentRevision.findMany({ where: { itemId: { in: [...ids] } }, orderBy: { version: 'desc' } }), (r) => r.itemId),
    ),
    official: new DataLoader<string, OfficialRow | null>(async (ids) =>
      byKey(ids, await prisma.official.findMany({ where: { id: { in: [...ids] } } }), (r) => r.id),
    ),
    agency: new DataLoader<string, AgencyRow | null>(async (ids) => byKey(ids, await prisma.agency.findMany({ where: { id: { in: [...ids] } } }), (r) => r.id)),
    /** `Agency` representations by id or by QCVN 102 code, one statement for all of them. */
    agencyReference: referenceLoader<AgencyRow>(
      [
        idKey(),
        // A code names the agency's current era: the open-ended one, else the latest to start.
        { field: 'code', accepts: (c) => c.length > 0 && c.length <= 35, valueOf: (r) => r.code, prefer: currentEraFirst },
        // How legal sources name an issuer: the folded name (eras share it too).
        { field: 'nameKey', accepts: (k) => k.length > 0 && k.length <= 300, valueOf: (r) => r.nameFolded, prefer: currentEraFirst },
      ],
      (values) =>
        prisma.agency.findMany({
          where: {
            OR: [
              ...(values.has('id') ? [{ id: { in: values.get('id') } }] : []),
              ...(values.has('code') ? [{ code: { in: values.get('code') } }] : []),
              ...(values.has('nameKey') ? [{ nameFolded: { in: values.get('nameKey') } }] : []),
            ],
          },
        }),
    ),
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
    unitReference: referenceLoader<UnitRow>([idKey()], (values) => prisma.administrativeUnit.findMany({ where: { id: { in: values.get('id') } } })),
    /** Units by code: every era of a code (old and successor units may share a code). */
    unitsByCode: new DataLoader<string, UnitRow[]>(async (codes) =>
      groupBy(codes, await prisma.administrativeUnit.findMany({ where: { code: { in: [...codes] } } }), (r) => r.code),
    ),
    unitChildren: new DataLoader<string, UnitRow[]>(async (codes) =>
      groupBy(codes, await prisma.administrativeUnit.findMany({ where: { parentCode: { in: [...codes] } }, orderBy: { code: 'asc' } }), (r) => r.parentCode!),
    ),
  };
}

interface RawFile extends Db.ContentFile {
  byteSize: number;
  mediaType: string;
  storageKey: string;
  storedAt: Date;
}

/**
 * The files of items with their stored file, in one statement (a join): Prisma's `include` sends
 * a second one for the stored files, even when there are no files (issue 13, lighter subgraphs).
 */
async function filesOf(prisma: PrismaClient, itemIds: readonly string[]): Promise<FileRow[]> {
  const rows = await prisma.$queryRaw<RawFile[]>`
    SELECT f.id::text AS "id", f.item_id::text AS "itemId", f.sha256, f.role::text AS "role", f.file_name AS "fileName",
           f.caption_vi AS "captionVi", f.caption_en AS "captionEn", f.credit, f.width, f.height,
           f.duration_sec AS "durationSec", f.sort_order AS "sortOrder",
           s.byte_size AS "byteSize", s.media_type AS "mediaType", s.storage_key AS "storageKey", s.created_at AS "storedAt"
      FROM portal_content_file f JOIN portal_stored_file s ON s.sha256 = f.sha256
     WHERE f.item_id = ANY(${[...itemIds]}::uuid[])
     ORDER BY f.sort_order ASC, f.id ASC`;
  return rows.map(({ byteSize, mediaType, storageKey, storedAt, ...file }) => ({
    ...file,
    stored: { sha256: file.sha256, byteSize, mediaType, storageKey, createdAt: storedAt },
  }));
}

function currentEraFirst(a: AgencyRow, b: AgencyRow): number {
  if ((a.validTo === null) !== (b.validTo === null)) return a.validTo === null ? -1 : 1;
  return (b.validFrom?.getTime() ?? 0) - (a.validFrom?.getTime() ?? 0);
}

export type PortalLoaders = ReturnType<typeof createLoaders>;
