import type { WorkingCalendar } from '../calendar/working-calendar';
import type { PlanFile } from './plan-schema';
import { readPlanFile } from './read-plan-file';
import { resolvePlan } from './resolve-plan';
import type { ResolvedPlan } from './resolved-plan';

/**
 * Reads a plan file's text and resolves its timeline on the working calendar. Throws `PlanFileError` with every
 * problem found, located by file, line and field.
 */
export function loadPlan(
  source: string,
  file: string,
  calendar: WorkingCalendar,
): { plan: PlanFile; resolved: ResolvedPlan } {
  const { plan, lineOf } = readPlanFile(source, file);
  return { plan, resolved: resolvePlan(plan, { calendar, file, lineOf }) };
}
