import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Rollup } from '../../domain/obligation/rollup';
import type { Timestamp } from './timeline-event.table';

type Json<T> = ColumnType<T, string, string>;
type NullableTimestamp = ColumnType<Date | null, string | Date | null, string | Date | null>;

export const ObligationStatus = {
  open: 'open',
  submitted: 'submitted',
  overdue: 'overdue',
  onTime: 'on-time',
  late: 'late',
  missing: 'missing',
  exempt: 'exempt',
  cancelled: 'cancelled',
} as const;
export type ObligationStatus = (typeof ObligationStatus)[keyof typeof ObligationStatus];

/**
 * The read model of one unit's report for one milestone (a projection written by the UnitMilestone workflow as its
 * state changes): what dashboards and exports read, never the workflows themselves. Keyed by workflow id + report.
 */
export interface ObligationTable {
  id: string;
  workflow_id: string;
  plan_code: string;
  plan_version: number;
  milestone_id: string;
  report_id: string;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  parent_unit_code: string | null;
  /** The successor that took the open obligation over when the unit ended (the 2025 reform), if any. */
  assigned_unit_code: string | null;
  level: number;
  due_at: Timestamp;
  original_due_at: Timestamp;
  status: ObligationStatus;
  submitted_at: NullableTimestamp;
  submission_version: number;
  extended_by: string | null;
  extension_reason: string | null;
  exempted_by: string | null;
  exemption_reason: string | null;
  escalation_step: number;
  /** The workflow's count of its writes of this row: an older write never replaces a newer one. */
  projection_seq: ColumnType<number, number | undefined, number>;
  updated_at: Generated<Timestamp>;
}

/** Each accepted submission, every version kept; the latest is the one that counts. */
export interface SubmissionTable {
  obligation_id: string;
  version: number;
  receipt_number: string;
  submitted_at: Timestamp;
  submitted_by: string;
  late: boolean;
  text: string | null;
  fields: Json<Record<string, string | number | boolean>>;
  nominations: Json<unknown[]>;
}

/** One nominated example of a submission, for counting by field and form. Personal data stays in submissions. */
export interface NominationTable {
  obligation_id: string;
  version: number;
  position: number;
  form: string;
  field: string | null;
  name: string;
}

/** Each escalation step that was taken, with whom it notified. */
export interface EscalationTable {
  obligation_id: string;
  step: number;
  at: Timestamp;
  notified: Json<string[]>;
}

/** A unit's (or the owner's) roll-up of its subtree for one milestone, updated as results arrive. */
export interface MilestoneRollupTable {
  plan_code: string;
  milestone_id: string;
  unit_code: string;
  parent_unit_code: string | null;
  level: number;
  rollup: Json<Rollup>;
  closed: boolean;
  /** As in obligations: the node's count of its roll-up writes. */
  projection_seq: ColumnType<number, number | undefined, number>;
  updated_at: Generated<Timestamp>;
}

export type Obligation = Selectable<ObligationTable>;
export type NewObligation = Insertable<ObligationTable>;
export type Submission = Selectable<SubmissionTable>;
export type MilestoneRollup = Selectable<MilestoneRollupTable>;

export interface ObligationTables {
  obligations: ObligationTable;
  submissions: SubmissionTable;
  nominations: NominationTable;
  escalations: EscalationTable;
  milestone_rollups: MilestoneRollupTable;
}
