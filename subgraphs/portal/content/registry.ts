// Every content kind's detail module, by kind: adding a kind = a module file + one line here.
import { ContentKind } from './kinds.ts';
import { articleModule } from './kinds/article.ts';
import { commendationModule, directiveModule, petitionModule } from './kinds/direction.ts';
import { introductionModule } from './kinds/introduction.ts';
import { investmentModule, tenderModule } from './kinds/investment.ts';
import type { AnyDetailModule } from './kinds/module.ts';
import { explainerModule, planModule } from './kinds/plans.ts';
import { scheduleModule } from './kinds/schedules.ts';
import { scienceModule } from './kinds/science.ts';
import { statisticsModule } from './kinds/statistics.ts';

export const DETAIL_MODULES: readonly AnyDetailModule[] = [
  articleModule,
  introductionModule,
  directiveModule,
  petitionModule,
  commendationModule,
  scheduleModule,
  explainerModule,
  planModule,
  investmentModule,
  tenderModule,
  scienceModule,
  statisticsModule,
];

const byKind = new Map<ContentKind, AnyDetailModule>(DETAIL_MODULES.flatMap((m) => m.kinds.map((k) => [k, m] as const)));

export function moduleOf(kind: ContentKind): AnyDetailModule {
  const m = byKind.get(kind);
  if (!m) throw new Error(`no detail module for ${kind}`);
  return m;
}
