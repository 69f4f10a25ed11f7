import {
  addCalendarDays,
  addWorkingDays,
  deadlineOnWorkingDay,
  nextWorkingDayOnOrAfter,
  previousWorkingDayOnOrBefore,
} from '../calendar/deadline-arithmetic';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { vietnamInstant, type CivilDate } from '../civil-time';
import { NOTICE_TIME } from './default-policy';
import type { Offset } from './offset-phrases';
import type { ResolvedLevelDeadline, ResolvedPlan } from './resolved-plan';

export type NoticePolicy = Pick<ResolvedPlan, 'reminderPolicy' | 'escalationPolicy'>;

/** The working day `offset` after (direction 1) or before (−1) a date. */
export function shiftDate(cal: WorkingCalendar, date: CivilDate, offset: Offset, direction: 1 | -1): CivilDate {
  if (offset.unit === 'working-day') return addWorkingDays(cal, date, direction * offset.amount);
  const days = offset.amount * (offset.unit === 'week' ? 7 : 1);
  const moved = addCalendarDays(date, direction * days);
  return direction === 1 ? nextWorkingDayOnOrAfter(cal, moved) : previousWorkingDayOnOrBefore(cal, moved);
}

/**
 * Everything that hangs off one deadline: the last day on time (moved off a day off by Bộ luật Dân sự 2015 Điều 148),
 * the instant it passes (24:00), the reminders before it (08:00 on working days, none before the milestone opens,
 * one per day) and the escalation steps after it. Used when a plan is resolved and again when a deadline is extended.
 */
export function scheduleDeadline(
  cal: WorkingCalendar,
  nominalLastDay: CivilDate,
  opensOn: CivilDate,
  policy: NoticePolicy,
): Omit<ResolvedLevelDeadline, 'level'> {
  const deadline = deadlineOnWorkingDay(cal, nominalLastDay);
  const seen = new Set<CivilDate>();
  const reminders = policy.reminderPolicy.before.flatMap((offset) => {
    const day = offset.amount === 0 ? deadline.date : shiftDate(cal, deadline.date, offset, -1);
    if (day < opensOn || seen.has(day)) return [];
    seen.add(day);
    return [{ offset: offset.text, at: vietnamInstant(day, NOTICE_TIME) }];
  });
  const escalations = policy.escalationPolicy.map((step, i) => ({
    step: i + 1,
    after: step.after.text,
    at: vietnamInstant(shiftDate(cal, deadline.date, step.after, 1), NOTICE_TIME),
    notify: step.notify,
  }));
  return {
    lastDay: deadline.date,
    dueAt: deadline.endsAt,
    ...(deadline.moved ? { moved: { from: nominalLastDay, reason: deadline.reason! } } : {}),
    reminders,
    escalations,
  };
}
