// the GraphQL type of introduction pages and their units as they were on a date (the
// kind's module: introduction.module.ts).
import { Directive, Ctx, Field, FieldResolver, Float, ObjectType, Resolver, Root } from 'type-graphql';
import { LocalDateScalar } from '../../../kit/scalars.ts';
import type { PortalContext } from '../../context.ts';
import { toUnit } from '../../mappers.ts';
import { isValidOn, todayOf } from '../../validity.ts';
import { AdministrativeUnit } from '../../organisation.types.ts';
import { ContentItem } from '../types.ts';
import { IntroductionTopic } from './introduction.module.ts';

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
