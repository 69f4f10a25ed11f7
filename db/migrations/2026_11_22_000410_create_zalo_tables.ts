import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One row per Zalo app: the current token pair. Workers refresh it under a row lock (zalo-token.repository.ts).
  await db.schema
    .createTable('zalo_tokens')
    .addColumn('app_id', 'text', (col) => col.primaryKey())
    .addColumn('access_token', 'text', (col) => col.notNull())
    .addColumn('refresh_token', 'text', (col) => col.notNull())
    .addColumn('access_expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('refresh_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('refreshed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // Webhook events as Zalo sent them, verified; a retried event (same signature) is stored once.
  await db.schema
    .createTable('zalo_events')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('signature', 'text', (col) => col.notNull().unique())
    .addColumn('app_id', 'text', (col) => col.notNull())
    .addColumn('event_name', 'text', (col) => col.notNull())
    .addColumn('msg_id', 'text')
    .addColumn('tracking_id', 'text')
    .addColumn('occurred_at', 'timestamptz')
    .addColumn('payload', 'jsonb', (col) => col.notNull())
    .addColumn('received_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('zalo_events_msg_id_idx').on('zalo_events').column('msg_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('zalo_events').execute();
  await db.schema.dropTable('zalo_tokens').execute();
}
