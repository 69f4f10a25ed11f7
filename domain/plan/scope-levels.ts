import type { PlanFile } from './plan-schema';

/** Whether units at `depth` (an index into `scope.levels`) are the scope's last level: none below them report. */
export function isLastScopeLevel(scope: Pick<PlanFile['scope'], 'levels'>, depth: number): boolean {
  return depth + 1 >= scope.levels.length;
}
