// a question is answered within 5 working days of its receipt, 10 when several sectors
// must coordinate. Counted with the hub's one working-day calendar (holidays, compensatory
// days, worked Saturdays), from the local date the request was received.
import { addWorkingDays, type IsoDate, type WorkingCalendar } from '../../../schema/calendar/working-days.ts';
import { deadlineStatus, type DeadlineStatus } from '../../../schema/deadlines/deadline.ts';

export const ANSWER_WORKING_DAYS = 5;
export const COORDINATED_ANSWER_WORKING_DAYS = 10;

export function answerDueOn(receivedOn: IsoDate, coordination: boolean, calendar: WorkingCalendar): IsoDate {
  return addWorkingDays(receivedOn, coordination ? COORDINATED_ANSWER_WORKING_DAYS : ANSWER_WORKING_DAYS, calendar);
}

export function answerStatus(dueOn: IsoDate | null, answeredOn: IsoDate | null, today: IsoDate): DeadlineStatus {
  return deadlineStatus({ due: dueOn, deliveredOn: answeredOn, today });
}
