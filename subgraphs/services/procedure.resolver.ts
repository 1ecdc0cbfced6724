// The public queries of the procedure catalogue: list and search, one procedure
// by code, online services by sector and field, the sectors and fields to browse by.
import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { HubError } from '../../schema/errors.ts';
import { cleanText } from '../../schema/text/input.ts';
import type { Db } from '../../schema/db/prisma.ts';
import { pageWindow, PageArgs, PageOf, toPage } from '../kit/pagination.ts';
import { filterWords } from '../kit/search-text.ts';
import { foldVietnamese } from '../../schema/text/vietnamese.ts';
import { vietnamToday, type ServicesContext } from './context.ts';
import { toOnlineService, toProcedure } from './mappers.ts';
import { searchProcedureIds } from './search/search-procedures.ts';
import { OnlineServiceFilter, ProcedureFilter } from './types/inputs.ts';
import { OnlineService, ServiceSector } from './types/online-service.types.ts';
import { AdministrativeProcedure } from './types/procedure.types.ts';

export const AdministrativeProcedurePage = PageOf(AdministrativeProcedure, 'AdministrativeProcedurePage');
export const OnlineServicePage = PageOf(OnlineService, 'OnlineServicePage');

const present = <T>(rows: (T | null)[]): T[] => rows.filter((r): r is T => r !== null);

function onlineWhere(f: OnlineServiceFilter): Db.Prisma.ServicesOnlineServiceWhereInput {
  if (f.minLevel !== null && f.minLevel !== undefined && (!Number.isInteger(f.minLevel) || f.minLevel < 1 || f.minLevel > 4)) {
    throw new HubError('BAD_USER_INPUT', 'minLevel must be 1–4.', { field: 'minLevel', reason: 'RANGE' });
  }
  const words = [...filterWords(f.query, 'query'), ...filterWords(f.sector, 'sector')];
  return {
    withdrawn: false,
    AND: words.map((w) => ({ searchFolded: { contains: w } })),
    ...(f.fieldCodes?.length ? { fieldCode: { in: f.fieldCodes.slice(0, 20) } } : {}),
    ...(f.minLevel ? { level: { gte: f.minLevel } } : {}),
    ...(f.scope ? { scope: f.scope } : {}),
    ...(f.changedSince ? { fetchedAt: { gte: f.changedSince } } : {}),
    ...(f.agencyCode ? { agencyCodes: { has: cleanText(f.agencyCode, { field: 'agencyCode', max: 35 }) } } : {}),
  };
}

@Resolver()
export class ProcedureQueryResolver {
  @Query(() => AdministrativeProcedurePage, {
    description:
      'Administrative procedures (R-4.8): words as a citizen types them (accents optional, đ = d, either tone placement) or an exact procedure code, with filters; sorted by relevance, then name.',
  })
  async procedures(
    @Arg('query', () => String, { nullable: true }) query: string | null,
    @Arg('filter', () => ProcedureFilter, { nullable: true }) filter: ProcedureFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: ServicesContext,
  ) {
    const window = pageWindow(page);
    const { ids, total } = await searchProcedureIds(ctx.prisma, { query, filter, today: vietnamToday(ctx.runtime.now()), ...window });
    const rows = present(await ctx.loaders.procedure.loadMany(ids).then((r) => r.map((x) => (x instanceof Error ? null : x))));
    return toPage(rows.map(toProcedure), total, window);
  }

  @Query(() => AdministrativeProcedure, { nullable: true, description: 'One procedure by its national code ("1.001612") or the province’s local code.' })
  async procedure(@Arg('code', () => String) code: string, @Ctx() ctx: ServicesContext): Promise<AdministrativeProcedure | null> {
    const row = await ctx.loaders.procedureByCode.load(cleanText(code, { field: 'code', max: 80 }));
    return row ? toProcedure(row) : null;
  }

  @Query(() => OnlineServicePage, { description: 'Online public services by sector and field (R-4.9), with their level in both vocabularies.' })
  async onlineServices(
    @Arg('filter', () => OnlineServiceFilter, { nullable: true }) filter: OnlineServiceFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: ServicesContext,
  ) {
    const window = pageWindow(page);
    const where = onlineWhere(filter ?? {});
    const [rows, total] = await Promise.all([
      ctx.prisma.servicesOnlineService.findMany({
        where,
        orderBy: [{ sectorName: { sort: 'asc', nulls: 'last' } }, { fieldName: { sort: 'asc', nulls: 'last' } }, { name: 'asc' }, { code: 'asc' }],
        take: window.take,
        skip: window.skip,
      }),
      ctx.prisma.servicesOnlineService.count({ where }),
    ]);
    return toPage(rows.map(toOnlineService), total, window);
  }

  @Query(() => OnlineService, { nullable: true })
  async onlineService(@Arg('code', () => String) code: string, @Ctx() ctx: ServicesContext): Promise<OnlineService | null> {
    const row = await ctx.loaders.onlineService.load(cleanText(code, { field: 'code', max: 80 }));
    return row ? toOnlineService(row) : null;
  }

  @Query(() => [ServiceSector], { description: 'Sectors (ngành) and their fields (lĩnh vực), from the national catalogue, by name.' })
  async serviceSectors(@Ctx() ctx: ServicesContext): Promise<ServiceSector[]> {
    const fields = await ctx.prisma.servicesCatalogueEntry.findMany({
      where: { kind: 'FIELD' },
      orderBy: [{ parentName: 'asc' }, { name: 'asc' }],
      take: 1000,
    });
    const sectors = new Map<string, ServiceSector>();
    for (const f of fields) {
      const name = f.parentName ?? '—';
      const sector = sectors.get(name) ?? Object.assign(new ServiceSector(), { code: f.parentCode, name, fields: [] });
      sector.fields.push({ code: f.code, name: f.name });
      sectors.set(name, sector);
    }
    return [...sectors.values()].sort((a, b) => foldVietnamese(a.name).localeCompare(foldVietnamese(b.name)));
  }
}
