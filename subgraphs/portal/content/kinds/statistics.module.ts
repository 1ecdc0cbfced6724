// statistics datasets — values, methodology, analysis, survey time — the kind, its
// input block and detail tables (the GraphQL type and CSV link: statistics.resolver.ts).
import { Field, InputType } from 'type-graphql';
import type { Db } from '../../../../schema/db/prisma.ts';
import { DecimalScalar, LocalDateScalar, toLocalDate } from '../../../kit/scalars.ts';
import { bad, decimalIn, multiline, optDate, optMultiline, optText, ordered, text } from '../clean.ts';
import { defineModule } from './module.ts';

export const MAX_VALUES_PER_DATASET = 5_000;
export const MAX_VALUES_IN_GRAPH = 500;

@InputType()
export class StatisticValueInput {
  @Field(() => String) indicatorVi!: string;
  @Field(() => String, { nullable: true }) indicatorEn?: string | null;
  @Field(() => String, { nullable: true }) area?: string | null;
  @Field(() => String, { nullable: true }) unitCode?: string | null;
  @Field(() => String) period!: string;
  @Field(() => DecimalScalar) value!: string;
  @Field(() => String) unit!: string;
}

@InputType()
export class StatisticsInput {
  @Field(() => String) surveyPeriod!: string;
  @Field(() => LocalDateScalar, { nullable: true }) surveyFrom?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) surveyTo?: string | null;
  @Field(() => String) methodologyVi!: string;
  @Field(() => String, { nullable: true }) methodologyEn?: string | null;
  @Field(() => String, { nullable: true }) analysisVi?: string | null;
  @Field(() => String, { nullable: true }) analysisEn?: string | null;
  @Field(() => [StatisticValueInput]) values!: StatisticValueInput[];
}

const cleanValue = (v: StatisticValueInput, i: number) => {
  const f = `statistics.values[${i}]`;
  const unitCode = optText(v.unitCode, `${f}.unitCode`, 10);
  if (unitCode && !/^\d{2,5}$/.test(unitCode)) throw bad(`${f}.unitCode`, 'UNIT_CODE', `${f}.unitCode is not a unit code.`);
  return {
    indicatorVi: text(v.indicatorVi, `${f}.indicatorVi`, 300),
    indicatorEn: optText(v.indicatorEn, `${f}.indicatorEn`, 300),
    area: optText(v.area, `${f}.area`),
    unitCode,
    period: text(v.period, `${f}.period`, 40),
    value: decimalIn(v.value, `${f}.value`, 18, 6),
    unit: text(v.unit, `${f}.unit`, 40),
    sortOrder: i,
  };
};

const clean = (i: StatisticsInput) => {
  if (i.values.length > MAX_VALUES_PER_DATASET) throw bad('statistics.values', 'TOO_MANY', `A dataset holds at most ${MAX_VALUES_PER_DATASET} values.`);
  const surveyFrom = optDate(i.surveyFrom);
  const surveyTo = optDate(i.surveyTo);
  ordered(surveyFrom, surveyTo, 'statistics.surveyTo');
  return {
    surveyPeriod: text(i.surveyPeriod, 'statistics.surveyPeriod', 120),
    surveyFrom,
    surveyTo,
    methodologyVi: multiline(i.methodologyVi, 'statistics.methodologyVi', 8000),
    methodologyEn: optMultiline(i.methodologyEn, 'statistics.methodologyEn', 8000),
    analysisVi: optMultiline(i.analysisVi, 'statistics.analysisVi', 8000),
    analysisEn: optMultiline(i.analysisEn, 'statistics.analysisEn', 8000),
    values: i.values.map(cleanValue),
  };
};

export const statisticsModule = defineModule({
  kinds: {
    STATISTICS_DATASET: {
      category: 'STATISTICS',
      segment: 'statistics',
      typeName: 'StatisticsDataset',
      dcType: 'Dataset',
      label: { vi: 'Thống kê', en: 'Statistics' },
    },
  },
  inputField: 'statistics',
  input: { type: () => StatisticsInput },
  load: (prisma, ids) => prisma.statisticsDataset.findMany({ where: { itemId: { in: ids } } }),
  fields: (r: Db.StatisticsDataset | null) => ({
    surveyPeriod: r?.surveyPeriod ?? '',
    surveyFrom: toLocalDate(r?.surveyFrom),
    surveyTo: toLocalDate(r?.surveyTo),
    methodology: { vi: r?.methodologyVi ?? '', en: r?.methodologyEn ?? null },
    analysis: r?.analysisVi ? { vi: r.analysisVi, en: r.analysisEn } : null,
  }),
  clean,
  write: async (tx, itemId, { values, ...data }: ReturnType<typeof clean>) => {
    await tx.statisticsDataset.upsert({ where: { itemId }, create: { itemId, ...data }, update: data });
    await tx.statisticValue.deleteMany({ where: { datasetId: itemId } });
    await tx.statisticValue.createMany({ data: values.map((v) => ({ ...v, datasetId: itemId })) });
  },
  searchText: (c) => `${c.surveyPeriod} ${[...new Set(c.values.map((v) => v.indicatorVi))].slice(0, 50).join(' ')}`,
});
