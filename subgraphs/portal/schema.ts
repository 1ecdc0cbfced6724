// The portal subgraph's schema: organisation and articles.
import { HubError } from '../../schema/errors.ts';
import { buildFederatedSchema, type FederatedSchema } from '../kit/federation.ts';
import type { PortalContext } from './context.ts';
import { toAgency, toArticle, toUnit } from './mappers.ts';
import { AgencyResolver, AdministrativeUnitResolver, OfficialResolver } from './organisation.resolver.ts';
import { ArticleCategoryResolver, ArticleResolver, canSeeArticle } from './article.resolver.ts';
import { CalendarResolver } from './calendar/calendar.resolver.ts';

export const PORTAL_SUBGRAPH = 'portal';

export function buildPortalSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    { resolvers: [AgencyResolver, OfficialResolver, AdministrativeUnitResolver, ArticleResolver, ArticleCategoryResolver, CalendarResolver] },
    {
      Agency: {
        __resolveReference: async (ref: { id: string }, ctx: PortalContext) => {
          const row = await ctx.loaders.agency.load(ref.id);
          return row ? toAgency(row) : null;
        },
      },
      Article: {
        // Other subgraphs may point at an article; an unpublished one stays hidden (A19).
        __resolveReference: async (ref: { id: string }, ctx: PortalContext) => {
          const row = await ctx.prisma.article.findUnique({ where: { id: ref.id } });
          if (!row) return null;
          if (!canSeeArticle(ctx, row)) throw new HubError('FORBIDDEN', 'This article is not published.');
          return toArticle(row);
        },
      },
      AdministrativeUnit: {
        __resolveReference: async (ref: { id: string }, ctx: PortalContext) => {
          const row = await ctx.prisma.administrativeUnit.findUnique({ where: { id: ref.id } });
          return row ? toUnit(row) : null;
        },
      },
    },
  );
}
