import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { addWorkingDays, calendarCoverage, dayInfo, subtractWorkingDays } from '../../../schema/calendar/working-days.ts';
import { dueDate } from '../../../schema/deadlines/deadline.ts';
import { providersOf, UPDATE_RULES, type ContentCategory as Category, type TriggerKind } from '../../../schema/deadlines/rules.ts';
import { HubError } from '../../../schema/errors.ts';
import { LocalDateScalar } from '../../kit/scalars.ts';
import type { PortalContext } from '../context.ts';
import { todayOf } from '../validity.ts';
import { CalendarCoverageInfo, CalendarDay, ContentCategory, ContentDeadline, DeadlineTrigger, UpdateRuleInfo } from './calendar.types.ts';

const MAX_DAYS = 366;

function checkDays(n: number) {
  if (!Number.isInteger(n) || n < 0 || n > MAX_DAYS)
    throw new HubError('BAD_USER_INPUT', `workingDays must be between 0 and ${MAX_DAYS}.`, { field: 'workingDays' });
}

@Resolver()
export class CalendarResolver {
  @Query(() => CalendarDay, { description: 'Is this date a working day? (weekends, public holidays, compensatory days, worked Saturdays)' })
  calendarDay(@Arg('date', () => LocalDateScalar) date: string): CalendarDay {
    const d = dayInfo(date);
    return { ...d, name: d.name ? { vi: d.name.vi, en: d.name.en } : null };
  }

  @Query(() => LocalDateScalar, {
    description: 'The date n working days after (or, with before: true, before) a date; counting starts the day after (Civil Code art. 147).',
  })
  workingDaysFrom(
    @Arg('date', () => LocalDateScalar) date: string,
    @Arg('workingDays', () => Int) workingDays: number,
    @Arg('before', () => Boolean, { defaultValue: false }) before: boolean,
  ): string {
    checkDays(workingDays);
    return before ? subtractWorkingDays(date, workingDays) : addWorkingDays(date, workingDays);
  }

  @Query(() => ContentDeadline, { description: 'The R-7 due date of a content category for a trigger date.' })
  contentDeadline(
    @Arg('category', () => ContentCategory) category: string,
    @Arg('trigger', () => DeadlineTrigger) trigger: string,
    @Arg('date', () => LocalDateScalar) date: string,
    @Arg('coordinated', () => Boolean, { defaultValue: false, description: 'Q&A that needs several sectors (10 working days).' }) coordinated: boolean,
  ): ContentDeadline {
    const cat = category as Category;
    return {
      category,
      triggerDate: date,
      due: dueDate(cat, { kind: trigger as TriggerKind, date }, { coordinated: coordinated || undefined }),
      kind: UPDATE_RULES[cat].rule.kind,
    };
  }

  @Query(() => [UpdateRuleInfo], { description: 'Điều 7 update rules and Điều 5 providers per content category.' })
  updateRules(): UpdateRuleInfo[] {
    return Object.values(UPDATE_RULES).map(({ category, requirement, clause, rule }) => ({
      category,
      requirement,
      clause,
      kind: rule.kind,
      workingDays: 'workingDays' in rule ? rule.workingDays : null,
      coordinatedWorkingDays: rule.kind === 'afterTrigger' ? (rule.coordinatedWorkingDays ?? null) : null,
      triggers: 'triggers' in rule ? [...rule.triggers] : [],
      providerKeys: [...new Set(providersOf(category).map((p) => p.agency))],
    }));
  }

  @Query(() => CalendarCoverageInfo, { description: 'Years covered by the holiday data; warns when next year is missing.' })
  calendarCoverage(@Arg('today', () => LocalDateScalar, { nullable: true }) today: string | null, @Ctx() ctx: PortalContext): CalendarCoverageInfo {
    const c = calendarCoverage(today ?? todayOf(ctx));
    return { dataVersion: c.dataVersion, years: c.years, warnings: c.warnings };
  }
}
