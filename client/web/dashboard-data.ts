import type { Kysely } from 'kysely';
import {
  countNominations,
  listComplianceCells,
  listComplianceLevel,
  listOverdueObligations,
  listReportingAncestors,
  summarizeCompliance,
  summarizeMilestones,
  type ComplianceLevel,
  type ComplianceOutline,
  type ComplianceRow,
  type ComplianceScope,
  type ComplianceSummary,
  type NominationCount,
} from '../../db/compliance.repository';
import type { Database } from '../../db/schema';
import type { InstantIso } from '../../domain/civil-time';
import type { ComplianceFigures } from '../../domain/obligation/compliance-figures';
import { buildComplianceMatrix, type ComplianceMatrix } from '../../domain/obligation/compliance-matrix';

/** The dashboard's filters, from the query string: a reporting level (as stored), a lĩnh vực, a kind of milestone. */
export interface DashboardFilters {
  level?: number | undefined;
  field?: string | undefined;
  kind?: string | undefined;
  under?: string | undefined;
}

/** Which page (from 1) of the units and of the overdue list a dashboard shows. */
export interface DashboardPages {
  units: number;
  overdue: number;
}

/** Units listed per page (the tree's level and the matrix): the 63 provinces fit on one. */
export const UNITS_PER_PAGE = 100;
/** Rows of the overdue list per page. */
export const OVERDUE_PER_PAGE = 50;

/** Everything the dashboard of one plan and milestone shows, read at one `now`. */
export interface DashboardData {
  outline: ComplianceOutline;
  milestone: ComplianceOutline['milestones'][number];
  filters: DashboardFilters;
  pages: DashboardPages;
  now: InstantIso;
  /** Exact counts of the whole view (every unit of the subtree, not only the page). */
  summary: ComplianceSummary;
  /** The page of units listed: the top level, or `under` and the units reporting to it, each with its subtree's figures. */
  level: ComplianceLevel;
  /** Those units × the milestones of the chosen kind (all kinds when none), in the level's order. */
  matrix: ComplianceMatrix;
  /** The page of the overdue list (most days late first); `overdueTotal` counts them all. */
  overdue: ComplianceRow[];
  overdueTotal: number;
  /** Whether the viewer may see the whole plan (an admin, a leader of its owner), or only their own subtree. */
  wholePlan: boolean;
  /** From the highest unit the viewer may open down to `under`: the breadcrumb (empty without `under`). */
  path: Array<{ unitCode: string; unitName: string }>;
  nominations: NominationCount[];
  /** Figures per milestone, in deadline order: the trend chart. */
  trend: Array<{ milestoneId: string; figures: ComplianceFigures }>;
}

/** Where the viewer stands: the page numbers, and the highest unit they may open (undefined: the whole plan). */
export interface DashboardView {
  pages: DashboardPages;
  root: string | undefined;
}

/**
 * Reads a milestone's dashboard from db/compliance.repository.ts, bounded whatever the size of the tree: the counts
 * per level, the trend per milestone and the nominations are aggregates over the whole subtree (exact); the units
 * are one page of one level of the tree (`listComplianceLevel`, each with its subtree's figures) with their cells
 * across milestones; the overdue list is one page, counted in full by the summary. The downloads read everything
 * (client/exports), not this.
 */
export async function loadDashboard(
  db: Kysely<Database>,
  outline: ComplianceOutline,
  milestone: ComplianceOutline['milestones'][number],
  filters: DashboardFilters,
  view: DashboardView,
  now: InstantIso,
): Promise<DashboardData> {
  const scope: ComplianceScope & { milestoneId: string } = {
    planCode: outline.code,
    milestoneId: milestone.id,
    level: filters.level,
    under: filters.under,
  };
  const { pages } = view;
  // The page of units first, then their cells across milestones; the aggregates meanwhile.
  const levelAndCells = listComplianceLevel(
    db,
    scope,
    { offset: (pages.units - 1) * UNITS_PER_PAGE, limit: UNITS_PER_PAGE },
    now,
  ).then(async (level) => ({
    level,
    cells: await listComplianceCells(
      db,
      scope,
      level.units.map((unit) => unit.unitCode),
      now,
    ),
  }));
  const [summary, { level, cells }, overdue, nominations, milestones, ancestors] = await Promise.all([
    summarizeCompliance(db, scope, now),
    levelAndCells,
    listOverdueObligations(db, scope, now, { offset: (pages.overdue - 1) * OVERDUE_PER_PAGE, limit: OVERDUE_PER_PAGE }),
    countNominations(db, scope),
    summarizeMilestones(db, scope, now),
    filters.under === undefined
      ? Promise.resolve([])
      : listReportingAncestors(db, { planCode: outline.code, milestoneId: milestone.id, unitCode: filters.under }),
  ]);
  const kinds = new Map(outline.milestones.map((m) => [m.id, m.kind]));
  const ofKind = (milestoneId: string) => !filters.kind || kinds.get(milestoneId) === filters.kind;
  const built = buildComplianceMatrix(cells.filter((cell) => ofKind(cell.milestoneId)));
  const byCode = new Map(built.units.map((unit) => [unit.unitCode, unit]));
  const matrix: ComplianceMatrix = {
    milestoneIds: built.milestoneIds,
    units: level.units.map(
      (unit) =>
        byCode.get(unit.unitCode) ?? {
          unitCode: unit.unitCode,
          unitName: unit.unitName,
          parentUnitCode: unit.parentUnitCode,
          level: unit.level,
          cells: {},
        },
    ),
  };
  const rootAt = view.root === undefined ? 0 : ancestors.findIndex((a) => a.unitCode === view.root);
  return {
    outline,
    milestone,
    filters,
    pages,
    now,
    summary,
    level,
    matrix,
    overdue,
    overdueTotal: summary.overall.overdue + summary.overall.missing,
    wholePlan: view.root === undefined,
    path: ancestors.slice(Math.max(rootAt, 0)),
    nominations: nominations.filter((n) => !filters.field || n.field === filters.field),
    trend: milestones
      .filter((m) => ofKind(m.milestoneId))
      .map(({ milestoneId, ...figures }) => ({ milestoneId, figures })),
  };
}
