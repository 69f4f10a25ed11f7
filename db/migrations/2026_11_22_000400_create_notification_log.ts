import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notification_log')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // workflow id + step + channel + address: the one key that makes a send happen at most once (bar SMTP's window).
    .addColumn('delivery_key', 'text', (col) => col.notNull().unique())
    .addColumn('idempotency_key', 'text', (col) => col.notNull())
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('address', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('plan_code', 'text', (col) => col.notNull())
    .addColumn('unit_code', 'text', (col) => col.notNull())
    .addColumn('recipient_role', 'text', (col) => col.notNull())
    .addColumn('recipient_name', 'text', (col) => col.notNull())
    .addColumn('fallback_for', 'text')
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('message_id', 'text', (col) => col.notNull())
    .addColumn('subject', 'text')
    .addColumn('provider_message_id', 'text')
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('error_code', 'text')
    .addColumn('reason', 'text')
    .addColumn('retry_at', 'timestamptz')
    .addColumn('sending_since', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('delivery_status', 'text')
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'notification_log_status_check',
      sql`status in ('pending', 'sending', 'sent', 'deferred', 'failed')`,
    )
    .execute();
  await db.schema
    .createIndex('notification_log_idempotency_idx')
    .on('notification_log')
    .column('idempotency_key')
    .execute();
  await db.schema
    .createIndex('notification_log_plan_status_idx')
    .on('notification_log')
    .columns(['plan_code', 'status'])
    .execute();
  await db.schema
    .createIndex('notification_log_provider_id_idx')
    .on('notification_log')
    .column('provider_message_id')
    .execute();
  await db.schema.createIndex('notification_log_message_id_idx').on('notification_log').column('message_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_log').execute();
}
