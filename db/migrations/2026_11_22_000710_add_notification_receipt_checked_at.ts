import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // When the status endpoint was last asked about a Zalo message still without a receipt: the scheduled check takes
  // the least recently asked first, so messages Zalo never reports cannot starve the others.
  await db.schema.alterTable('notification_log').addColumn('receipt_checked_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notification_log').dropColumn('receipt_checked_at').execute();
}
