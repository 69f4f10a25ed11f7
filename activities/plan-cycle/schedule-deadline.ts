import { buildWorkingCalendar } from '../../domain/calendar/working-calendar-builder';
import type { WorkingCalendar } from '../../domain/calendar/working-calendar';
import type { CivilDate } from '../../domain/civil-time';
import { scheduleDeadline, type NoticePolicy } from '../../domain/plan/deadline-schedule';
import type { ResolvedLevelDeadline } from '../../domain/plan/resolved-plan';
import { loadCalendarFiles } from '../../runtime/calendar-files';

/**
 * Recomputes a deadline's schedule on the working calendar (config/calendar), for an extension (gia hạn): the
 * new last day moved off days off, its reminders and escalation steps. The calendar is read once per worker.
 */
export function scheduleDeadlineActivity(loadCalendar: () => Promise<WorkingCalendar> = defaultCalendar()) {
  return async function scheduleNewDeadline(input: {
    lastDay: CivilDate;
    opensOn: CivilDate;
    policy: NoticePolicy;
  }): Promise<Omit<ResolvedLevelDeadline, 'level'>> {
    return scheduleDeadline(await loadCalendar(), input.lastDay, input.opensOn, input.policy);
  };
}

function defaultCalendar(): () => Promise<WorkingCalendar> {
  let calendar: Promise<WorkingCalendar> | undefined;
  return () => (calendar ??= loadCalendarFiles().then(buildWorkingCalendar));
}
