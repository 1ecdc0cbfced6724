// One mapped procedure into the database, idempotently: the same content (same hash) changes
// nothing but the provenance's fetch time; a change rewrites the row and its online service in
// one transaction. The first publication day (R-7.5 delivery) is set once, when the procedure
// first appears: the day the national catalogue made it public when it says so, else the day
// the hub first had it.
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { ProcedureRecord } from '../../../schema/domain/services.ts';
import { foldVietnamese } from '../../../schema/text/vietnamese.ts';
import { spaced } from '../../kit/search-text.ts';
import { fromLocalDate } from '../../kit/scalars.ts';

export type StoreOutcome = 'created' | 'updated' | 'unchanged';

const day = (d: string | null) => (d ? fromLocalDate(d) : null);

export function procedureSearchText(r: ProcedureRecord): string {
  const parts = [r.code, r.localCode, r.name, r.nameEn, r.sectorName, ...r.details.fields.map((f) => f.name), r.onlineService?.code];
  return spaced(foldVietnamese(parts.filter(Boolean).join(' ')));
}

export async function storeProcedure(prisma: PrismaClient, record: ProcedureRecord): Promise<StoreOutcome> {
  const { provenance: p } = record;
  const fetchedAt = new Date(p.fetchedAt);
  const existing = await prisma.servicesProcedure.findUnique({ where: { code: record.code }, select: { contentHash: true, withdrawn: true } });
  if (existing && existing.contentHash === p.contentHash && existing.withdrawn === record.withdrawn) {
    await prisma.servicesProcedure.update({ where: { code: record.code }, data: { fetchedAt } });
    return 'unchanged';
  }
  const modifiedAt = p.modifiedAt ? new Date(p.modifiedAt) : null;
  const firstField = record.details.fields[0] ?? null;
  const data = {
    localCode: record.localCode,
    name: record.name,
    nameEn: record.nameEn,
    summaryEn: record.summaryEn,
    sectorName: record.sectorName,
    fieldCodes: record.details.fields.map((f) => f.code),
    agencyCodes: record.details.agencies.map((a) => a.code),
    legalBasisKeys: [...new Set(record.details.legalBases.flatMap((b) => (b.numberKey ? [b.numberKey] : [])))],
    tiers: record.tiers,
    details: record.details,
    effectiveDate: day(record.effectiveDate),
    validFrom: day(record.validFrom),
    validTo: day(record.validTo),
    announcedBy: record.announcedBy,
    searchFolded: procedureSearchText(record),
    withdrawn: record.withdrawn,
    system: p.system,
    sourceId: p.sourceId,
    sourceUrl: p.sourceUrl,
    sourceModifiedAt: modifiedAt,
    fetchedAt,
    contentHash: p.contentHash,
  };
  const service = record.onlineService;
  await prisma.$transaction([
    prisma.servicesProcedure.upsert({
      where: { code: record.code },
      create: { code: record.code, ...data, firstPublishedAt: modifiedAt && modifiedAt < fetchedAt ? modifiedAt : fetchedAt },
      update: data,
    }),
    prisma.servicesOnlineService.deleteMany({ where: { procedureCode: record.code, ...(service ? { code: { not: service.code } } : {}) } }),
    ...(service
      ? [
          prisma.servicesOnlineService.upsert({
            where: { code: service.code },
            create: {
              code: service.code,
              procedureCode: record.code,
              ...serviceData(record, service, firstField, fetchedAt, p.contentHash),
            },
            update: { procedureCode: record.code, ...serviceData(record, service, firstField, fetchedAt, p.contentHash) },
          }),
        ]
      : []),
  ]);
  return existing ? 'updated' : 'created';
}

function serviceData(
  record: ProcedureRecord,
  service: NonNullable<ProcedureRecord['onlineService']>,
  field: { code: string; name: string } | null,
  fetchedAt: Date,
  contentHash: string,
) {
  return {
    name: service.name,
    sectorName: record.sectorName,
    fieldCode: field?.code ?? null,
    fieldName: field?.name ?? null,
    agencyCodes: record.details.agencies.map((a) => a.code),
    level: service.level,
    levelSince: day(service.levelSince),
    scope: service.scope,
    scopeSince: day(service.scopeSince),
    portalUrl: service.portalUrl,
    guidance: service.guidance,
    searchFolded: spaced(foldVietnamese([service.code, service.name, record.code, record.sectorName, field?.name].filter(Boolean).join(' '))),
    withdrawn: record.withdrawn,
    system: record.provenance.system,
    fetchedAt,
    contentHash,
  };
}
