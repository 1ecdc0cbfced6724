// The content kinds of Điều 4 and what each kind means for the rest of the hub: its R-4
// category (the key R-7 deadlines and R-17 reports use), its URL segment, its Dublin Core type
// and the point that makes its English version mandatory.
import { registerEnumType } from 'type-graphql';
import { CATEGORIES, TRIGGER_KINDS, UPDATE_RULES, type ContentCategory, type TriggerKind } from '../../../schema/deadlines/rules.ts';
import { HubError } from '../../../schema/errors.ts';

export enum ContentKind {
  ARTICLE = 'ARTICLE',
  INTRODUCTION = 'INTRODUCTION',
  DIRECTIVE = 'DIRECTIVE',
  PETITION_RESPONSE = 'PETITION_RESPONSE',
  COMMENDATION = 'COMMENDATION',
  WORK_SCHEDULE = 'WORK_SCHEDULE',
  RECEPTION_SCHEDULE = 'RECEPTION_SCHEDULE',
  LAW_EXPLAINER = 'LAW_EXPLAINER',
  PLAN = 'PLAN',
  INVESTMENT_PROJECT = 'INVESTMENT_PROJECT',
  TENDER = 'TENDER',
  SCIENCE_TASK = 'SCIENCE_TASK',
  STATISTICS_DATASET = 'STATISTICS_DATASET',
}
registerEnumType(ContentKind, { name: 'ContentKind', description: 'What a content item is; each kind is a GraphQL type implementing ContentItem.' });

/** The R-4 categories and R-7 trigger kinds as GraphQL enums: the calendar's, shared. */
export { ContentCategory as ContentCategoryEnum, DeadlineTrigger } from '../calendar/calendar.types.ts';

export interface KindMeta {
  category: ContentCategory;
  /** URL segment of print/save routes: /print/<segment>/<slug>. */
  segment: string;
  /** GraphQL type name. */
  typeName: string;
  /** DCMI type vocabulary. */
  dcType: 'Text' | 'Event' | 'Dataset';
  /** point (a–e) that makes the English version mandatory for every item of the kind. */
  englishPoint?: 'a' | 'b' | 'c' | 'd' | 'e';
  label: { vi: string; en: string };
}

export const KINDS: Readonly<Record<ContentKind, KindMeta>> = {
  ARTICLE: { category: 'NEWS', segment: 'article', typeName: 'Article', dcType: 'Text', label: { vi: 'Tin bài', en: 'News article' } },
  INTRODUCTION: {
    category: 'INTRODUCTION',
    segment: 'introduction',
    typeName: 'IntroductionPage',
    dcType: 'Text',
    englishPoint: 'a',
    label: { vi: 'Giới thiệu', en: 'Introduction' },
  },
  DIRECTIVE: {
    category: 'DIRECTION',
    segment: 'directive',
    typeName: 'Directive',
    dcType: 'Text',
    label: { vi: 'Chỉ đạo điều hành', en: 'Direction and administration' },
  },
  PETITION_RESPONSE: {
    category: 'DIRECTION',
    segment: 'petition-response',
    typeName: 'PetitionResponse',
    dcType: 'Text',
    label: { vi: 'Trả lời kiến nghị', en: 'Response to a petition' },
  },
  COMMENDATION: {
    category: 'DIRECTION',
    segment: 'commendation',
    typeName: 'Commendation',
    dcType: 'Text',
    label: { vi: 'Khen thưởng, xử phạt', en: 'Commendation or sanction' },
  },
  WORK_SCHEDULE: {
    category: 'DIRECTION',
    segment: 'work-schedule',
    typeName: 'WorkSchedule',
    dcType: 'Event',
    label: { vi: 'Lịch làm việc của lãnh đạo', en: 'Leaders’ work schedule' },
  },
  RECEPTION_SCHEDULE: {
    category: 'DIRECTION',
    segment: 'reception-schedule',
    typeName: 'ReceptionSchedule',
    dcType: 'Event',
    label: { vi: 'Lịch tiếp công dân', en: 'Citizen-reception schedule' },
  },
  LAW_EXPLAINER: {
    category: 'LAW_DISSEMINATION',
    segment: 'law-explainer',
    typeName: 'LawExplainer',
    dcType: 'Text',
    label: { vi: 'Tuyên truyền, phổ biến pháp luật', en: 'Law and policy explainer' },
  },
  PLAN: {
    category: 'PLANS',
    segment: 'plan',
    typeName: 'PlanItem',
    dcType: 'Text',
    label: { vi: 'Chiến lược, quy hoạch, kế hoạch', en: 'Strategy, zoning and plans' },
  },
  INVESTMENT_PROJECT: {
    category: 'INVESTMENT_PROJECTS',
    segment: 'investment-project',
    typeName: 'InvestmentProject',
    dcType: 'Text',
    englishPoint: 'e',
    label: { vi: 'Dự án đầu tư', en: 'Investment project' },
  },
  TENDER: {
    category: 'INVESTMENT_PROJECTS',
    segment: 'tender',
    typeName: 'Tender',
    dcType: 'Text',
    label: { vi: 'Đấu thầu, mua sắm công', en: 'Tender or procurement notice' },
  },
  SCIENCE_TASK: {
    category: 'SCIENCE_TASKS',
    segment: 'science-task',
    typeName: 'ScienceTask',
    dcType: 'Text',
    label: { vi: 'Nhiệm vụ khoa học và công nghệ', en: 'Science and technology task' },
  },
  STATISTICS_DATASET: {
    category: 'STATISTICS',
    segment: 'statistics',
    typeName: 'StatisticsDataset',
    dcType: 'Dataset',
    label: { vi: 'Thống kê', en: 'Statistics' },
  },
};

export const kindBySegment = (segment: string): ContentKind | undefined => (Object.keys(KINDS) as ContentKind[]).find((k) => KINDS[k].segment === segment);

export const requirementOf = (category: string): string => CATEGORIES[category as ContentCategory] ?? category;

/** A trigger must be one the category's R-7 rule counts from (when the rule names any). */
export function checkTrigger(category: ContentCategory, kind: string): TriggerKind {
  if (!(TRIGGER_KINDS as readonly string[]).includes(kind)) {
    throw new HubError('BAD_USER_INPUT', `trigger.kind must be one of ${TRIGGER_KINDS.join(', ')}.`, { field: 'trigger.kind', reason: 'TRIGGER_KIND' });
  }
  const rule = UPDATE_RULES[category].rule;
  if ('triggers' in rule && !(rule.triggers as readonly string[]).includes(kind)) {
    throw new HubError('BAD_USER_INPUT', `${category} deadlines count from: ${rule.triggers.join(', ')}.`, {
      field: 'trigger.kind',
      reason: 'TRIGGER_NOT_APPLICABLE',
    });
  }
  return kind as TriggerKind;
}
