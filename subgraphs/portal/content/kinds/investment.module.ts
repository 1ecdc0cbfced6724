// investment projects (budget as an exact VND decimal) and tenders / procurement
// notices — the kinds, their input blocks and detail tables (the GraphQL types:
// investment.resolver.ts).
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import type { Db } from '../../../../schema/db/prisma.ts';
import { toLegalBasis } from '../../../kit/legal-basis.ts';
import { DecimalScalar } from '../../../kit/scalars.ts';
import { bad, localizedIn, money, optMoney, optText, ordered, stringList, text, unitCodes, uuidArg, year } from '../clean.ts';
import { defineModule } from './module.ts';
import { LocalizedTextInput } from './shared-inputs.ts';

export enum FundingType {
  STATE_BUDGET = 'STATE_BUDGET',
  ODA = 'ODA',
  PPP = 'PPP',
  FDI = 'FDI',
  DOMESTIC_PRIVATE = 'DOMESTIC_PRIVATE',
  MIXED = 'MIXED',
  OTHER = 'OTHER',
}
registerEnumType(FundingType, { name: 'FundingType', description: 'Loại nguồn vốn.' });

export enum ProjectStatus {
  PREPARING = 'PREPARING',
  UNDER_WAY = 'UNDER_WAY',
  COMPLETED = 'COMPLETED',
}
registerEnumType(ProjectStatus, { name: 'ProjectStatus', description: 'Đang chuẩn bị, đang thực hiện, đã hoàn thành (R-4.10).' });

export enum TenderNoticeKind {
  PROCUREMENT_PLAN = 'PROCUREMENT_PLAN',
  INVITATION_TO_BID = 'INVITATION_TO_BID',
  CONTRACTOR_SELECTION_RESULT = 'CONTRACTOR_SELECTION_RESULT',
  PROCUREMENT_NOTICE = 'PROCUREMENT_NOTICE',
}
registerEnumType(TenderNoticeKind, { name: 'TenderNoticeKind' });

@InputType()
export class InvestmentProjectInput {
  @Field(() => LocalizedTextInput) objectives!: LocalizedTextInput;
  @Field(() => String) field!: string;
  @Field(() => String) projectType!: string;
  @Field(() => Int, { nullable: true }) startYear?: number | null;
  @Field(() => Int, { nullable: true }) endYear?: number | null;
  @Field(() => DecimalScalar) budgetVnd!: string;
  @Field(() => FundingType) fundingType!: FundingType;
  @Field(() => String, { nullable: true }) donor?: string | null;
  @Field(() => ProjectStatus) status!: ProjectStatus;
  @Field(() => Boolean, { nullable: true }) callingForCapital?: boolean | null;
  @Field(() => [String], { nullable: true }) unitCodes?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Legal bases as cited (the investment decision, the laws it rests on), at most 30.' })
  legalBasis?: string[] | null;
}

@InputType()
export class TenderInput {
  @Field(() => TenderNoticeKind) noticeKind!: TenderNoticeKind;
  @Field(() => ID, { nullable: true, description: 'The investment project item the notice belongs to.' }) projectId?: string | null;
  @Field(() => String) packageName!: string;
  @Field(() => String) procuringEntity!: string;
  @Field(() => String, { nullable: true }) method?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) estimatedValueVnd?: string | null;
  @Field(() => Date, { nullable: true }) closingAt?: Date | null;
}

const cleanProject = (i: InvestmentProjectInput) => {
  const objectives = localizedIn(i.objectives, 'investmentProject.objectives', 4000, true);
  const startYear = year(i.startYear, 'investmentProject.startYear');
  const endYear = year(i.endYear, 'investmentProject.endYear');
  ordered(startYear, endYear, 'investmentProject.endYear');
  return {
    objectivesVi: objectives.vi,
    objectivesEn: objectives.en,
    field: text(i.field, 'investmentProject.field', 120),
    projectType: text(i.projectType, 'investmentProject.projectType', 120),
    startYear,
    endYear,
    budgetVnd: money(i.budgetVnd, 'investmentProject.budgetVnd'),
    fundingType: i.fundingType,
    donor: optText(i.donor, 'investmentProject.donor', 300),
    status: i.status,
    callingForCapital: i.callingForCapital ?? false,
    unitCodes: unitCodes(i.unitCodes, 'investmentProject.unitCodes'),
    legalBasis: stringList(i.legalBasis, 'investmentProject.legalBasis', 30, 300),
  };
};

