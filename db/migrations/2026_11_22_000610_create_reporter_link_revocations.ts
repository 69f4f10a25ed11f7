import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A signed link cannot be un-signed: revoking one lists its linkId here, and verification looks it up.
  await db.schema
    .createTable('reporter_link_revocations')
    .addColumn('link_id', 'text', (col) => col.primaryKey())
    .addColumn('revoked_by', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('revoked_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reporter_link_revocations').execute();
}
