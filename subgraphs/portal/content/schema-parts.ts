// What the content module adds to the portal schema: resolvers, concrete types (listed so that
// types reached only through the ContentItem interface stay in the SDL) and the entity
// reference resolvers of every kind — unpublished content stays hidden there too (A19).
import { HubError } from '../../../schema/errors.ts';
import type { PortalContext } from '../context.ts';
import { isUuid } from '../../kit/batch.ts';
import { ContentItemResolver } from './content.resolver.ts';
import { KindQueriesResolver } from './kind-queries.resolver.ts';
import { ContentKind, KINDS } from './kinds.ts';
import { Article, ArticleCategoryResolver, ArticleResolver } from './kinds/article.ts';
import { Commendation, Directive, PetitionResponse } from './kinds/direction.ts';
import { IntroductionPage, IntroductionPageResolver } from './kinds/introduction.ts';
import { InvestmentProject, InvestmentProjectResolver, Tender, TenderResolver } from './kinds/investment.ts';
import { LawExplainer, PlanItem, PlanItemResolver } from './kinds/plans.ts';
import { ReceptionSchedule, ReceptionScheduleResolver, WorkSchedule, WorkScheduleResolver } from './kinds/schedules.ts';
import { ScienceTask } from './kinds/science.ts';
import { StatisticsDataset, StatisticsDatasetResolver } from './kinds/statistics.ts';
import { canSee, toNode } from './nodes.ts';

export const CONTENT_RESOLVERS = [
  ContentItemResolver,
  KindQueriesResolver,
  ArticleResolver,
  ArticleCategoryResolver,
  IntroductionPageResolver,
  WorkScheduleResolver,
  ReceptionScheduleResolver,
  PlanItemResolver,
  InvestmentProjectResolver,
  TenderResolver,
  StatisticsDatasetResolver,
] as const;

export const CONTENT_TYPES = [
  Article,
  IntroductionPage,
  Directive,
  PetitionResponse,
  Commendation,
  WorkSchedule,
  ReceptionSchedule,
  LawExplainer,
  PlanItem,
  InvestmentProject,
  Tender,
  ScienceTask,
  StatisticsDataset,
];

/** `__resolveReference` for every content type: null when unknown, FORBIDDEN when unpublished. */
export function contentReferenceResolvers() {
  return Object.fromEntries(
    (Object.keys(KINDS) as ContentKind[]).map((kind) => [
      KINDS[kind].typeName,
      {
        __resolveReference: async (ref: { id: string }, ctx: PortalContext) => {
          const row = typeof ref.id === 'string' && isUuid(ref.id) ? await ctx.loaders.item.load(ref.id) : null;
          if (!row || row.kind !== kind) return null;
          if (!canSee(ctx, row)) throw new HubError('FORBIDDEN', 'This content is not published.');
          return toNode(ctx, row);
        },
      },
    ]),
  );
}