export const investmentModule = defineModule({
  kinds: {
    INVESTMENT_PROJECT: {
      category: 'INVESTMENT_PROJECTS',
      segment: 'investment-project',
      typeName: 'InvestmentProject',
      dcType: 'Text',
      englishPoint: 'e',
      label: { vi: 'Dự án đầu tư', en: 'Investment project' },
    },
  },
  inputField: 'investmentProject',
  input: { type: () => InvestmentProjectInput },
  load: (prisma, ids) => prisma.investmentProject.findMany({ where: { itemId: { in: ids } } }),
  fields: (r: Db.InvestmentProject | null) => ({
    objectives: { vi: r?.objectivesVi ?? '', en: r?.objectivesEn ?? null },
    field: r?.field ?? '',
    projectType: r?.projectType ?? '',
    startYear: r?.startYear ?? null,
    endYear: r?.endYear ?? null,
    budgetVnd: r ? r.budgetVnd.toFixed(2) : '0.00',
    fundingType: r?.fundingType,
    donor: r?.donor ?? null,
    status: r?.status,
    callingForCapital: r?.callingForCapital ?? false,
    unitCodes: r?.unitCodes ?? [],
    legalBases: (r?.legalBasis ?? []).map(toLegalBasis),
  }),
  clean: cleanProject,
  write: async (tx, itemId, data: ReturnType<typeof cleanProject>) => {
    await tx.investmentProject.upsert({ where: { itemId }, create: { itemId, ...data }, update: data });
  },
  englishPoint: () => 'e',
  searchText: (c) => `${c.field} ${c.projectType} ${c.donor ?? ''}`,
  legalBases: (c) => c.legalBasis,
});

const cleanTender = (i: TenderInput) => {
  return {
    noticeKind: i.noticeKind,
    projectItemId: uuidArg(i.projectId, 'tender.projectId'),
    packageName: text(i.packageName, 'tender.packageName', 500),
    procuringEntity: text(i.procuringEntity, 'tender.procuringEntity', 300),
    method: optText(i.method, 'tender.method', 120),
    estimatedValueVnd: optMoney(i.estimatedValueVnd, 'tender.estimatedValueVnd'),
    closingAt: i.closingAt ?? null,
  };
};

export const tenderModule = defineModule({
  kinds: {
    TENDER: {
      category: 'INVESTMENT_PROJECTS',
      segment: 'tender',
      typeName: 'Tender',
      dcType: 'Text',
      label: { vi: 'Đấu thầu, mua sắm công', en: 'Tender or procurement notice' },
    },
  },
  inputField: 'tender',
  input: { type: () => TenderInput },
  load: (prisma, ids) => prisma.tender.findMany({ where: { itemId: { in: ids } } }),
  fields: (r: Db.Tender | null) => ({
    noticeKind: r?.noticeKind,
    packageName: r?.packageName ?? '',
    procuringEntity: r?.procuringEntity ?? '',
    method: r?.method ?? null,
    estimatedValueVnd: r?.estimatedValueVnd ? r.estimatedValueVnd.toFixed(2) : null,
    closingAt: r?.closingAt ?? null,
    projectItemId: r?.projectItemId ?? null,
  }),
  clean: cleanTender,
  write: async (tx, itemId, data: ReturnType<typeof cleanTender>) => {
    if (data.projectItemId) {
      const project = await tx.contentItem.findFirst({ where: { id: data.projectItemId, kind: 'INVESTMENT_PROJECT' }, select: { id: true } });
      if (!project) throw bad('tender.projectId', 'NOT_A_PROJECT', 'tender.projectId does not name an investment project.');
    }
    await tx.tender.upsert({ where: { itemId }, create: { itemId, ...data }, update: data });
  },
  searchText: (c) => `${c.packageName} ${c.procuringEntity}`,
});
