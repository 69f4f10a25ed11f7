import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A unit's rows in a milestone, looked up by its code: the dashboard's parent names for a page of the overdue
  // list, the seeds of a page's subtrees, its cells across milestones, a breadcrumb walking up the tree, and a unit's
  // history. Without it each lookup filters the whole milestone (10,806 rows on the national tree: ≈ 2 ms each).
  await db.schema
    .createIndex('obligations_unit_idx')
    .on('obligations')
    .columns(['plan_code', 'milestone_id', 'unit_code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('obligations_unit_idx').execute();
}
