// R-4.3: leaders' work schedules and citizen-reception schedules with their results.
// One detail row (the period, the leader) and its entries (slots).
import { Directive, Ctx, Field, FieldResolver, ID, InputType, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { Db } from '../../../../schema/db/prisma.ts';
import { LocalDateScalar, LocalizedText, toLocalDate } from '../../../kit/scalars.ts';
import type { PortalContext } from '../../context.ts';
import { toOfficial } from '../../mappers.ts';
import { Official } from '../../organisation.types.ts';
import { bad, multiline, uuidArg, nonNegativeInt, optDate, optMultiline, optText, ordered } from '../clean.ts';
import { ContentKind } from '../kinds.ts';
import { ContentItem } from '../types.ts';
import { defineModule } from './module.ts';

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

@InputType()
export class ScheduleEntryInput {
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date, { nullable: true }) endsAt?: Date | null;
  @Field(() => String, { nullable: true }) location?: string | null;
  @Field(() => String) activityVi!: string;
  @Field(() => String, { nullable: true }) activityEn?: string | null;
  @Field(() => String, { nullable: true }) host?: string | null;
  @Field(() => String, { nullable: true }) participants?: string | null;
  @Field(() => String, { nullable: true }) resultVi?: string | null;
  @Field(() => String, { nullable: true }) resultEn?: string | null;
  @Field(() => Int, { nullable: true }) casesReceived?: number | null;
  @Field(() => Int, { nullable: true }) casesResolved?: number | null;
}

@InputType()
export class ScheduleInput {
  @Field(() => LocalDateScalar) periodStart!: string;
  @Field(() => LocalDateScalar) periodEnd!: string;
  @Field(() => ID, { nullable: true, description: 'The leader, when listed among officials.' }) officialId?: string | null;
  @Field(() => String, { nullable: true }) leaderName?: string | null;
  @Field(() => String, { nullable: true }) location?: string | null;
  @Field(() => [ScheduleEntryInput]) entries!: ScheduleEntryInput[];
}

function cleanEntry(e: ScheduleEntryInput, i: number) {
  const f = `schedule.entries[${i}]`;
  ordered(e.startsAt, e.endsAt ?? null, `${f}.endsAt`);
  return {
    startsAt: e.startsAt,
    endsAt: e.endsAt ?? null,
    location: optText(e.location, `${f}.location`, 400),
    activityVi: multiline(e.activityVi, `${f}.activityVi`),
    activityEn: optMultiline(e.activityEn, `${f}.activityEn`),
    host: optText(e.host, `${f}.host`),
    participants: optText(e.participants, `${f}.participants`, 1000),
    resultVi: optMultiline(e.resultVi, `${f}.resultVi`, 4000),
    resultEn: optMultiline(e.resultEn, `${f}.resultEn`, 4000),
    casesReceived: nonNegativeInt(e.casesReceived, `${f}.casesReceived`),
    casesResolved: nonNegativeInt(e.casesResolved, `${f}.casesResolved`),
  };
}

const clean = (i: ScheduleInput) => {
  if (i.entries.length > 200) throw bad('schedule.entries', 'TOO_MANY', 'A schedule holds at most 200 entries.');
  const periodStart = optDate(i.periodStart)!;
  const periodEnd = optDate(i.periodEnd)!;
  ordered(periodStart, periodEnd, 'schedule.periodEnd');
  return {
    periodStart,
    periodEnd,
    officialId: uuidArg(i.officialId, 'schedule.officialId'),
    leaderName: optText(i.leaderName, 'schedule.leaderName'),
    location: optText(i.location, 'schedule.location', 400),
    entries: i.entries.map(cleanEntry).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()),
  };
};

export const scheduleModule = defineModule({
  kinds: [ContentKind.WORK_SCHEDULE, ContentKind.RECEPTION_SCHEDULE],
  inputField: 'schedule',
  load: (prisma, ids) => prisma.schedule.findMany({ where: { itemId: { in: ids } } }),
  fields: (r: Db.Schedule | null) => ({
    periodStart: toLocalDate(r?.periodStart),
    periodEnd: toLocalDate(r?.periodEnd),
    leaderName: r?.leaderName ?? null,
    location: r?.location ?? null,
    officialId: r?.officialId ?? null,
  }),
  clean,
  write: async (tx, itemId, { entries, ...data }: ReturnType<typeof clean>) => {
    if (data.officialId && !(await tx.official.findUnique({ where: { id: data.officialId }, select: { id: true } }))) {
      throw bad('schedule.officialId', 'UNKNOWN_OFFICIAL', 'schedule.officialId names no official.');
    }
    await tx.schedule.upsert({ where: { itemId }, create: { itemId, ...data }, update: data });
    await tx.scheduleEntry.deleteMany({ where: { scheduleId: itemId } });
    await tx.scheduleEntry.createMany({ data: entries.map((e) => ({ ...e, scheduleId: itemId })) });
  },
  searchText: (c) => [c.leaderName, c.location].filter(Boolean).join(' '),
});

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
