// What the content module adds to the portal schema, derived from the registry: each kind's
// object type (the export of its resolver file named after KINDS[kind].typeName — listed so
// that types reached only through the ContentItem interface stay in the SDL), the resolvers of
// those files, and the entity reference resolvers of every kind — unpublished content stays
// hidden there too (A19).
import { HubError } from '../../../schema/errors.ts';
import type { PortalContext } from '../context.ts';
import { isUuid } from '../../kit/batch.ts';
import { ContentItemResolver } from './content.resolver.ts';
import { KindQueriesResolver } from './kind-queries.resolver.ts';
import { ContentKind, KINDS } from './kinds.ts';
import * as article from './kinds/article.resolver.ts';
import * as direction from './kinds/direction.resolver.ts';
import * as introduction from './kinds/introduction.resolver.ts';
import * as investment from './kinds/investment.resolver.ts';
import * as plans from './kinds/plans.resolver.ts';
import * as schedules from './kinds/schedules.resolver.ts';
import * as science from './kinds/science.resolver.ts';
import * as statistics from './kinds/statistics.resolver.ts';
import { canSee, toNode } from './nodes.ts';
import { RelatedContentResolver } from './related-content.resolver.ts';

/** The kinds' resolver files: GraphQL types and resolvers, no list of kinds. */
const KIND_RESOLVER_FILES: readonly Record<string, unknown>[] = [article, introduction, direction, schedules, plans, investment, science, statistics];

type Class = abstract new (...args: never[]) => unknown;
const exported = new Map<string, Class>(
  KIND_RESOLVER_FILES.flatMap((file) => Object.entries(file).filter((e): e is [string, Class] => typeof e[1] === 'function' && /^[A-Z]/.test(e[0]))),
);

const ofName = (name: string): Class => {
  const c = exported.get(name);
  if (!c) throw new Error(`content kind type ${name}: no resolver file exports it (content/schema-parts.ts)`);
  return c;
};

export const CONTENT_RESOLVERS = [
  ContentItemResolver,
  KindQueriesResolver,
  RelatedContentResolver,
  ...[...exported].filter(([name]) => name.endsWith('Resolver')).map(([, c]) => c),
] as unknown as readonly [typeof ContentItemResolver, ...(typeof ContentItemResolver)[]];

/** One object type per kind, in registry order. */
export const CONTENT_TYPES = (Object.keys(KINDS) as ContentKind[]).map((kind) => ofName(KINDS[kind].typeName));

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
