import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** A timestamptz column: read as a Date, written as an ISO string (with offset) or a Date. */
export type Timestamp = ColumnType<Date, string | Date, string | Date>;

/** Moments in a plan's life that the process reached (a milestone opened, …), one row per idempotency key. */
export interface TimelineEventTable {
  id: Generated<string>;
  idempotency_key: string;
  plan_code: string;
  milestone_code: string;
  kind: string;
  due_at: Timestamp;
  occurred_at: Timestamp;
  recorded_at: Generated<Timestamp>;
}

export type TimelineEvent = Selectable<TimelineEventTable>;
export type NewTimelineEvent = Insertable<TimelineEventTable>;
