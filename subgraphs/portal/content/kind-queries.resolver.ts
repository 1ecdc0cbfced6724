// A list query per content kind, each with the filters its fields call for. The public sees
// published items only (contentWhere); every list is paginated.
import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import { PageArgs, PageOf } from '../../kit/pagination.ts';
import type { PortalContext } from '../context.ts';
import { optText } from './clean.ts';
import { ContentFilter, contentWhere, listContent } from './content.resolver.ts';
import { ContentKind } from './kinds.ts';
import { Commendation, Directive, PetitionResponse } from './kinds/direction.resolver.ts';
import { CommendationKind, DirectionKind } from './kinds/direction.module.ts';
import { IntroductionPage } from './kinds/introduction.resolver.ts';
import { IntroductionTopic } from './kinds/introduction.module.ts';
import { InvestmentProject, Tender } from './kinds/investment.resolver.ts';
import { FundingType, ProjectStatus, TenderNoticeKind } from './kinds/investment.module.ts';
import { LawExplainer, PlanItem } from './kinds/plans.resolver.ts';
import { PlanKind } from './kinds/plans.module.ts';
import { ReceptionSchedule, WorkSchedule } from './kinds/schedules.resolver.ts';
import { ScienceTask } from './kinds/science.resolver.ts';
import { ManagementLevel } from './kinds/science.module.ts';
import { StatisticsDataset } from './kinds/statistics.resolver.ts';

export const IntroductionPagePage = PageOf(IntroductionPage, 'IntroductionPagePage');
export const DirectivePage = PageOf(Directive, 'DirectivePage');
export const PetitionResponsePage = PageOf(PetitionResponse, 'PetitionResponsePage');
export const CommendationPage = PageOf(Commendation, 'CommendationPage');
export const WorkSchedulePage = PageOf(WorkSchedule, 'WorkSchedulePage');
export const ReceptionSchedulePage = PageOf(ReceptionSchedule, 'ReceptionSchedulePage');
export const LawExplainerPage = PageOf(LawExplainer, 'LawExplainerPage');
export const PlanItemPage = PageOf(PlanItem, 'PlanItemPage');
export const InvestmentProjectPage = PageOf(InvestmentProject, 'InvestmentProjectPage');
export const TenderPage = PageOf(Tender, 'TenderPage');
export const ScienceTaskPage = PageOf(ScienceTask, 'ScienceTaskPage');
export const StatisticsDatasetPage = PageOf(StatisticsDataset, 'StatisticsDatasetPage');

const F = () => ContentFilter;
const opt = { nullable: true } as const;

function list(ctx: PortalContext, kind: ContentKind, filter: ContentFilter | null, page: PageArgs, extra: Prisma.ContentItemWhereInput = {}) {
  return listContent(ctx, contentWhere(ctx, { ...filter, kinds: [kind] }, extra), page, filter?.search);
}

/** `{ relation: { column: value } }` when the value is given. */
const when = <T>(value: T | null | undefined, build: (v: T) => Prisma.ContentItemWhereInput): Prisma.ContentItemWhereInput =>
  value === null || value === undefined ? {} : build(value);

@Resolver()
export class KindQueriesResolver {
  @Query(() => IntroductionPagePage, { description: 'Introduction pages (R-4.1).' })
  introductionPages(
    @Arg('filter', F, opt) f: ContentFilter | null,
    @Arg('topic', () => IntroductionTopic, opt) topic: IntroductionTopic | null,
    @Args(() => PageArgs) p: PageArgs,
    @Ctx() ctx: PortalContext,
  ) {
    return list(
      ctx,
      ContentKind.INTRODUCTION,
      f,
      p,
      when(topic, (t) => ({ introduction: { topic: t } })),
    );
  }

  @Query(() => DirectivePage, { description: 'Directives and administration items (R-4.3).' })
  directives(
    @Arg('filter', F, opt) f: ContentFilter | null,
    @Arg('directionKind', () => DirectionKind, opt) k: DirectionKind | null,
    @Args(() => PageArgs) p: PageArgs,
    @Ctx() ctx: PortalContext,
  ) {
    return list(
      ctx,
      ContentKind.DIRECTIVE,
      f,
      p,
      when(k, (v) => ({ direction: { directionKind: v } })),
    );
  }

  @Query(() => PetitionResponsePage, { description: 'Responses to petitions (R-4.3).' })
  petitionResponses(@Arg('filter', F, opt) f: ContentFilter | null, @Args(() => PageArgs) p: PageArgs, @Ctx() ctx: PortalContext) {
    return list(ctx, ContentKind.PETITION_RESPONSE, f, p);
  }

  @Query(() => CommendationPage, { description: 'Commendations and sanctions of organisations (R-4.3).' })
  commendations(
    @Arg('filter', F, opt) f: ContentFilter | null,
    @Arg('decisionKind', () => CommendationKind, opt) k: CommendationKind | null,
    @Args(() => PageArgs) p: PageArgs,
    @Ctx() ctx: PortalContext,
  ) {
    return list(
      ctx,
      ContentKind.COMMENDATION,
      f,
      p,
      when(k, (v) => ({ commendation: { decisionKind: v } })),
    );
  }

