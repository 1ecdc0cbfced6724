// R-4.15 b and c: the political system and agencies, and officials' contacts, must be in the
// English channel too. Content items have their own report (untranslatedContent); this one
// covers the organisation tables: current agencies without an English name, officials without
// an English position.
import { Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { HubError } from '../../schema/errors.ts';
import { isStaff, type PortalContext } from './context.ts';
import { toAgency, toOfficial } from './mappers.ts';
import { Agency, Official } from './organisation.types.ts';
import { todayOf, validOn } from './validity.ts';

const LIMIT = 100;

@ObjectType({ description: 'Organisation data still missing from the English channel (R-4.15 b, c).' })
export class UntranslatedOrganisation {
  @Field(() => Int) agencyCount!: number;
  @Field(() => [Agency], { description: `Agencies in existence today without an English name (first ${LIMIT}).` }) agencies!: Agency[];
  @Field(() => Int) officialCount!: number;
  @Field(() => [Official], { description: `Officials without an English position (first ${LIMIT}).` }) officials!: Official[];
}

@Resolver()
export class TranslationResolver {
  @Query(() => UntranslatedOrganisation, { description: 'R-4.15 b, c: agencies and officials not yet in English (staff).' })
  async untranslatedOrganisation(@Ctx() ctx: PortalContext): Promise<UntranslatedOrganisation> {
    if (!isStaff(ctx.actor)) throw new HubError('FORBIDDEN', 'Only staff may read this report.');
    const current = validOn(todayOf(ctx));
    const agencyWhere = { AND: [current, { OR: [{ nameEn: null }, { nameEn: '' }] }] };
    const officialWhere = { AND: [current, { OR: [{ positionEn: null }, { positionEn: '' }] }] };
    const [agencies, agencyCount, officials, officialCount] = await Promise.all([
      ctx.prisma.agency.findMany({ where: agencyWhere, orderBy: { nameVi: 'asc' }, take: LIMIT }),
      ctx.prisma.agency.count({ where: agencyWhere }),
      ctx.prisma.official.findMany({ where: officialWhere, orderBy: { fullName: 'asc' }, take: LIMIT }),
      ctx.prisma.official.count({ where: officialWhere }),
    ]);
    return { agencyCount, agencies: agencies.map(toAgency), officialCount, officials: officials.map(toOfficial) };
  }
}
