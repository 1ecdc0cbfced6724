// R-17 in the graph: the citizens' figures per agency, as a report of their own
// (`citizenRequestReport`) and on the portal's Agency entity (`Agency.citizenFigures`), so a
// client puts them beside `provisionReport` rows in one query through the gateway. Staff only;
// an agency editor sees its own agencies.
import DataLoader from 'dataloader';
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { HubError } from '../../../schema/errors.ts';
import { LocalDateScalar } from '../../kit/scalars.ts';
import type { CitizensContext } from '../context.ts';
import { localDateOf } from '../local-time.ts';
import { isStaff, visibleAgencies } from '../roles.ts';
import { AgencyRef } from '../requests/types.ts';
import { agencyFigures, type AgencyFigures, type Period } from './figures.ts';

@ObjectType({ description: 'R-17: what an agency did with citizens’ questions, petitions and consultations in a period.' })
export class CitizenFigures {
  @Field(() => AgencyRef) agency!: AgencyRef;
  @Field(() => Int, { description: 'Questions and petitions routed to it, received in the period.' }) received!: number;
  @Field(() => Int) answeredOnTime!: number;
  @Field(() => Int) answeredLate!: number;
  @Field(() => Int, { description: 'Received in the period, unanswered, past the due date.' }) overdue!: number;
  @Field(() => Int) pending!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => Int, { description: 'Its drafts whose comment window closed in the period.' }) consultations!: number;
  @Field(() => Int) comments!: number;
  @Field(() => Int) publishedComments!: number;
}

@ObjectType()
export class CitizenRequestReport {
  @Field(() => LocalDateScalar) from!: string;
  @Field(() => LocalDateScalar) to!: string;
  @Field(() => LocalDateScalar) asOf!: string;
  @Field(() => [CitizenFigures]) rows!: CitizenFigures[];
}

export const toFigures = (f: AgencyFigures): CitizenFigures => ({ ...f, agency: { id: f.agencyId } });

function periodOf(ctx: CitizensContext, from: string, to: string): Period {
  if (!isStaff(ctx.actor)) throw new HubError('FORBIDDEN', 'Reports are for staff.');
  if (to < from) throw new HubError('BAD_USER_INPUT', 'to must not be before from.', { field: 'to', reason: 'RANGE' });
  const today = localDateOf(ctx.now());
  return { from, to, asOf: today < to ? today : to };
}

const loaders = new WeakMap<CitizensContext, Map<string, DataLoader<string, AgencyFigures>>>();

/** One statement per kind for every Agency of a response, per period asked. */
export function figuresLoader(ctx: CitizensContext, period: Period) {
  const byPeriod = loaders.get(ctx) ?? new Map<string, DataLoader<string, AgencyFigures>>();
  loaders.set(ctx, byPeriod);
  const key = `${period.from}|${period.to}`;
  let loader = byPeriod.get(key);
  if (!loader) {
    loader = new DataLoader(async (ids: readonly string[]) => {
      const rows = await agencyFigures(ctx.prisma, [...ids], period);
      const map = new Map(rows.map((r) => [r.agencyId, r]));
      return ids.map((id) => map.get(id)!);
    });
    byPeriod.set(key, loader);
  }
  return loader;
}

@Resolver(() => AgencyRef)
export class CitizenReportResolver {
  @Query(() => CitizenRequestReport, { description: 'R-17: questions, petitions and consultation comments per agency in a period (staff).' })
  async citizenRequestReport(@Ctx() ctx: CitizensContext, @Arg('from', () => LocalDateScalar) from: string, @Arg('to', () => LocalDateScalar) to: string) {
    const period = periodOf(ctx, from, to);
    const rows = await agencyFigures(ctx.prisma, visibleAgencies(ctx.actor), period);
    return { ...period, rows: rows.map(toFigures) };
  }

  @FieldResolver(() => CitizenFigures, {
    nullable: true,
    description: 'R-17 citizens’ figures of this agency in a period (staff; null for other agencies’ editors).',
  })
  async citizenFigures(
    @Root() agency: AgencyRef,
    @Ctx() ctx: CitizensContext,
    @Arg('from', () => LocalDateScalar) from: string,
    @Arg('to', () => LocalDateScalar) to: string,
  ): Promise<CitizenFigures | null> {
    const period = periodOf(ctx, from, to);
    const mine = visibleAgencies(ctx.actor);
    if (mine !== null && !mine.includes(agency.id)) return null;
    return toFigures(await figuresLoader(ctx, period).load(agency.id));
  }
}