  @Query(() => WorkSchedulePage, { description: 'Leaders’ work schedules (R-4.3).' })
  workSchedules(@Arg('filter', F, opt) f: ContentFilter | null, @Args(() => PageArgs) p: PageArgs, @Ctx() ctx: PortalContext) {
    return list(ctx, ContentKind.WORK_SCHEDULE, f, p);
  }

  @Query(() => ReceptionSchedulePage, { description: 'Citizen-reception schedules and results (R-4.3).' })
  receptionSchedules(@Arg('filter', F, opt) f: ContentFilter | null, @Args(() => PageArgs) p: PageArgs, @Ctx() ctx: PortalContext) {
    return list(ctx, ContentKind.RECEPTION_SCHEDULE, f, p);
  }

  @Query(() => LawExplainerPage, { description: 'Law-dissemination and policy explainers (R-4.4).' })
  lawExplainers(
    @Arg('filter', F, opt) f: ContentFilter | null,
    @Arg('sector', () => String, opt) sector: string | null,
    @Args(() => PageArgs) p: PageArgs,
    @Ctx() ctx: PortalContext,
  ) {
    return list(
      ctx,
      ContentKind.LAW_EXPLAINER,
      f,
      p,
      when(optText(sector, 'sector', 120), (s) => ({ explainer: { sector: s } })),
    );
  }

  @Query(() => PlanItemPage, { description: 'Strategy, zoning and plans (R-4.5 a–e), optionally touching one administrative unit.' })
  planItems(
    @Arg('filter', F, opt) f: ContentFilter | null,
    @Arg('planKind', () => PlanKind, opt) planKind: PlanKind | null,
    @Arg('unitCode', () => String, opt) unitCode: string | null,
    @Args(() => PageArgs) p: PageArgs,
    @Ctx() ctx: PortalContext,
  ) {
    return list(ctx, ContentKind.PLAN, f, p, {
      AND: [when(planKind, (v) => ({ plan: { planKind: v } })), when(optText(unitCode, 'unitCode', 10), (c) => ({ plan: { unitCodes: { has: c } } }))],
    });
  }

  @Query(() => InvestmentProjectPage, { description: 'Investment projects (R-4.10): preparing, under way, completed.' })
  investmentProjects(
    @Arg('filter', F, opt) f: ContentFilter | null,
    @Arg('status', () => ProjectStatus, opt) status: ProjectStatus | null,
    @Arg('fundingType', () => FundingType, opt) fundingType: FundingType | null,
    @Arg('callingForCapital', () => Boolean, opt) calling: boolean | null,
    @Args(() => PageArgs) p: PageArgs,
    @Ctx() ctx: PortalContext,
  ) {
    return list(ctx, ContentKind.INVESTMENT_PROJECT, f, p, {
      AND: [
        when(status, (v) => ({ investment: { status: v } })),
        when(fundingType, (v) => ({ investment: { fundingType: v } })),
        when(calling, (v) => ({ investment: { callingForCapital: v } })),
      ],
    });
  }

  @Query(() => TenderPage, { description: 'Tenders and public-procurement notices (R-4.10).' })
  tenders(
    @Arg('filter', F, opt) f: ContentFilter | null,
    @Arg('noticeKind', () => TenderNoticeKind, opt) k: TenderNoticeKind | null,
    @Args(() => PageArgs) p: PageArgs,
    @Ctx() ctx: PortalContext,
  ) {
    return list(
      ctx,
      ContentKind.TENDER,
      f,
      p,
      when(k, (v) => ({ tender: { noticeKind: v } })),
    );
  }

  @Query(() => ScienceTaskPage, { description: 'Science and technology tasks (R-4.11).' })
  scienceTasks(
    @Arg('filter', F, opt) f: ContentFilter | null,
    @Arg('managementLevel', () => ManagementLevel, opt) level: ManagementLevel | null,
    @Arg('accepted', () => Boolean, { nullable: true, description: 'true = only tasks with results after acceptance.' }) accepted: boolean | null,
    @Args(() => PageArgs) p: PageArgs,
    @Ctx() ctx: PortalContext,
  ) {
    return list(ctx, ContentKind.SCIENCE_TASK, f, p, {
      AND: [when(level, (v) => ({ scienceTask: { managementLevel: v } })), when(accepted, (v) => ({ scienceTask: { acceptedOn: v ? { not: null } : null } }))],
    });
  }

  @Query(() => StatisticsDatasetPage, { description: 'Statistics datasets (R-4.14).' })
  statisticsDatasets(@Arg('filter', F, opt) f: ContentFilter | null, @Args(() => PageArgs) p: PageArgs, @Ctx() ctx: PortalContext) {
    return list(ctx, ContentKind.STATISTICS_DATASET, f, p);
  }
}
