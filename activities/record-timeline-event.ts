import type { Kysely } from 'kysely';
import { recordTimelineEvent as insertTimelineEvent } from '../db/timeline-event.repository';
import type { Database } from '../db/schema';
import type { InstantIso } from '../domain/civil-time';

export interface RecordTimelineEventInput {
  /** Workflow id + step; the same key never writes twice. */
  idempotencyKey: string;
  planCode: string;
  milestoneCode: string;
  kind: string;
  dueAt: InstantIso;
  occurredAt: InstantIso;
}

export interface RecordTimelineEventResult {
  eventId: string;
}

/**
 * Writes a timeline event row, idempotently by key. Database errors are transient (a restart, a full pool) and are
 * left to Temporal's retry policy; nothing here is permanent except a bug.
 */
export function recordTimelineEventActivity(db: Kysely<Database>) {
  return async function recordTimelineEvent(input: RecordTimelineEventInput): Promise<RecordTimelineEventResult> {
    const row = await insertTimelineEvent(db, {
      idempotency_key: input.idempotencyKey,
      plan_code: input.planCode,
      milestone_code: input.milestoneCode,
      kind: input.kind,
      due_at: input.dueAt,
      occurred_at: input.occurredAt,
    });
    return { eventId: row.id };
  };
}
