// One DataLoader per relation, created per request: a page of procedures costs one statement
// per list it touches, whatever its size (the N+1 test counts them). Pages of procedures per
// agency or per legal document are cut in the database with one LATERAL query for every key
// of the request that shares the same arguments.
import DataLoader from 'dataloader';
import { Db, type PrismaClient } from '../../schema/db/prisma.ts';
import { byKey } from '../kit/batch.ts';
import type { PageWindow } from '../kit/pagination.ts';
import { filterConditions } from './search/search-procedures.ts';
import { monthBounds } from './statistics/usage-report.ts';
import type { ProcedureFilter } from './types/inputs.ts';

const { sql, join, raw } = Db.Prisma;

export interface PageRequest {
  key: string;
  window: PageWindow;
  filter: ProcedureFilter | null;
  today: string;
}

export interface IdPage {
  ids: string[];
  total: number;
}

/** Pages of procedure ids whose array `column` holds the key (agency codes, legal-basis keys). */
function pagesBy(prisma: PrismaClient, column: 'agency_codes' | 'legal_basis_keys') {
  return new DataLoader<PageRequest, IdPage, string>(
    async (requests) => {
      const groups = new Map<string, PageRequest[]>();
      for (const r of requests) {
        const signature = JSON.stringify([r.window, r.filter, r.today]);
        groups.set(signature, [...(groups.get(signature) ?? []), r]);
      }
      const pages = new Map<string, IdPage>();
      for (const [signature, group] of groups) {
        const { window, filter, today } = group[0]!;
        const conditions = [sql`a.key = ANY(p.${raw(column)})`, ...filterConditions(filter, today)];
        const keys = [...new Set(group.map((r) => r.key))];
        const rows = await prisma.$queryRaw<{ key: string; id: string; total: bigint }[]>`
          SELECT a.key, p.id, p.total FROM unnest(${keys}::text[]) AS a(key)
          CROSS JOIN LATERAL (
            SELECT p.id, p.name, p.code, count(*) OVER () AS total FROM services_procedure p
            WHERE ${join(conditions, ' AND ')} ORDER BY p.name, p.code LIMIT ${window.take} OFFSET ${window.skip}
          ) p ORDER BY a.key, p.name, p.code`;
        for (const key of keys) {
          const mine = rows.filter((r) => r.key === key);
          pages.set(`${signature}|${key}`, { ids: mine.map((r) => r.id), total: Number(mine[0]?.total ?? 0) });
        }
      }
      return requests.map((r) => pages.get(`${JSON.stringify([r.window, r.filter, r.today])}|${r.key}`) ?? { ids: [], total: 0 });
    },
    { cacheKeyFn: (r) => JSON.stringify([r.key, r.window, r.filter, r.today]) },
  );
}

/** Monthly usage rows by "fromMonth|toMonth|code" of a service or an agency: one statement per period for every key asking. */
function usageBy(prisma: PrismaClient, column: 'serviceCode' | 'agencyCode') {
  return new DataLoader<string, Db.ServicesUsageStat[]>(async (keys) => {
    const periods = new Map<string, string[]>();
    for (const k of keys) {
      const [from, to, code] = k.split('|') as [string, string, string];
      periods.set(`${from}|${to}`, [...(periods.get(`${from}|${to}`) ?? []), code]);
    }
    const found = new Map<string, Db.ServicesUsageStat[]>();
    for (const [period, codes] of periods) {
      const [from, to] = period.split('|') as [string, string];
      const rows = await prisma.servicesUsageStat.findMany({
        where: { [column]: { in: codes }, month: monthBounds({ from, to }) },
        orderBy: [{ month: 'asc' }, { serviceCode: 'asc' }, { agencyCode: 'asc' }],
      });
      for (const r of rows) found.set(`${period}|${r[column]}`, [...(found.get(`${period}|${r[column]}`) ?? []), r]);
    }
    return keys.map((k) => found.get(k) ?? []);
  });
}

