import type { Kysely } from 'kysely';
import { findUnitAt } from '../../db/unit.repository';
import type { Database } from '../../db/schema';
import { formatCivilDate, type CivilDate } from '../../domain/civil-time';
import { PlanErrorCode, type PlanProblem } from '../../domain/plan/plan-errors';
import type { PlanFile } from '../../domain/plan/plan-schema';
import type { ResolvedPlan } from '../../domain/plan/resolved-plan';

/**
 * Every unit code a plan names — its owner and its scope — that no unit has on a day the plan needs it (the opening
 * of each milestone, or the start of the period when it has none), as located problems (PLAN_UNIT_UNKNOWN). A code
 * that ends before a later milestone (a district dissolved on 01/07/2025) is reported for that milestone only.
 */
export async function planUnitProblems(
  db: Kysely<Database>,
  plan: PlanFile,
  resolved: ResolvedPlan,
  lineOf: (path: ReadonlyArray<PropertyKey>) => number | undefined,
): Promise<PlanProblem[]> {
  const named: Array<{ code: string; path: PropertyKey[] }> = [
    { code: plan.owner.unit, path: ['owner', 'unit'] },
    ...plan.scope.units.map((selector, i) => {
      const [key, code] =
        'unit' in selector
          ? ['unit', selector.unit]
          : 'children_of' in selector
            ? ['children_of', selector.children_of]
            : ['subtree', selector.subtree];
      return { code, path: ['scope', 'units', i, key] as PropertyKey[] };
    }),
  ];
  const days: Array<{ date: CivilDate; why: string }> = resolved.milestones.length
    ? resolved.milestones.map((m) => ({ date: m.opensOn, why: `khi mốc ${m.id} mở` }))
    : [{ date: `${resolved.period.from}-01-01`, why: 'đầu giai đoạn kế hoạch' }];
  const problems: PlanProblem[] = [];
  for (const { code, path } of named) {
    for (const { date, why } of days) {
      if (await findUnitAt(db, code, date)) continue;
      problems.push({
        code: PlanErrorCode.unitUnknown,
        field: path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '')
          .replace(/\.\[/g, '['),
        line: lineOf(path),
        message: `không có đơn vị mã "${code}" vào ngày ${formatCivilDate(date)} (${why}); hãy nạp đơn vị trước (dondoc units import)`,
      });
      break;
    }
  }
  return problems;
}
