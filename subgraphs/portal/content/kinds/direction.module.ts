// direction and administration: directives and other administration items of the
// provincial People's Committee, responses to petitions, commendations and sanctions — what the
// kinds are, their input blocks and detail tables (the GraphQL types: direction.resolver.ts).
import { Field, InputType, registerEnumType } from 'type-graphql';
import type { Db } from '../../../../schema/db/prisma.ts';
import { normaliseDocumentNumber } from '../../../../schema/text/vietnamese.ts';
import { toLegalBasis } from '../../../kit/legal-basis.ts';
import { DecimalScalar, LocalDateScalar, toLocalDate } from '../../../kit/scalars.ts';
import { localizedIn, optDate, optMoney, optText, stringList, text, TEXT_LIMITS } from '../clean.ts';
import { defineModule } from './module.ts';
import { LocalizedTextInput } from './shared-inputs.ts';

export enum DirectionKind {
  DIRECTIVE = 'DIRECTIVE',
  DECISION = 'DECISION',
  OFFICIAL_LETTER = 'OFFICIAL_LETTER',
  ANNOUNCEMENT = 'ANNOUNCEMENT',
  CONCLUSION = 'CONCLUSION',
}
registerEnumType(DirectionKind, { name: 'DirectionKind', description: 'Chỉ thị, quyết định, công văn, thông báo, kết luận.' });

export enum CommendationKind {
  COMMENDATION = 'COMMENDATION',
  SANCTION = 'SANCTION',
}
registerEnumType(CommendationKind, { name: 'CommendationKind' });

@InputType()
export class DirectiveInput {
  @Field(() => DirectionKind) directionKind!: DirectionKind;
  @Field(() => String, { nullable: true }) documentNumber?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) issuedOn?: string | null;
  @Field(() => String, { nullable: true }) signerName?: string | null;
  @Field(() => String, { nullable: true }) signerTitle?: string | null;
  @Field(() => [String], { nullable: true, description: 'Legal bases as cited ("Quyết định 26/2017/QĐ-UBND"), at most 30.' }) legalBasis?: string[] | null;
}

@InputType()
export class PetitionResponseInput {
  @Field(() => String) petitioner!: string;
  @Field(() => LocalizedTextInput) petitionSummary!: LocalizedTextInput;
  @Field(() => LocalDateScalar, { nullable: true }) receivedOn?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) respondedOn?: string | null;
  @Field(() => String, { nullable: true }) responseNumber?: string | null;
}

@InputType()
export class CommendationInput {
  @Field(() => CommendationKind) decisionKind!: CommendationKind;
  @Field(() => String) subjectName!: string;
  @Field(() => String) form!: string;
  @Field(() => String, { nullable: true }) decisionNumber?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) decidedOn?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) amountVnd?: string | null;
}

const cleanDirective = (i: DirectiveInput) => {
  const documentNumber = optText(i.documentNumber, 'directive.documentNumber', 60);
  return {
    directionKind: i.directionKind,
    documentNumber,
    documentNumberKey: documentNumber ? normaliseDocumentNumber(documentNumber).toUpperCase() : null,
    issuedOn: optDate(i.issuedOn),
    signerName: optText(i.signerName, 'directive.signerName'),
    signerTitle: optText(i.signerTitle, 'directive.signerTitle'),
    legalBasis: stringList(i.legalBasis, 'directive.legalBasis', 30, 300),
  };
};

export const directiveModule = defineModule({
  kinds: {
    DIRECTIVE: {
      category: 'DIRECTION',
      segment: 'directive',
      typeName: 'Directive',
      dcType: 'Text',
      label: { vi: 'Chỉ đạo điều hành', en: 'Direction and administration' },
    },
  },
  inputField: 'directive',
  input: { type: () => DirectiveInput },
  load: (prisma, ids) => prisma.directionItem.findMany({ where: { itemId: { in: ids } } }),
  fields: (r: Db.DirectionItem | null) => ({
    directionKind: r?.directionKind,
    documentNumber: r?.documentNumber ?? null,
    issuedOn: toLocalDate(r?.issuedOn),
    signerName: r?.signerName ?? null,
    signerTitle: r?.signerTitle ?? null,
    legalBases: (r?.legalBasis ?? []).map(toLegalBasis),
  }),
  clean: cleanDirective,
  write: async (tx, itemId, data: ReturnType<typeof cleanDirective>) => {
    await tx.directionItem.upsert({ where: { itemId }, create: { itemId, ...data }, update: data });
  },
  searchText: (c) => [c.documentNumber, c.documentNumberKey, c.signerName].filter(Boolean).join(' '),
  legalBases: (c) => c.legalBasis,
});

