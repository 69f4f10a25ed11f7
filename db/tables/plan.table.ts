import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Timestamp } from './timeline-event.table';

export const PlanStatus = {
  loaded: 'loaded',
  running: 'running',
  cancelled: 'cancelled',
  completed: 'completed',
} as const;
export type PlanStatus = (typeof PlanStatus)[keyof typeof PlanStatus];

/** A plan (kế hoạch) by its số hiệu; its definitions are kept, every version, in plan_versions. */
export interface PlanTable {
  code: string;
  title: string;
  issuer: string;
  current_version: number;
  status: ColumnType<PlanStatus, PlanStatus | undefined, PlanStatus>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export type Plan = Selectable<PlanTable>;
export type NewPlan = Insertable<PlanTable>;
export type PlanUpdate = Updateable<PlanTable>;
