// the GraphQL types of work and citizen-reception schedules, their entries and leader
// (the kinds' module: schedules.module.ts).
import { Directive, Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { Db } from '../../../../schema/db/prisma.ts';
import { LocalDateScalar, LocalizedText } from '../../../kit/scalars.ts';
import type { PortalContext } from '../../context.ts';
import { toOfficial } from '../../mappers.ts';
import { Official } from '../../organisation.types.ts';
import { ContentItem } from '../types.ts';

@ObjectType({ description: 'One slot of a schedule; reception slots carry their results.' })
export class ScheduleEntry {
  @Field(() => ID) id!: string;
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date, { nullable: true }) endsAt!: Date | null;
  @Field(() => String, { nullable: true }) location!: string | null;
  @Field(() => LocalizedText) activity!: LocalizedText;
  @Field(() => String, { nullable: true, description: 'Who presides.' }) host!: string | null;
  @Field(() => String, { nullable: true }) participants!: string | null;
  @Field(() => LocalizedText, { nullable: true, description: 'Result of a reception session.' }) result!: LocalizedText | null;
  @Field(() => Int, { nullable: true }) casesReceived!: number | null;
  @Field(() => Int, { nullable: true }) casesResolved!: number | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ implements: ContentItem, description: 'A leader’s work schedule for a period (R-4.3).' })
export class WorkSchedule extends ContentItem {
  @Field(() => LocalDateScalar) periodStart!: string;
  @Field(() => LocalDateScalar) periodEnd!: string;
  @Field(() => String, { nullable: true }) leaderName!: string | null;
  @Field(() => String, { nullable: true }) location!: string | null;
  officialId!: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ implements: ContentItem, description: 'A citizen-reception schedule and its results (R-4.3).' })
export class ReceptionSchedule extends ContentItem {
  @Field(() => LocalDateScalar) periodStart!: string;
  @Field(() => LocalDateScalar) periodEnd!: string;
  @Field(() => String, { nullable: true }) leaderName!: string | null;
  @Field(() => String, { nullable: true, description: 'Reception office address.' }) location!: string | null;
  officialId!: string | null;
}

export const toScheduleEntry = (r: Db.ScheduleEntry): ScheduleEntry => ({
  id: r.id,
  startsAt: r.startsAt,
  endsAt: r.endsAt,
  location: r.location,
  activity: { vi: r.activityVi, en: r.activityEn },
  host: r.host,
  participants: r.participants,
  result: r.resultVi ? { vi: r.resultVi, en: r.resultEn } : null,
  casesReceived: r.casesReceived,
  casesResolved: r.casesResolved,
});

async function entries(schedule: { id: string }, ctx: PortalContext) {
  return (await ctx.loaders.scheduleEntries.load(schedule.id)).map(toScheduleEntry);
}

async function official(schedule: { officialId: string | null }, ctx: PortalContext) {
  if (!schedule.officialId) return null;
  const row = await ctx.loaders.official.load(schedule.officialId);
  return row ? toOfficial(row) : null;
}

@Resolver(() => WorkSchedule)
export class WorkScheduleResolver {
  @FieldResolver(() => [ScheduleEntry], { description: 'Slots in time order (at most 200).' })
  entries(@Root() s: WorkSchedule, @Ctx() ctx: PortalContext) {
    return entries(s, ctx);
  }

  @FieldResolver(() => Official, { nullable: true })
  official(@Root() s: WorkSchedule, @Ctx() ctx: PortalContext) {
    return official(s, ctx);
  }
}

@Resolver(() => ReceptionSchedule)
export class ReceptionScheduleResolver {
  @FieldResolver(() => [ScheduleEntry], { description: 'Reception sessions in time order, with their results (at most 200).' })
  entries(@Root() s: ReceptionSchedule, @Ctx() ctx: PortalContext) {
    return entries(s, ctx);
  }

  @FieldResolver(() => Official, { nullable: true })
  official(@Root() s: ReceptionSchedule, @Ctx() ctx: PortalContext) {
    return official(s, ctx);
  }
}
