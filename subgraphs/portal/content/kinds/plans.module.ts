// law-dissemination explainers per sector, and plans and zoning items of kinds
// a–e with their geographic scope — the kinds, their input blocks and detail tables (the
// GraphQL types: plans.resolver.ts).
import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import type { Db } from '../../../../schema/db/prisma.ts';
import { toLegalBasis } from '../../../kit/legal-basis.ts';
import { DecimalScalar, LocalDateScalar, toLocalDate } from '../../../kit/scalars.ts';
import { bad, decimalIn, optDate, optText, ordered, stringList, text, unitCodes, year } from '../clean.ts';
import { defineModule } from './module.ts';

export enum PlanKind {
  INVESTMENT_CALL = 'INVESTMENT_CALL',
  ZONING = 'ZONING',
  LAND_USE = 'LAND_USE',
  NATURAL_RESOURCE = 'NATURAL_RESOURCE',
  ENVIRONMENT = 'ENVIRONMENT',
}
registerEnumType(PlanKind, {
  name: 'PlanKind',
  description:
    'R-4.5 a: investment incentives and projects calling for capital; b: construction/urban/transport/industrial/tourism zoning; c: land use; d: natural resources; e: waste plans, pollution sources, polluted areas.',
});

/** point of each plan kind. */
export const PLAN_POINT: Record<PlanKind, string> = { INVESTMENT_CALL: 'a', ZONING: 'b', LAND_USE: 'c', NATURAL_RESOURCE: 'd', ENVIRONMENT: 'e' };

const SUBTYPES: Partial<Record<PlanKind, string[]>> = {
  ZONING: ['CONSTRUCTION', 'URBAN', 'TRANSPORT', 'INDUSTRIAL_ZONE', 'TOURISM'],
  ENVIRONMENT: ['WASTE_PLAN', 'POLLUTION_SOURCE', 'POLLUTED_AREA'],
};

@InputType()
export class LawExplainerInput {
  @Field(() => String) sector!: string;
  @Field(() => String, { nullable: true }) audience?: string | null;
  @Field(() => [String], { nullable: true }) legalBasis?: string[] | null;
}

@InputType()
export class PlanInput {
  @Field(() => PlanKind) planKind!: PlanKind;
  @Field(() => String, { nullable: true }) subtype?: string | null;
  @Field(() => [String], { nullable: true }) unitCodes?: string[] | null;
  @Field(() => LocalDateScalar, { nullable: true }) unitsAsOf?: string | null;
  @Field(() => String, { nullable: true }) approvalNumber?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) approvedOn?: string | null;
  @Field(() => Int, { nullable: true }) periodFrom?: number | null;
  @Field(() => Int, { nullable: true }) periodTo?: number | null;
  @Field(() => Int, { nullable: true }) visionYear?: number | null;
  @Field(() => DecimalScalar, { nullable: true }) areaHectares?: string | null;
  @Field(() => [String], { nullable: true, description: 'Legal bases as cited ("Luật Quy hoạch số 21/2017/QH14"), at most 30.' }) legalBasis?: string[] | null;
}

const cleanExplainer = (i: LawExplainerInput) => ({
  sector: text(i.sector, 'lawExplainer.sector', 120),
  audience: optText(i.audience, 'lawExplainer.audience', 300),
  legalBasis: stringList(i.legalBasis, 'lawExplainer.legalBasis', 30, 60),
});