const cleanPetition = (i: PetitionResponseInput) => {
  const summary = localizedIn(i.petitionSummary, 'petitionResponse.petitionSummary', 4000, true);
  return {
    petitioner: text(i.petitioner, 'petitionResponse.petitioner', 300),
    petitionSummaryVi: summary.vi,
    petitionSummaryEn: summary.en,
    receivedOn: optDate(i.receivedOn),
    respondedOn: optDate(i.respondedOn),
    responseNumber: optText(i.responseNumber, 'petitionResponse.responseNumber', 60),
  };
};

export const petitionModule = defineModule({
  kinds: {
    PETITION_RESPONSE: {
      category: 'DIRECTION',
      segment: 'petition-response',
      typeName: 'PetitionResponse',
      dcType: 'Text',
      label: { vi: 'Trả lời kiến nghị', en: 'Response to a petition' },
    },
  },
  inputField: 'petitionResponse',
  input: { type: () => PetitionResponseInput },
  load: (prisma, ids) => prisma.petitionResponse.findMany({ where: { itemId: { in: ids } } }),
  fields: (r: Db.PetitionResponse | null) => ({
    petitioner: r?.petitioner ?? '',
    petitionSummary: { vi: r?.petitionSummaryVi ?? '', en: r?.petitionSummaryEn ?? null },
    receivedOn: toLocalDate(r?.receivedOn),
    respondedOn: toLocalDate(r?.respondedOn),
    responseNumber: r?.responseNumber ?? null,
  }),
  clean: cleanPetition,
  write: async (tx, itemId, data: ReturnType<typeof cleanPetition>) => {
    await tx.petitionResponse.upsert({ where: { itemId }, create: { itemId, ...data }, update: data });
  },
  searchText: (c) => `${c.petitioner} ${c.petitionSummaryVi}`,
});

const cleanCommendation = (i: CommendationInput) => ({
  decisionKind: i.decisionKind,
  subjectName: text(i.subjectName, 'commendation.subjectName', 300),
  form: text(i.form, 'commendation.form', TEXT_LIMITS.short),
  decisionNumber: optText(i.decisionNumber, 'commendation.decisionNumber', 60),
  decidedOn: optDate(i.decidedOn),
  amountVnd: optMoney(i.amountVnd, 'commendation.amountVnd'),
});

export const commendationModule = defineModule({
  kinds: {
    COMMENDATION: {
      category: 'DIRECTION',
      segment: 'commendation',
      typeName: 'Commendation',
      dcType: 'Text',
      label: { vi: 'Khen thưởng, xử phạt', en: 'Commendation or sanction' },
    },
  },
  inputField: 'commendation',
  input: { type: () => CommendationInput },
  load: (prisma, ids) => prisma.commendation.findMany({ where: { itemId: { in: ids } } }),
  fields: (r: Db.Commendation | null) => ({
    decisionKind: r?.decisionKind,
    subjectName: r?.subjectName ?? '',
    form: r?.form ?? '',
    decisionNumber: r?.decisionNumber ?? null,
    decidedOn: toLocalDate(r?.decidedOn),
    amountVnd: r?.amountVnd ? r.amountVnd.toFixed() : null,
  }),
  clean: cleanCommendation,
  write: async (tx, itemId, data: ReturnType<typeof cleanCommendation>) => {
    await tx.commendation.upsert({ where: { itemId }, create: { itemId, ...data }, update: data });
  },
  searchText: (c) => `${c.subjectName} ${c.form} ${c.decisionNumber ?? ''}`,
});
