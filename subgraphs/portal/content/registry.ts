// The content registry: the one list of content kinds. Each entry is a kind's module
// (kinds/<kind>.module.ts: what the kind is, its input block, detail table and fields); the
// `ContentKind` enum, the kinds' metadata (kinds.ts), the editor's input (editorial/item-input.ts),
// the schema's object types and reference resolvers (schema-parts.ts) and the per-kind lists
// (kind-queries.resolver.ts) derive from it. Adding a kind = a module, a resolver file with its
// GraphQL type, and one line here (see README.md).
import { articleModule } from './kinds/article.module.ts';
import { commendationModule, directiveModule, petitionModule } from './kinds/direction.module.ts';
import { introductionModule } from './kinds/introduction.module.ts';
import { investmentModule, tenderModule } from './kinds/investment.module.ts';
import type { KindMeta, KindModule } from './kinds/module.ts';
import { explainerModule, planModule } from './kinds/plans.module.ts';
import { scheduleModule } from './kinds/schedules.module.ts';
import { scienceModule } from './kinds/science.module.ts';
import { statisticsModule } from './kinds/statistics.module.ts';

export const KIND_MODULES = [
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
] as const;

type KindsOf<M> = M extends KindModule<infer K> ? K : never;
/** What a content item is: every kind some module serves. */
export type ContentKind = KindsOf<(typeof KIND_MODULES)[number]>;

/** Every kind's metadata, in registry order. */
export const KINDS = Object.freeze(Object.assign({}, ...KIND_MODULES.map((m) => m.kinds))) as Readonly<Record<ContentKind, KindMeta>>;

/** The kinds as an enum-like object (`ContentKind.DIRECTIVE === 'DIRECTIVE'`), in registry order. */
export const ContentKind = Object.freeze(Object.fromEntries(Object.keys(KINDS).map((k) => [k, k]))) as { readonly [K in ContentKind]: K };

/** Type-erased, as the loaders and the editor use them. */
export const DETAIL_MODULES: readonly KindModule[] = KIND_MODULES;

const byKind = new Map<string, KindModule>(DETAIL_MODULES.flatMap((m) => Object.keys(m.kinds).map((k) => [k, m] as const)));

export function moduleOf(kind: ContentKind): KindModule {
  const m = byKind.get(kind);
  if (!m) throw new Error(`no detail module for ${kind}`);
  return m;
}
