// R-4.3: leaders' work schedules and citizen-reception schedules with their results — one
// detail row (the period, the leader) and its entries (slots); the kinds, their input block
// and detail tables (the GraphQL types: schedules.resolver.ts).
import { Field, ID, InputType, Int } from 'type-graphql';
import type { Db } from '../../../../schema/db/prisma.ts';
import { LocalDateScalar, toLocalDate } from '../../../kit/scalars.ts';
import { bad, multiline, uuidArg, nonNegativeInt, optDate, optMultiline, optText, ordered } from '../clean.ts';
import { defineModule } from './module.ts';

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
  kinds: {
    WORK_SCHEDULE: {
      category: 'DIRECTION',
      segment: 'work-schedule',
      typeName: 'WorkSchedule',
      dcType: 'Event',
      label: { vi: 'Lịch làm việc của lãnh đạo', en: 'Leaders’ work schedule' },
    },
    RECEPTION_SCHEDULE: {
      category: 'DIRECTION',
      segment: 'reception-schedule',
      typeName: 'ReceptionSchedule',
      dcType: 'Event',
      label: { vi: 'Lịch tiếp công dân', en: 'Citizen-reception schedule' },
    },
  },
  inputField: 'schedule',
  input: { type: () => ScheduleInput, description: 'Work and reception schedules.' },
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
