import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { selects } from '../kit/selection.ts';
import type { Prisma } from '../../schema/generated/prisma/client.ts';
import { HubError } from '../../schema/errors.ts';
import { pageWindow, PageArgs, toPage } from '../kit/pagination.ts';
import { fromLocalDate, LocalDateScalar } from '../kit/scalars.ts';
import type { PortalContext } from './context.ts';
import { toAgency, toOfficial, toUnit } from './mappers.ts';
import {
  AdministrativeUnit,
  AdministrativeUnitPage,
  Agency,
  AgencyFilter,
  AgencyPage,
  Official,
  OfficialFilter,
  OfficialPage,
  UnitFilter,
} from './organisation.types.ts';
import { foldedContains, searchWords } from './search.ts';
import { agencyPage } from './agency-page.ts';
import { isValidOn, todayOf, validOn } from './validity.ts';

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => AgencyPage, { description: 'Agencies and units, filtered and paginated.' })
  async agencies(
    @Arg('filter', () => AgencyFilter, { nullable: true }) filter: AgencyFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: PortalContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const window = pageWindow(page);
    const asOf = filter?.asOf ?? todayOf(ctx);
    if (!searchWords(filter?.search).length) {
      // The nodes' sub-agencies and officials, when asked, in the same statement (primed into the loaders).
      const also = { children: selects(info, ['nodes', 'children']), officials: selects(info, ['nodes', 'officials']) };
      const { rows, total, children, officials } = await agencyPage(ctx.prisma, { ...filter, asOf }, window, also);
      rows.forEach((row, i) => {
        if (children) ctx.loaders.agencyChildren.prime(row.id, children[i]!);
        if (officials) ctx.loaders.officialsByAgency.prime(row.id, officials[i]!);
      });
      return toPage(rows.map(toAgency), total, window);
    }
    const where: Prisma.AgencyWhereInput = {
      AND: [
        validOn(asOf),
        ...foldedContains('nameFolded', filter?.search),
        filter?.kind ? { kind: filter.kind } : {},
        filter?.parentId ? { parentId: filter.parentId } : {},
        filter?.rootsOnly ? { parentId: null } : {},
        filter?.changedSince ? { updatedAt: { gte: filter.changedSince } } : {},
      ],
    };
    const [rows, total] = await Promise.all([
      ctx.prisma.agency.findMany({ where, orderBy: [{ sortOrder: 'asc' }, { nameVi: 'asc' }], take: window.take, skip: window.skip }),
      ctx.prisma.agency.count({ where }),
    ]);
    return toPage(rows.map(toAgency), total, window);
  }

  @Query(() => Agency, { nullable: true, description: 'One agency by id or slug.' })
  async agency(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('slug', () => String, { nullable: true }) slug: string | null,
    @Ctx() ctx: PortalContext,
  ) {
    if (!id === !slug) throw new HubError('BAD_USER_INPUT', 'Give exactly one of id or slug.', { reason: 'ONE_OF' });
    const row = id ? await ctx.loaders.agency.load(id) : await ctx.prisma.agency.findUnique({ where: { slug: slug! } });
    return row ? toAgency(row) : null;
  }

  @FieldResolver(() => Agency, { nullable: true })
  async parent(@Root() agency: Agency, @Ctx() ctx: PortalContext) {
    if (!agency.parentId) return null;
    const row = await ctx.loaders.agency.load(agency.parentId);
    return row ? toAgency(row) : null;
  }

  @FieldResolver(() => [Agency], { description: 'Direct sub-units (at most 100).' })
  async children(@Root() agency: Agency, @Ctx() ctx: PortalContext) {
    return (await ctx.loaders.agencyChildren.load(agency.id)).slice(0, 100).map(toAgency);
  }

  @FieldResolver(() => [Official], { description: 'Officials of this agency (at most 100), leaders first.' })
  async officials(@Root() agency: Agency, @Ctx() ctx: PortalContext) {
    const rows = await ctx.loaders.officialsByAgency.load(agency.id);
    return rows
      .map(toOfficial)
      .sort((a, b) => Number(b.isLeader) - Number(a.isLeader))
      .slice(0, 100);
  }

  @FieldResolver(() => AdministrativeUnit, {
    nullable: true,
    description: 'The administrative unit the agency belongs to, as valid on the agency’s own dates.',
  })
  async administrativeUnit(@Root() agency: Agency, @Ctx() ctx: PortalContext) {
    if (!agency.unitCode) return null;
    const units = (await ctx.loaders.unitsByCode.load(agency.unitCode)).map(toUnit);
    const date = agency.validTo ?? todayOf(ctx);
    return units.find((u) => isValidOn(u, date)) ?? units[0] ?? null;
  }
}

