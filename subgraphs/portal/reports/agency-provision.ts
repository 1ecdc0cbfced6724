// R-17 per agency: `ProvisionReport.agencies` gives one `AgencyProvision` per agency in the
// report's scope and period. It is an entity keyed by the agency (by id, code or folded name —
// the key each subgraph knows agencies by) and the period, so the subgraphs that own the other
// R-17 figures add them as fields through the gateway (services: procedures and online services,
// legal: legal-document delivery, R-7.4) without the portal knowing them.
import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import type { Db } from '../../../schema/db/prisma.ts';
import { fromLocalDate, LocalDateScalar } from '../../kit/scalars.ts';
import type { Representation } from '../../kit/references.ts';
import { toAgency } from '../mappers.ts';
import { Agency } from '../organisation.types.ts';
import { isBoard, type PortalContext } from '../context.ts';
import { ProvisionReport } from './reports.resolver.ts';

@Directive('@key(fields: "agencyId from to")')
@Directive('@key(fields: "agencyCode from to")')
@Directive('@key(fields: "agencyNameKey from to")')
@ObjectType({
  description:
    'R-17: one agency’s provision of information and online services in a report period. Other subgraphs add their figures (procedures and online services, legal documents …).',
})
export class AgencyProvision {
  @Field(() => ID) agencyId!: string;
  @Field(() => String, { description: 'QCVN 102 code.' }) agencyCode!: string;
  @Field(() => String, { description: 'The agency’s folded name (how legal sources name it).' }) agencyNameKey!: string;
  @Field(() => LocalDateScalar) from!: string;
  @Field(() => LocalDateScalar) to!: string;
  @Field(() => Agency) agency!: Agency;
}

const toProvision = (row: Db.Agency, period: { from: string; to: string }): AgencyProvision => ({
  agencyId: row.id,
  agencyCode: row.code,
  agencyNameKey: row.nameFolded,
  from: period.from,
  to: period.to,
  agency: toAgency(row),
});

@Resolver(() => ProvisionReport)
export class AgencyProvisionResolver {
  @FieldResolver(() => [AgencyProvision], {
    description: 'Every agency in the report’s scope that existed in the period, by the order of the agency tree, for the figures other subgraphs add.',
  })
  async agencies(@Root() report: ProvisionReport, @Ctx() ctx: PortalContext): Promise<AgencyProvision[]> {
    const scope: Prisma.AgencyWhereInput = report.scopeAgencyId
      ? { id: report.scopeAgencyId }
      : isBoard(ctx.actor)
        ? {}
        : { id: { in: ctx.actor.agencyIds ?? [] } };
    const rows = await ctx.prisma.agency.findMany({
      where: {
        AND: [
          scope,
          { OR: [{ validFrom: null }, { validFrom: { lte: fromLocalDate(report.to) } }] },
          { OR: [{ validTo: null }, { validTo: { gte: fromLocalDate(report.from) } }] },
        ],
      },
      orderBy: [{ sortOrder: 'asc' }, { nameVi: 'asc' }, { id: 'asc' }],
      take: 2_000,
    });
    return rows.map((r) => toProvision(r, report));
  }
}

/** An `AgencyProvision` representation: the agency by any of its keys, and the period as given. */
export const agencyProvisionReference = {
  __resolveReference: async (ref: Representation, ctx: PortalContext): Promise<AgencyProvision | null> => {
    const { from, to } = ref;
    if (typeof from !== 'string' || typeof to !== 'string') return null;
    const row = await ctx.loaders.agencyReference.load({ id: ref.agencyId, code: ref.agencyCode, nameKey: ref.agencyNameKey });
    return row ? toProvision(row, { from, to }) : null;
  },
};
