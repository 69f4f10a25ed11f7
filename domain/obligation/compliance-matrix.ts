import { parseInstant, type InstantIso } from '../civil-time';
import { worstStatus, type ComplianceStatus } from './compliance-status';

/** What the matrix needs of one report of one unit for one milestone. */
export interface MatrixSourceRow {
  milestoneId: string;
  reportId: string;
  unitCode: string;
  unitName: string;
  parentUnitCode: string | null;
  level: number;
  status: ComplianceStatus;
  extended: boolean;
  originalDueAt: InstantIso;
}

/** One unit's reports for one milestone: the cell's colour is its worst report's status. */
export interface MatrixCell {
  status: ComplianceStatus;
  extended: boolean;
  reports: Array<{ reportId: string; status: ComplianceStatus; extended: boolean }>;
}

export interface MatrixUnit {
  unitCode: string;
  unitName: string;
  parentUnitCode: string | null;
  level: number;
  /** By milestone id; a milestone the unit was not asked to report on has no cell. */
  cells: Record<string, MatrixCell>;
}

/** Units × milestones: milestones in deadline order, units in the order of the rows given (tree order). */
export interface ComplianceMatrix {
  milestoneIds: string[];
  units: MatrixUnit[];
}

/**
 * Folds report rows into the units × milestones matrix. A unit keeps the place, name, parent and level of its first
 * row (rows come in tree order, so a unit the 2025 reform moved appears where it first stood); milestones are ordered
 * by their earliest original deadline.
 */
export function buildComplianceMatrix(rows: readonly MatrixSourceRow[]): ComplianceMatrix {
  const firstDue = new Map<string, number>();
  const units = new Map<string, MatrixUnit>();
  for (const row of rows) {
    const due = parseInstant(row.originalDueAt);
    firstDue.set(row.milestoneId, Math.min(due, firstDue.get(row.milestoneId) ?? due));
    let unit = units.get(row.unitCode);
    if (!unit) {
      const { unitCode, unitName, parentUnitCode, level } = row;
      unit = { unitCode, unitName, parentUnitCode, level, cells: {} };
      units.set(row.unitCode, unit);
    }
    const report = { reportId: row.reportId, status: row.status, extended: row.extended };
    const cell = unit.cells[row.milestoneId];
    if (!cell) {
      unit.cells[row.milestoneId] = { status: row.status, extended: row.extended, reports: [report] };
      continue;
    }
    cell.reports.push(report);
    cell.status = worstStatus(cell.reports.map((r) => r.status));
    cell.extended ||= row.extended;
  }
  const milestoneIds = [...firstDue.entries()]
    .sort(([a, dueA], [b, dueB]) => dueA - dueB || a.localeCompare(b))
    .map(([id]) => id);
  return { milestoneIds, units: [...units.values()] };
}