@Resolver(() => Official)
export class OfficialResolver {
  @Query(() => OfficialPage, { description: 'Contacts of competent officials (R-4.1).' })
  async officials(
    @Arg('filter', () => OfficialFilter, { nullable: true }) filter: OfficialFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: PortalContext,
  ) {
    const window = pageWindow(page);
    const where: Prisma.OfficialWhereInput = {
      AND: [
        validOn(todayOf(ctx)),
        ...foldedContains('nameFolded', filter?.search),
        filter?.agencyId ? { agencyId: filter.agencyId } : {},
        filter?.leadersOnly ? { isLeader: true } : {},
        filter?.changedSince ? { updatedAt: { gte: filter.changedSince } } : {},
      ],
    };
    const [rows, total] = await Promise.all([
      ctx.prisma.official.findMany({ where, orderBy: [{ sortOrder: 'asc' }, { fullName: 'asc' }], take: window.take, skip: window.skip }),
      ctx.prisma.official.count({ where }),
    ]);
    return toPage(rows.map(toOfficial), total, window);
  }

  @FieldResolver(() => Agency, { nullable: true })
  async agency(@Root() official: Official, @Ctx() ctx: PortalContext) {
    const row = await ctx.loaders.agency.load(official.agencyId);
    return row ? toAgency(row) : null;
  }
}

@Resolver(() => AdministrativeUnit)
export class AdministrativeUnitResolver {
  @Query(() => AdministrativeUnitPage, { description: 'Administrative units valid on a date (default today), down to communes.' })
  async administrativeUnits(
    @Arg('filter', () => UnitFilter, { nullable: true }) filter: UnitFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: PortalContext,
  ) {
    const window = pageWindow(page);
    const where: Prisma.AdministrativeUnitWhereInput = {
      AND: [
        validOn(filter?.asOf ?? todayOf(ctx)),
        ...foldedContains('nameFolded', filter?.search),
        filter?.tier ? { tier: filter.tier } : {},
        filter?.parentCode ? { parentCode: filter.parentCode } : {},
        filter?.changedSince ? { updatedAt: { gte: filter.changedSince } } : {},
      ],
    };
    const [rows, total] = await Promise.all([
      ctx.prisma.administrativeUnit.findMany({ where, orderBy: [{ tier: 'asc' }, { code: 'asc' }], take: window.take, skip: window.skip }),
      ctx.prisma.administrativeUnit.count({ where }),
    ]);
    return toPage(rows.map(toUnit), total, window);
  }

  @Query(() => AdministrativeUnit, { nullable: true, description: 'The unit with this code on a date (codes are reused across eras).' })
  async administrativeUnit(
    @Arg('code', () => String) code: string,
    @Arg('asOf', () => LocalDateScalar, { nullable: true }) asOf: string | null,
    @Ctx() ctx: PortalContext,
  ) {
    const units = (await ctx.loaders.unitsByCode.load(code.slice(0, 10))).map(toUnit);
    return units.find((u) => isValidOn(u, asOf ?? todayOf(ctx))) ?? null;
  }

  @FieldResolver(() => AdministrativeUnit, { nullable: true })
  async parent(@Root() unit: AdministrativeUnit, @Ctx() ctx: PortalContext) {
    if (!unit.parentCode) return null;
    const date = unit.validTo ?? unit.validFrom ?? todayOf(ctx);
    const parents = (await ctx.loaders.unitsByCode.load(unit.parentCode)).map(toUnit);
    return parents.find((p) => p.tier !== unit.tier && isValidOn(p, date)) ?? null;
  }

  @FieldResolver(() => [AdministrativeUnit], { description: 'Units directly under this one in the same era.' })
  async children(@Root() unit: AdministrativeUnit, @Ctx() ctx: PortalContext) {
    const date = unit.validTo ?? unit.validFrom ?? todayOf(ctx);
    return (await ctx.loaders.unitChildren.load(unit.code)).map(toUnit).filter((c) => c.tier !== unit.tier && isValidOn(c, date));
  }

  @FieldResolver(() => AdministrativeUnit, { nullable: true, description: 'The unit that took this one over (2025 merger).' })
  async successor(@Root() unit: AdministrativeUnit, @Ctx() ctx: PortalContext) {
    if (!unit.successorCode || !unit.validTo) return null;
    const next = new Date(fromLocalDate(unit.validTo).getTime() + 86_400_000).toISOString().slice(0, 10);
    const units = (await ctx.loaders.unitsByCode.load(unit.successorCode)).map(toUnit);
    return units.find((u) => isValidOn(u, next)) ?? null;
  }
}
