// when a piece of content is due on the portal, and whether it arrived on time.
// Pure functions: the calendar and `today` are parameters, nothing reads the clock.
import { HubError } from '../errors.ts';
import { addWorkingDays, dayNumber, defaultCalendar, subtractWorkingDays, type IsoDate, type WorkingCalendar } from '../calendar/working-days.ts';
import { UPDATE_RULES, type ContentCategory, type TriggerKind } from './rules.ts';

export interface Trigger {
  kind: TriggerKind;
  date: IsoDate;
}

export interface DueDateOptions {
  /** b: the question needs several sectors to coordinate (10 working days instead of 5). */
  coordinated?: boolean;
  /**
   * "Immediately" (Điều 7.10) has no number in the text. The hub's policy, overridable here:
   * due on the first working day after the trigger.
   */
  immediatelyWithinWorkingDays?: number;
  /** "Promptly" (Điều 7.9, English channel) has no number either: no due date unless a policy is given. */
  promptlyWithinWorkingDays?: number;
  calendar?: WorkingCalendar;
}

export const DEFAULT_IMMEDIATELY_WORKING_DAYS = 1;

/**
 * The due date of a category's update, or null when the rule sets no date ("regular", or
 * "promptly" without a policy). For R-4.8 (before the rule takes effect) it is the latest
 * allowed date. Throws BAD_USER_INPUT when the trigger does not apply to the category.
 */
export function dueDate(category: ContentCategory, trigger: Trigger, opts: DueDateOptions = {}): IsoDate | null {
  const { rule } = UPDATE_RULES[category];
  const calendar = opts.calendar ?? defaultCalendar();
  if (rule.kind === 'regular') return null;
  if (!rule.triggers.includes(trigger.kind)) {
    throw new HubError('BAD_USER_INPUT', `${category} deadlines count from: ${rule.triggers.join(', ')}; got ${trigger.kind}`, {
      reason: 'TRIGGER_NOT_APPLICABLE',
      category,
      trigger: trigger.kind,
    });
  }
  if (opts.coordinated && !(rule.kind === 'afterTrigger' && rule.coordinatedWorkingDays !== undefined)) {
    throw new HubError('BAD_USER_INPUT', `${category} has no separate deadline for coordinated answers`, {
      reason: 'COORDINATION_NOT_APPLICABLE',
      category,
    });
  }
  switch (rule.kind) {
    case 'afterTrigger': {
      const days = opts.coordinated ? (rule.coordinatedWorkingDays ?? rule.workingDays) : rule.workingDays;
      return addWorkingDays(trigger.date, days, calendar);
    }
    case 'beforeTrigger':
      return subtractWorkingDays(trigger.date, rule.workingDays, calendar);
    case 'immediately':
      return addWorkingDays(trigger.date, opts.immediatelyWithinWorkingDays ?? DEFAULT_IMMEDIATELY_WORKING_DAYS, calendar);
    case 'promptly':
      return opts.promptlyWithinWorkingDays === undefined ? null : addWorkingDays(trigger.date, opts.promptlyWithinWorkingDays, calendar);
  }
}

export const DEADLINE_STATUSES = ['ON_TIME', 'LATE', 'PENDING', 'OVERDUE'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

export interface DeadlineFacts {
  /** From dueDate; null when the category has no fixed deadline. */
  due: IsoDate | null;
  deliveredOn?: IsoDate | null;
  today: IsoDate;
}

/**
 * ON_TIME: delivered on or before the due date (for, on or before the latest date).
 * LATE: delivered after it. PENDING: not delivered, due date not passed (the due day itself
 * still counts). OVERDUE: not delivered and the due date has passed. Without a due date
 * nothing can be late: delivered is ON_TIME, otherwise PENDING.
 */
export function deadlineStatus({ due, deliveredOn, today }: DeadlineFacts): DeadlineStatus {
  const dueDay = due === null ? null : dayNumber(due);
  if (deliveredOn !== undefined && deliveredOn !== null) {
    return dueDay === null || dayNumber(deliveredOn) <= dueDay ? 'ON_TIME' : 'LATE';
  }
  return dueDay === null || dayNumber(today) <= dueDay ? 'PENDING' : 'OVERDUE';
}
