// introduction pages (nature, history, culture, heritage, landmarks, political system)
// with references to administrative units down to communes — the kind, its input block and
// detail table (the GraphQL type: introduction.resolver.ts).
import { Field, InputType, registerEnumType } from 'type-graphql';
import type { Db } from '../../../../schema/db/prisma.ts';
import { LocalDateScalar, toLocalDate } from '../../../kit/scalars.ts';
import { decimalIn, optDate, optText, unitCodes } from '../clean.ts';
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
  kinds: {
    INTRODUCTION: {
      category: 'INTRODUCTION',
      segment: 'introduction',
      typeName: 'IntroductionPage',
      dcType: 'Text',
      englishPoint: 'a',
      label: { vi: 'Giới thiệu', en: 'Introduction' },
    },
  },
  inputField: 'introduction',
  input: { type: () => IntroductionInput },
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
