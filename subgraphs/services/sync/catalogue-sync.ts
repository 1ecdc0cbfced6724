// The catalogue sync (national public-service portal → services_*): agencies and fields, then
// the procedures changed since the cursor, page by page; each changed procedure is fetched
// whole (LayThuTuc) and stored idempotently (store-procedure.ts). A procedure the catalogue
// withdraws is kept and flagged. The cursor advances to the newest change fully processed; the
// portal's "since" is inclusive, so the boundary is seen again and found unchanged.
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { CatalogueRecord } from '../../../schema/domain/services.ts';
import type { ServiceCatalogueSource } from '../../../schema/domain/sources.ts';
import type { JobBody } from './runner.ts';
import { storeProcedure } from './store-procedure.ts';

/** The feed this sync reads; its job is keyed `<the source's system id>:catalogue` (syncer.ts). */
export const CATALOGUE_FEED = 'catalogue';
const PAGE_SIZE = 50;
const MAX_PAGES = 200;

async function storeCatalogue(prisma: PrismaClient, rows: CatalogueRecord[], system: string, fetchedAt: Date): Promise<void> {
  await prisma.$transaction(
    rows.map((r) =>
      prisma.servicesCatalogueEntry.upsert({
        where: { kind_code: { kind: r.kind, code: r.code } },
        create: { ...r, system, fetchedAt },
        update: { name: r.name, parentCode: r.parentCode, parentName: r.parentName, system, fetchedAt },
      }),
    ),
  );
}

export function catalogueSync(prisma: PrismaClient, source: ServiceCatalogueSource, clock: () => Date): JobBody {
  return async (cursorFrom, counts) => {
    const [agencies, fields] = await Promise.all([source.agencies(), source.fields()]);
    await storeCatalogue(prisma, [...agencies, ...fields], source.system, clock());
    counts.catalogueEntries = agencies.length + fields.length;
    let cursor = cursorFrom;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const listed = await source.listProcedures({ page, pageSize: PAGE_SIZE, modifiedSince: cursorFrom ?? undefined });
      for (const summary of listed.items) {
        counts.seen = (counts.seen ?? 0) + 1;
        if (summary.withdrawn) {
          const { count } = await prisma.servicesProcedure.updateMany({ where: { code: summary.code, withdrawn: false }, data: { withdrawn: true } });
          await prisma.servicesOnlineService.updateMany({ where: { procedureCode: summary.code }, data: { withdrawn: true } });
          counts.withdrawn = (counts.withdrawn ?? 0) + count;
        } else {
          const record = await source.getProcedure(summary.code);
          if (record) {
            const outcome = await storeProcedure(prisma, record);
            counts[outcome] = (counts[outcome] ?? 0) + 1;
          }
        }
        const modified = summary.modifiedAt ? new Date(summary.modifiedAt) : null;
        if (modified && (!cursor || modified > cursor)) cursor = modified;
      }
      if (page * listed.pageSize >= listed.total || listed.items.length === 0) break;
    }
    return { cursorTo: cursor };
  };
}
