import type { Kysely } from 'kysely';
import type { Database } from './schema';
import type { NewZaloEvent } from './tables/zalo-event.table';

/**
 * Stores a verified Zalo webhook event once: Zalo retries an event it thinks we missed, and the retry carries the
 * same signature. Returns whether this call stored it.
 */
export async function recordZaloEvent(db: Kysely<Database>, event: NewZaloEvent): Promise<{ inserted: boolean }> {
  const row = await db
    .insertInto('zalo_events')
    .values(event)
    .onConflict((conflict) => conflict.column('signature').doNothing())
    .returning('id')
    .executeTakeFirst();
  return { inserted: row !== undefined };
}
