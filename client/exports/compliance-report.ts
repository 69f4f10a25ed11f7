import type { Kysely } from 'kysely';
import {
  countNominations,
  getComplianceOutline,
  listComplianceRows,
  listOverdueObligations,
  summarizeCompliance,
  type ComplianceOutline,
  type ComplianceRow,
  type ComplianceScope,
  type ComplianceSummary,
  type NominationCount,
} from '../../db/compliance.repository';
import type { Database } from '../../db/schema';
import type { InstantIso } from '../../domain/civil-time';
import { complianceScopeProblem, type ScopeProblem } from '../../domain/obligation/compliance-scope';

/** A compliance request naming a milestone, report or level the plan does not have. */
export class ComplianceScopeError extends Error {
  readonly code: ScopeProblem['code'];
  readonly field: ScopeProblem['field'];
  constructor(problem: ScopeProblem) {
    super(problem.message);
    this.name = 'ComplianceScopeError';
    this.code = problem.code;
    this.field = problem.field;
  }
}

/** Everything a compliance export or table shows, read at one `now`. */
export interface ComplianceReport {
  outline: ComplianceOutline;
  scope: ComplianceScope;
  /** The milestone of the scope, when it names one. */
  milestone: ComplianceOutline['milestones'][number] | undefined;
  now: InstantIso;
  summary: ComplianceSummary;
  /** Every report in the scope, in tree order. */
  rows: ComplianceRow[];
  overdue: ComplianceRow[];
  nominations: NominationCount[];
}

/**
 * Reads what the exports and the CLI show for a scope at `now`: the plan's labels, the counts per level, every row,
 * the overdue list and the nominations. Throws `PlanNotFoundError` (PLAN_NOT_FOUND) for an unknown plan and
 * `ComplianceScopeError` (COMPLIANCE_MILESTONE_UNKNOWN, …) for a milestone, report or level the plan does not have.
 */
export async function loadComplianceReport(
  db: Kysely<Database>,
  scope: ComplianceScope,
  now: InstantIso,
): Promise<ComplianceReport> {
  const outline = await getComplianceOutline(db, scope.planCode);
  const problem = complianceScopeProblem(outline, scope);
  if (problem) throw new ComplianceScopeError(problem);
  const [summary, rows, overdue, nominations] = await Promise.all([
    summarizeCompliance(db, scope, now),
    listComplianceRows(db, scope, now),
    listOverdueObligations(db, scope, now),
    countNominations(db, scope),
  ]);
  const milestone = outline.milestones.find((m) => m.id === scope.milestoneId);
  return { outline, scope, milestone, now, summary, rows, overdue, nominations };
}
