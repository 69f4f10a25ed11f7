import { planUnitProblems } from '../../plans/check-plan-units';
import { loadPlan } from '../../../domain/plan/load-plan';
import { PlanFileError } from '../../../domain/plan/plan-errors';
import { readPlanFile } from '../../../domain/plan/read-plan-file';
import type { ApiContext } from '../api-options';

/** The content types a plan file (YAML) may be sent as. */
export const PLAN_CONTENT_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

/** A plan file sent in a request body: its text and the name its errors are located in. */
export interface PlanSource {
  source: string;
  file: string;
}

/**
 * Reads and resolves a plan file sent to the API, and checks that every unit it names exists when it needs it.
 * Throws `PlanFileError` listing every problem with its line and field (the error handler answers 400 with them).
 */
export async function loadPlanSource(api: ApiContext, { source, file }: PlanSource) {
  const loaded = loadPlan(source, file, await api.workingCalendar());
  const { lineOf } = readPlanFile(source, file);
  const problems = await planUnitProblems(api.db, loaded.plan, loaded.resolved, lineOf);
  if (problems.length > 0) throw new PlanFileError(file, problems);
  return loaded;
}
