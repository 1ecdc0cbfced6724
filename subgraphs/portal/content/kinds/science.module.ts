// science and technology tasks; after acceptance, their results (the summary and
// application reports are files of the item with roles SUMMARY_REPORT / APPLICATION_REPORT) —
// the kind, its input block and detail table (the GraphQL type: science.resolver.ts).
import { Field, InputType, registerEnumType } from 'type-graphql';
import type { Db } from '../../../../schema/db/prisma.ts';
import { LocalDateScalar, toLocalDate } from '../../../kit/scalars.ts';
import { bad, optDate, optMultiline, optText, ordered, text } from '../clean.ts';
import { defineModule } from './module.ts';

export enum ManagementLevel {
  NATIONAL = 'NATIONAL',
  MINISTERIAL = 'MINISTERIAL',
  PROVINCIAL = 'PROVINCIAL',
  GRASSROOTS = 'GRASSROOTS',
}
registerEnumType(ManagementLevel, { name: 'ManagementLevel', description: 'Cấp quản lý: quốc gia, bộ, tỉnh, cơ sở.' });

@InputType()
export class ScienceTaskInput {
  @Field(() => String) code!: string;
  @Field(() => ManagementLevel) managementLevel!: ManagementLevel;
  @Field(() => String) field!: string;
  @Field(() => String) leadUnit!: string;
  @Field(() => String, { nullable: true }) principalInvestigator?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) startOn?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) endOn?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) acceptedOn?: string | null;
  @Field(() => String, { nullable: true }) resultSummaryVi?: string | null;
  @Field(() => String, { nullable: true }) resultSummaryEn?: string | null;
}

const clean = (i: ScienceTaskInput) => {
  const code = text(i.code, 'scienceTask.code', 40);
  if (!/^[\p{L}\p{N}./_-]+$/u.test(code)) throw bad('scienceTask.code', 'CODE', 'scienceTask.code may hold letters, digits and . / _ - only.');
  const startOn = optDate(i.startOn);
  const endOn = optDate(i.endOn);
  ordered(startOn, endOn, 'scienceTask.endOn');
  const resultSummaryVi = optMultiline(i.resultSummaryVi, 'scienceTask.resultSummaryVi', 8000);
  const acceptedOn = optDate(i.acceptedOn);
  if (resultSummaryVi && !acceptedOn)
    throw bad('scienceTask.acceptedOn', 'RESULTS_BEFORE_ACCEPTANCE', 'Results are published after acceptance: give acceptedOn.');
  return {
    code,
    managementLevel: i.managementLevel,
    field: text(i.field, 'scienceTask.field', 120),
    leadUnit: text(i.leadUnit, 'scienceTask.leadUnit', 300),
    principalInvestigator: optText(i.principalInvestigator, 'scienceTask.principalInvestigator'),
    startOn,
    endOn,
    acceptedOn,
    resultSummaryVi,
    resultSummaryEn: optMultiline(i.resultSummaryEn, 'scienceTask.resultSummaryEn', 8000),
  };
};

export const scienceModule = defineModule({
  kinds: {
    SCIENCE_TASK: {
      category: 'SCIENCE_TASKS',
      segment: 'science-task',
      typeName: 'ScienceTask',
      dcType: 'Text',
      label: { vi: 'Nhiệm vụ khoa học và công nghệ', en: 'Science and technology task' },
    },
  },
  inputField: 'scienceTask',
  input: { type: () => ScienceTaskInput },
  load: (prisma, ids) => prisma.scienceTask.findMany({ where: { itemId: { in: ids } } }),
  fields: (r: Db.ScienceTask | null) => ({
    code: r?.code ?? '',
    managementLevel: r?.managementLevel,
    field: r?.field ?? '',
    leadUnit: r?.leadUnit ?? '',
    principalInvestigator: r?.principalInvestigator ?? null,
    startOn: toLocalDate(r?.startOn),
    endOn: toLocalDate(r?.endOn),
    acceptedOn: toLocalDate(r?.acceptedOn),
    resultSummary: r?.resultSummaryVi ? { vi: r.resultSummaryVi, en: r.resultSummaryEn } : null,
  }),
  clean,
  write: async (tx, itemId, data: ReturnType<typeof clean>) => {
    await tx.scienceTask.upsert({ where: { itemId }, create: { itemId, ...data }, update: data });
  },
  searchText: (c) => `${c.code} ${c.field} ${c.leadUnit} ${c.principalInvestigator ?? ''}`,
});
