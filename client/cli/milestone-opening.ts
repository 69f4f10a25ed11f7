import type { Kysely } from 'kysely';
import { listReportingUnitsActivity } from '../../activities/plan-cycle/list-reporting-units';
import type { Database } from '../../db/schema';
import { listSubtreeAt } from '../../db/unit-tree.repository';
import { parseInstant } from '../../domain/civil-time';
import type { ResolvedMilestone, ResolvedPlan } from '../../domain/plan/resolved-plan';

/** The milestones a cycle started at `now` opens at once: those whose opening time is now or past. */
export function milestonesOpeningAt(plan: ResolvedPlan, now: number): ResolvedMilestone[] {
  return plan.milestones.filter((milestone) => parseInstant(milestone.opensAt) <= now);
}

/**
 * How many units get an obligation when `milestone` opens: the units the milestone's tree starts (the plan's scope
 * resolved by the workflow's own `listReportingUnits` for the first level, then each of those units' subtree down to
 * the plan's last level, on the tree in force the day the milestone opens, without the plan owner), counting a unit
 * only at a level where one of the milestone's reports asks for something. One recursive query per first-level unit,
 * not one per node: a national plan (63 provinces, 10,806 units) is counted in about 1 s. Never throws for unknown
 * codes (they report nothing, as in the workflow).
 */
export async function countMilestoneUnits(
  db: Kysely<Database>,
  plan: ResolvedPlan,
  milestone: ResolvedMilestone,
): Promise<number> {
  if (milestone.reports.length === 0) return 0;
  const date = milestone.opensOn;
  const ownerCode = plan.owner.unit;
  const firstLevel = await listReportingUnitsActivity(db)({ scope: plan.scope, depth: -1, date, ownerCode });
  const reportsAt = (depth: number) => milestone.reports.some((report) => report.levels[depth] !== undefined);
  const units = new Set<string>();
  for (const unit of firstLevel) {
    for (const below of await listSubtreeAt(db, unit.id, date)) {
      // A subtree's depth is the reporting level: its root reports to the owner (level 0).
      if (below.depth >= plan.scope.levels.length || below.path.includes(ownerCode)) continue;
      if (reportsAt(below.depth)) units.add(below.code);
    }
  }
  return units.size;
}

/**
 * How many units already have their obligation of the plan's `milestoneIds` in the read model (each unit's workflow
 * writes it as it opens), each unit counted once per milestone whatever its number of reports.
 */
export async function countOpenedUnits(
  db: Kysely<Database>,
  planCode: string,
  milestoneIds: string[],
): Promise<number> {
  if (milestoneIds.length === 0) return 0;
  const row = await db
    .selectFrom('obligations')
    .select((eb) => eb.fn.count<string>('workflow_id').distinct().as('units'))
    .where('plan_code', '=', planCode)
    .where('milestone_id', 'in', milestoneIds)
    .executeTakeFirstOrThrow();
  return Number(row.units);
}
