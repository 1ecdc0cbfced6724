// R-17 inside the provision report: the portal's `provisionReport.agencies` lists one
// `AgencyProvision` entity per agency and period (keyed by agency id and period), and this
// subgraph contributes the agency's Q&A figures (questions and petitions received, answered on
// time, late, overdue, pending) and its comments per draft, beside the services' and legal
// figures — one gateway query gives the whole report. Batched: one statement per kind for every
// agency of a response. Staff only; an agency editor sees its own agencies (null otherwise).
import DataLoader from 'dataloader';
import { Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { HubError } from '../../../schema/errors.ts';
import { isUuid } from '../../kit/batch.ts';
import { LocalDateScalar } from '../../kit/scalars.ts';
import { publishedCounts, toConsultation } from '../consultation/queries.ts';
import { Consultation } from '../consultation/types.ts';
import type { CitizensContext } from '../context.ts';
import { dateColumn, endOfLocalDay, localDateOf, localMidnight } from '../local-time.ts';
import { isStaff, visibleAgencies } from '../roles.ts';
import type { Period } from './figures.ts';
import { CitizenFigures, figuresLoader, toFigures } from './reports.resolver.ts';

@Directive('@key(fields: "agencyId from to")')
@ObjectType('AgencyProvision', { description: 'One agency’s R-17 report for a period (owned by the portal subgraph: provisionReport.agencies).' })
export class AgencyProvisionRef {
  @Field(() => ID) agencyId!: string;
  @Field(() => LocalDateScalar) from!: string;
  @Field(() => LocalDateScalar) to!: string;
}

@ObjectType({ description: 'R-17: the comments a draft received in the period.' })
export class DraftCommentFigures {
  @Field(() => Consultation) consultation!: Consultation;
  @Field(() => Int, { description: 'Comments submitted in the period.' }) comments!: number;
  @Field(() => Int, { description: 'Of those, published after moderation.' }) published!: number;
  @Field(() => Int) pending!: number;
  @Field(() => Int) rejected!: number;
}

/** The period, when the actor may read this agency's figures (null: another agency's editor). */
function periodFor(ctx: CitizensContext, ref: AgencyProvisionRef): Period | null {
  if (!isStaff(ctx.actor)) throw new HubError('FORBIDDEN', 'Reports are for staff.');
  if (ref.to < ref.from) throw new HubError('BAD_USER_INPUT', 'to must not be before from.', { field: 'to', reason: 'RANGE' });
  const mine = visibleAgencies(ctx.actor);
  if (!isUuid(ref.agencyId) || (mine !== null && !mine.includes(ref.agencyId))) return null;
  const today = localDateOf(ctx.now());
  return { from: ref.from, to: ref.to, asOf: today < ref.to ? today : ref.to };
}

const draftLoaders = new WeakMap<CitizensContext, Map<string, DataLoader<string, DraftCommentFigures[]>>>();

/** Every agency's drafts of one period in one statement (and their counts in two more). */
function draftsLoader(ctx: CitizensContext, period: Period): DataLoader<string, DraftCommentFigures[]> {
  const byPeriod = draftLoaders.get(ctx) ?? new Map<string, DataLoader<string, DraftCommentFigures[]>>();
  draftLoaders.set(ctx, byPeriod);
  const key = `${period.from}|${period.to}`;
  let loader = byPeriod.get(key);
  if (!loader) {
    loader = new DataLoader(async (agencyIds: readonly string[]) => {
      const drafts = await ctx.prisma.consultation.findMany({
        where: {
          draftingAgencyId: { in: [...agencyIds] },
          publishedAt: { not: null },
          opensOn: { lte: dateColumn(period.to) },
          closesOn: { gte: dateColumn(period.from) },
        },
        orderBy: [{ closesOn: 'asc' }, { id: 'asc' }],
        take: 5_000,
      });
      const ids = drafts.map((d) => d.id);
      const [counts, allPublished] = ids.length
        ? await Promise.all([
            ctx.prisma.consultationComment.groupBy({
              by: ['consultationId', 'state'],
              where: { consultationId: { in: ids }, submittedAt: { gte: localMidnight(period.from), lt: endOfLocalDay(period.to) } },
              _count: { _all: true },
            }),
            publishedCounts(ctx, ids),
          ])
        : [[], new Map<string, number>()];
      const now = ctx.now();
      const figures = drafts.map((d) => {
        const of = (state: string) => counts.find((c) => c.consultationId === d.id && c.state === state)?._count._all ?? 0;
        const [published, pending, rejected] = [of('PUBLISHED'), of('PENDING'), of('REJECTED')];
        return {
          agencyId: d.draftingAgencyId,
          line: { consultation: toConsultation(d, allPublished.get(d.id) ?? 0, now), comments: published + pending + rejected, published, pending, rejected },
        };
      });
      return agencyIds.map((a) => figures.filter((f) => f.agencyId === a).map((f) => f.line));
    });
    byPeriod.set(key, loader);
  }
  return loader;
}

@Resolver(() => AgencyProvisionRef)
export class AgencyProvisionCitizensResolver {
  @FieldResolver(() => CitizenFigures, {
    nullable: true,
    description:
      'R-17: the agency’s questions and petitions in the period — received, answered on time, late, overdue and pending as of the end of the period (or today) — and its drafts’ comments.',
  })
  async questionsAndPetitions(@Root() ref: AgencyProvisionRef, @Ctx() ctx: CitizensContext): Promise<CitizenFigures | null> {
    const period = periodFor(ctx, ref);
    return period ? toFigures(await figuresLoader(ctx, period).load(ref.agencyId)) : null;
  }

  @FieldResolver(() => [DraftCommentFigures], {
    nullable: true,
    description: 'R-17: comments per draft — the agency’s published drafts whose comment window overlaps the period, with the comments submitted in it.',
  })
  async commentsPerDraft(@Root() ref: AgencyProvisionRef, @Ctx() ctx: CitizensContext): Promise<DraftCommentFigures[] | null> {
    const period = periodFor(ctx, ref);
    return period ? draftsLoader(ctx, period).load(ref.agencyId) : null;
  }
}

export const agencyProvisionReference = {
  AgencyProvision: {
    __resolveReference: (ref: { agencyId: string; from: string; to: string }): AgencyProvisionRef => ({ agencyId: ref.agencyId, from: ref.from, to: ref.to }),
  },
};
