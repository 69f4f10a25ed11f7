import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { PlanFile } from '../../domain/plan/plan-schema';
import type { ResolvedPlan } from '../../domain/plan/resolved-plan';
import type { Timestamp } from './timeline-event.table';

type Json<T> = ColumnType<T, string, string>;

/** One definition of a plan, never changed once written: the file as loaded, what it said, what it resolved to. */
export interface PlanVersionTable {
  plan_code: string;
  version: number;
  source_file: string;
  source_text: string;
  /** sha-256 of source_text: loading the same file twice is recognised and writes nothing. */
  checksum: string;
  definition: Json<PlanFile>;
  resolved: Json<ResolvedPlan>;
  created_by: string;
  created_at: Generated<Timestamp>;
}

export type PlanVersion = Selectable<PlanVersionTable>;
export type NewPlanVersion = Insertable<PlanVersionTable>;
