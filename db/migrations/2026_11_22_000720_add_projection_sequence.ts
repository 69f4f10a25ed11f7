import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The workflow numbers its writes of each projection row: a write is applied only if it is not older than the one
  // stored, so two writes in flight together (a submission arriving while the deadline's write is retried after a
  // worker died) cannot leave the older state on the dashboard.
  for (const table of ['obligations', 'milestone_rollups']) {
    await db.schema
      .alterTable(table)
      .addColumn('projection_seq', 'integer', (col) => col.notNull().defaultTo(0))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['obligations', 'milestone_rollups']) {
    await db.schema.alterTable(table).dropColumn('projection_seq').execute();
  }
}
