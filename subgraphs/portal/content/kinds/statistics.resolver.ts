// the GraphQL type of statistics datasets, their values and CSV download (print/routes.ts
// serves it; the kind's module: statistics.module.ts).
import { Directive, Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { Db } from '../../../../schema/db/prisma.ts';
import { DecimalScalar, LocalDateScalar, LocalizedText } from '../../../kit/scalars.ts';
import type { PortalContext } from '../../context.ts';
import { KINDS } from '../kinds.ts';
import { ContentItem } from '../types.ts';
import { MAX_VALUES_IN_GRAPH } from './statistics.module.ts';

@ObjectType({ description: 'One value of a dataset: indicator × area × period.' })
export class StatisticValue {
  @Field(() => ID) id!: string;
  @Field(() => LocalizedText) indicator!: LocalizedText;
  @Field(() => String, { nullable: true }) area!: string | null;
  @Field(() => String, { nullable: true }) unitCode!: string | null;
  @Field(() => String) period!: string;
  @Field(() => DecimalScalar) value!: string;
  @Field(() => String, { description: 'Unit of measure (%, tỷ đồng, người …).' }) unit!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ implements: ContentItem, description: 'A statistics dataset (R-4.14).' })
export class StatisticsDataset extends ContentItem {
  @Field(() => String, { description: 'Survey time as announced, e.g. “6 tháng đầu năm 2026”.' }) surveyPeriod!: string;
  @Field(() => LocalDateScalar, { nullable: true }) surveyFrom!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) surveyTo!: string | null;
  @Field(() => LocalizedText) methodology!: LocalizedText;
  @Field(() => LocalizedText, { nullable: true }) analysis!: LocalizedText | null;
}

export const toStatisticValue = (r: Db.StatisticValue): StatisticValue => ({
  id: r.id,
  indicator: { vi: r.indicatorVi, en: r.indicatorEn },
  area: r.area,
  unitCode: r.unitCode,
  period: r.period,
  value: r.value.toFixed(),
  unit: r.unit,
});

@Resolver(() => StatisticsDataset)
export class StatisticsDatasetResolver {
  @FieldResolver(() => [StatisticValue], { description: `The dataset’s values (the first ${MAX_VALUES_IN_GRAPH}; csvUrl has them all).` })
  async values(@Root() d: StatisticsDataset, @Ctx() ctx: PortalContext) {
    return (await ctx.loaders.statisticValues.load(d.id)).slice(0, MAX_VALUES_IN_GRAPH).map(toStatisticValue);
  }

  @FieldResolver(() => Int)
  async valueCount(@Root() d: StatisticsDataset, @Ctx() ctx: PortalContext) {
    return ctx.loaders.statisticValueCount.load(d.id);
  }

  @FieldResolver(() => String, { description: 'Stable URL of the whole dataset as CSV (UTF-8).' })
  csvUrl(@Root() d: StatisticsDataset, @Ctx() ctx: PortalContext) {
    return `${ctx.linkBase()}/data/${KINDS.STATISTICS_DATASET.segment}/${d.slug}.csv`;
  }
}
