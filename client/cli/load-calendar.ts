import { buildWorkingCalendar } from '../../domain/calendar/working-calendar-builder';
import type { WorkingCalendar } from '../../domain/calendar/working-calendar';
import { loadCalendarFiles } from '../../runtime/calendar-files';

/** The working calendar from the shipped and admin-edited files in config/calendar. */
export async function loadWorkingCalendar(): Promise<WorkingCalendar> {
  return buildWorkingCalendar(await loadCalendarFiles());
}
