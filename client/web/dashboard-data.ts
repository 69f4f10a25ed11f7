import type { Kysely } from 'kysely';
import {
  countNominations,
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
import {
  complianceFigures,
  emptyCounts,
  type ComplianceCounts,
  type ComplianceFigures,
} from '../../domain/obligation/compliance-figures';
import type { ComplianceStatus } from '../../domain/obligation/compliance-status';
import { buildComplianceMatrix, type ComplianceMatrix } from '../../domain/obligation/compliance-matrix';

/** The dashboard's filters, from the query string: a reporting level (as stored), a lĩnh vực, a kind of milestone. */
export interface DashboardFilters {
  level?: number | undefined;
  field?: string | undefined;
  kind?: string | undefined;
  under?: string | undefined;
}

/** Everything the dashboard of one plan and milestone shows, read at one `now`. */
export interface DashboardData {
  outline: ComplianceOutline;
  milestone: ComplianceOutline['milestones'][number];
  filters: DashboardFilters;
  now: InstantIso;
  summary: ComplianceSummary;
  /** Units × the milestones of the chosen kind (all kinds when none), in tree order. */
  matrix: ComplianceMatrix;
  overdue: ComplianceRow[];
  nominations: NominationCount[];
  /** Figures per milestone, in deadline order: the trend chart. */
  trend: Array<{ milestoneId: string; figures: ComplianceFigures }>;
}

const COUNT_OF: Readonly<Record<ComplianceStatus, keyof ComplianceCounts>> = {
  'on-time': 'onTime',
  late: 'late',
  missing: 'missing',
  overdue: 'overdue',
  open: 'open',
  exempt: 'exempt',
  cancelled: 'cancelled',
};

function figuresOf(rows: readonly ComplianceRow[]): ComplianceFigures {
  const counts = emptyCounts();
  for (const row of rows) {
    counts.total++;
    counts[COUNT_OF[row.status]]++;
    if (row.extended) counts.extended++;
  }
  return complianceFigures(counts);
}

/**
 * Reads a milestone's dashboard in four queries of db/compliance.repository.ts: the counts per level, every report
 * of the plan in the subtree (the matrix across milestones and the trend come from these rows, with no query per
 * milestone), the overdue list (most days late first) and the nominations by field and form.
 */
export async function loadDashboard(
  db: Kysely<Database>,
  outline: ComplianceOutline,
  milestone: ComplianceOutline['milestones'][number],
  filters: DashboardFilters,
  now: InstantIso,
): Promise<DashboardData> {
  const scope: ComplianceScope = {
    planCode: outline.code,
    milestoneId: milestone.id,
    level: filters.level,
    under: filters.under,
  };
  const kinds = new Map(outline.milestones.map((m) => [m.id, m.kind]));
  const [summary, rows, overdue, nominations] = await Promise.all([
    summarizeCompliance(db, scope, now),
    listComplianceRows(db, { ...scope, milestoneId: undefined }, now),
    listOverdueObligations(db, scope, now),
    countNominations(db, scope),
  ]);
  const shown = rows.filter((row) => !filters.kind || kinds.get(row.milestoneId) === filters.kind);
  const matrix = buildComplianceMatrix(shown);
  const byMilestone = new Map<string, ComplianceRow[]>();
  for (const row of shown) {
    const list = byMilestone.get(row.milestoneId);
    if (list) list.push(row);
    else byMilestone.set(row.milestoneId, [row]);
  }
  return {
    outline,
    milestone,
    filters,
    now,
    summary,
    matrix,
    overdue,
    nominations: nominations.filter((n) => !filters.field || n.field === filters.field),
    trend: matrix.milestoneIds.map((id) => ({ milestoneId: id, figures: figuresOf(byMilestone.get(id) ?? []) })),
  };
}
