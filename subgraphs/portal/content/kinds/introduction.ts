// introduction pages (nature, history, culture, heritage, landmarks, political system)
// with references to administrative units down to communes, as they were on a date.
import { Directive, Ctx, Field, FieldResolver, Float, InputType, ObjectType, registerEnumType, Resolver, Root } from 'type-graphql';
import type { Db } from '../../../../schema/db/prisma.ts';
import { LocalDateScalar, toLocalDate } from '../../../kit/scalars.ts';
import type { PortalContext } from '../../context.ts';
import { toUnit } from '../../mappers.ts';
import { isValidOn, todayOf } from '../../validity.ts';
import { AdministrativeUnit } from '../../organisation.types.ts';
import { decimalIn, optDate, optText, unitCodes } from '../clean.ts';
import { ContentKind } from '../kinds.ts';
import { ContentItem } from '../types.ts';
import { defineModule } from './module.ts';

export enum IntroductionTopic {
  NATURE = 'NATURE',
  HISTORY = 'HISTORY',
  CULTURE = 'CULTURE',
  HERITAGE = 'HERITAGE',
  LANDMARK = 'LANDMARK',
  POLITICAL_SYSTEM = 'POLITICAL_SYSTEM',
  ADMINISTRATIVE_MAP = 'ADMINISTRATIVE_MAP',
}
registerEnumType(IntroductionTopic, { name: 'IntroductionTopic' });

@Directive('@key(fields: "id")')
@ObjectType({ implements: ContentItem, description: 'An introduction page (R-4.1).' })
export class IntroductionPage extends ContentItem {
  @Field(() => IntroductionTopic) topic!: IntroductionTopic;
  @Field(() => [String], { description: 'Administrative units the page is about (map references down to communes).' }) unitCodes!: string[];
  @Field(() => LocalDateScalar, { nullable: true, description: 'The date the unit codes refer to (codes are reused across eras).' }) unitsAsOf!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => Float, { nullable: true }) latitude!: number | null;
  @Field(() => Float, { nullable: true }) longitude!: number | null;
  @Field(() => String, { nullable: true, description: 'Heritage ranking or recognition, e.g. “Di tích quốc gia đặc biệt”.' }) recognition!: string | null;
}

@InputType()
export class IntroductionInput {
  @Field(() => IntroductionTopic) topic!: IntroductionTopic;
  @Field(() => [String], { nullable: true }) unitCodes?: string[] | null;
  @Field(() => LocalDateScalar, { nullable: true }) unitsAsOf?: string | null;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => String, { nullable: true, description: 'Decimal degrees as a string, e.g. "21.309".' }) latitude?: string | null;
  @Field(() => String, { nullable: true }) longitude?: string | null;
  @Field(() => String, { nullable: true }) recognition?: string | null;
}

const clean = (i: IntroductionInput) => ({
  topic: i.topic,
  unitCodes: unitCodes(i.unitCodes),
  unitsAsOf: optDate(i.unitsAsOf),
  address: optText(i.address, 'introduction.address', 400),
  latitude: i.latitude ? decimalIn(i.latitude, 'introduction.latitude', 3, 6) : null,
  longitude: i.longitude ? decimalIn(i.longitude, 'introduction.longitude', 3, 6) : null,
  recognition: optText(i.recognition, 'introduction.recognition', 300),
});

export const introductionModule = defineModule({
  kinds: [ContentKind.INTRODUCTION],
  inputField: 'introduction',
  load: (prisma, ids) => prisma.introductionPage.findMany({ where: { itemId: { in: ids } } }),
  fields: (r: Db.IntroductionPage | null) => ({
    topic: r?.topic,
    unitCodes: r?.unitCodes ?? [],
    unitsAsOf: toLocalDate(r?.unitsAsOf),
    address: r?.address ?? null,
    latitude: r?.latitude ? Number(r.latitude) : null,
    longitude: r?.longitude ? Number(r.longitude) : null,
    recognition: r?.recognition ?? null,
  }),
  clean,
  write: async (tx, itemId, data: ReturnType<typeof clean>) => {
    await tx.introductionPage.upsert({ where: { itemId }, create: { itemId, ...data }, update: data });
  },
  // b is the political system and agencies; every other introduction page is point a.
  englishPoint: (c) => (c.topic === IntroductionTopic.POLITICAL_SYSTEM ? 'b' : 'a'),
  searchText: (c) => [c.address, c.recognition].filter(Boolean).join(' '),
});

/** Unit codes resolved to the units valid on the page's date (default today). */
export async function unitsOf(ctx: PortalContext, codes: string[], asOf: string | null): Promise<AdministrativeUnit[]> {
  const date = asOf ?? todayOf(ctx);
  const eras = await ctx.loaders.unitsByCode.loadMany(codes.slice(0, 200));
  return eras.flatMap((rows) => {
    if (!Array.isArray(rows)) return [];
    const units = rows.map(toUnit);
    const unit = units.find((u) => isValidOn(u, date)) ?? units[0];
    return unit ? [unit] : [];
  });
}

@Resolver(() => IntroductionPage)
export class IntroductionPageResolver {
  @FieldResolver(() => [AdministrativeUnit], { description: 'The referenced units as valid on unitsAsOf.' })
  administrativeUnits(@Root() page: IntroductionPage, @Ctx() ctx: PortalContext) {
    return unitsOf(ctx, page.unitCodes, page.unitsAsOf);
  }
}