export function createServicesLoaders(prisma: PrismaClient) {
  return {
    procedure: new DataLoader<string, Db.ServicesProcedure | null>(async (ids) =>
      byKey(ids, await prisma.servicesProcedure.findMany({ where: { id: { in: [...ids] } } }), (r) => r.id),
    ),
    /** By national code or local variant code. */
    procedureByCode: new DataLoader<string, Db.ServicesProcedure | null>(async (codes) => {
      const rows = await prisma.servicesProcedure.findMany({ where: { OR: [{ code: { in: [...codes] } }, { localCode: { in: [...codes] } }] } });
      return codes.map((c) => rows.find((r) => r.code === c) ?? rows.find((r) => r.localCode === c) ?? null);
    }),
    onlineServiceByProcedure: new DataLoader<string, Db.ServicesOnlineService | null>(async (codes) =>
      byKey(codes, await prisma.servicesOnlineService.findMany({ where: { procedureCode: { in: [...codes] }, withdrawn: false } }), (r) => r.procedureCode),
    ),
    onlineService: new DataLoader<string, Db.ServicesOnlineService | null>(async (codes) =>
      byKey(codes, await prisma.servicesOnlineService.findMany({ where: { code: { in: [...codes] } } }), (r) => r.code),
    ),
    /** Procedures whose rule takes effect in "from|to" (R-7.5 report): one statement per period for every agency asking. */
    proceduresEffectiveBetween: new DataLoader<string, Pick<Db.ServicesProcedure, 'code' | 'agencyCodes' | 'effectiveDate' | 'firstPublishedAt'>[]>(
      async (periods) =>
        Promise.all(
          periods.map((p) => {
            const [from, to] = p.split('|') as [string, string];
            return prisma.servicesProcedure.findMany({
              where: { withdrawn: false, effectiveDate: { gte: new Date(`${from}T00:00:00Z`), lte: new Date(`${to}T00:00:00Z`) } },
              select: { code: true, agencyCodes: true, effectiveDate: true, firstPublishedAt: true },
              orderBy: { code: 'asc' },
            });
          }),
        ),
    ),
    /** Monthly usage rows of services, by "fromMonth|toMonth|procedureCode". */
    usageByService: usageBy(prisma, 'serviceCode'),
    /** Procedures first published in "from|to" (Việt Nam days): one statement per period for every agency asking. */
    proceduresPublishedBetween: new DataLoader<string, Pick<Db.ServicesProcedure, 'code' | 'agencyCodes'>[]>(async (periods) =>
      Promise.all(
        periods.map((p) => {
          const [from, to] = p.split('|') as [string, string];
          const end = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000);
          return prisma.servicesProcedure.findMany({
            where: { withdrawn: false, firstPublishedAt: { gte: new Date(`${from}T00:00:00+07:00`), lt: end } },
            select: { code: true, agencyCodes: true },
          });
        }),
      ),
    ),
    /** The online services each agency carries out (withdrawn ones excluded), one statement for every agency of the request. */
    onlineServicesByAgency: new DataLoader<string, Db.ServicesOnlineService[]>(async (codes) => {
      const rows = await prisma.servicesOnlineService.findMany({ where: { withdrawn: false, agencyCodes: { hasSome: [...codes] } }, orderBy: { code: 'asc' } });
      return codes.map((c) => rows.filter((r) => r.agencyCodes.includes(c)));
    }),
    /** Monthly usage rows of agencies, by "fromMonth|toMonth|agencyCode". */
    usageByAgency: usageBy(prisma, 'agencyCode'),
    proceduresByAgency: pagesBy(prisma, 'agency_codes'),
    proceduresByLegalBasis: pagesBy(prisma, 'legal_basis_keys'),
  };
}

export type ServicesLoaders = ReturnType<typeof createServicesLoaders>;
