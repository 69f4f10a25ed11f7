import type { Kysely } from 'kysely';
import type { Database } from './schema';
import type { NewTimelineEvent, TimelineEvent } from './tables/timeline-event.table';

/**
 * Records a timeline event once per idempotency key: a second call with the same key writes nothing and returns the
 * row the first call wrote, so an activity retried after a crash stays correct.
 */
export async function recordTimelineEvent(db: Kysely<Database>, event: NewTimelineEvent): Promise<TimelineEvent> {
  const inserted = await db
    .insertInto('timeline_events')
    .values(event)
    .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
    .returningAll()
    .executeTakeFirst();
  return (
    inserted ??
    (await db
      .selectFrom('timeline_events')
      .selectAll()
      .where('idempotency_key', '=', event.idempotency_key)
      .executeTakeFirstOrThrow())
  );
}

/** A plan's timeline events, in the order they were due. */
export async function listTimelineEvents(db: Kysely<Database>, planCode: string): Promise<TimelineEvent[]> {
  return db
    .selectFrom('timeline_events')
    .selectAll()
    .where('plan_code', '=', planCode)
    .orderBy('due_at')
    .orderBy('recorded_at')
    .execute();
}