export const explainerModule = defineModule({
  kinds: {
    LAW_EXPLAINER: {
      category: 'LAW_DISSEMINATION',
      segment: 'law-explainer',
      typeName: 'LawExplainer',
      dcType: 'Text',
      label: { vi: 'Tuyên truyền, phổ biến pháp luật', en: 'Law and policy explainer' },
    },
  },
  inputField: 'lawExplainer',
  input: { type: () => LawExplainerInput },
  load: (prisma, ids) => prisma.lawExplainer.findMany({ where: { itemId: { in: ids } } }),
  fields: (r: Db.LawExplainer | null) => ({
    sector: r?.sector ?? '',
    audience: r?.audience ?? null,
    legalBasis: r?.legalBasis ?? [],
    legalBases: (r?.legalBasis ?? []).map(toLegalBasis),
  }),
  clean: cleanExplainer,
  write: async (tx, itemId, data: ReturnType<typeof cleanExplainer>) => {
    await tx.lawExplainer.upsert({ where: { itemId }, create: { itemId, ...data }, update: data });
  },
  searchText: (c) => `${c.sector} ${c.legalBasis.join(' ')}`,
  legalBases: (c) => c.legalBasis,
});

const cleanPlan = (i: PlanInput) => {
  const subtype = optText(i.subtype, 'plan.subtype', 40);
  const allowed = SUBTYPES[i.planKind];
  if (subtype && (!allowed || !allowed.includes(subtype))) {
    throw bad('plan.subtype', 'SUBTYPE', `plan.subtype must be one of: ${(allowed ?? []).join(', ') || 'none for this kind'}.`);
  }
  const periodFrom = year(i.periodFrom, 'plan.periodFrom');
  const periodTo = year(i.periodTo, 'plan.periodTo');
  ordered(periodFrom, periodTo, 'plan.periodTo');
  return {
    planKind: i.planKind,
    subtype,
    unitCodes: unitCodes(i.unitCodes, 'plan.unitCodes'),
    unitsAsOf: optDate(i.unitsAsOf),
    approvalNumber: optText(i.approvalNumber, 'plan.approvalNumber', 60),
    approvedOn: optDate(i.approvedOn),
    periodFrom,
    periodTo,
    visionYear: year(i.visionYear, 'plan.visionYear'),
    areaHectares: i.areaHectares ? decimalIn(i.areaHectares, 'plan.areaHectares', 12, 2) : null,
    legalBasis: stringList(i.legalBasis, 'plan.legalBasis', 30, 300),
  };
};

export const planModule = defineModule({
  kinds: {
    PLAN: {
      category: 'PLANS',
      segment: 'plan',
      typeName: 'PlanItem',
      dcType: 'Text',
      label: { vi: 'Chiến lược, quy hoạch, kế hoạch', en: 'Strategy, zoning and plans' },
    },
  },
  inputField: 'plan',
  input: { type: () => PlanInput },
  load: (prisma, ids) => prisma.planItem.findMany({ where: { itemId: { in: ids } } }),
  fields: (r: Db.PlanItem | null) => ({
    planKind: r?.planKind,
    planPoint: r ? PLAN_POINT[r.planKind as PlanKind] : '',
    subtype: r?.subtype ?? null,
    unitCodes: r?.unitCodes ?? [],
    unitsAsOf: toLocalDate(r?.unitsAsOf),
    approvalNumber: r?.approvalNumber ?? null,
    approvedOn: toLocalDate(r?.approvedOn),
    periodFrom: r?.periodFrom ?? null,
    periodTo: r?.periodTo ?? null,
    visionYear: r?.visionYear ?? null,
    areaHectares: r?.areaHectares ? r.areaHectares.toFixed() : null,
    legalBases: (r?.legalBasis ?? []).map(toLegalBasis),
  }),
  clean: cleanPlan,
  write: async (tx, itemId, data: ReturnType<typeof cleanPlan>) => {
    await tx.planItem.upsert({ where: { itemId }, create: { itemId, ...data }, update: data });
  },
  categoryPoint: (c) => PLAN_POINT[c.planKind],
  // e: investment policies are in the minimum English set.
  englishPoint: (c) => (c.planKind === PlanKind.INVESTMENT_CALL ? 'e' : null),
  searchText: (c) => [c.approvalNumber, c.subtype].filter(Boolean).join(' '),
  legalBases: (c) => c.legalBasis,
});
