import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('obligations')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('workflow_id', 'text', (col) => col.notNull())
    .addColumn('plan_code', 'text', (col) => col.notNull().references('plans.code'))
    .addColumn('plan_version', 'integer', (col) => col.notNull())
    .addColumn('milestone_id', 'text', (col) => col.notNull())
    .addColumn('report_id', 'text', (col) => col.notNull())
    .addColumn('unit_id', 'uuid', (col) => col.notNull().references('units.id'))
    .addColumn('unit_code', 'text', (col) => col.notNull())
    .addColumn('unit_name', 'text', (col) => col.notNull())
    .addColumn('parent_unit_code', 'text')
    .addColumn('assigned_unit_code', 'text')
    .addColumn('level', 'integer', (col) => col.notNull())
    .addColumn('due_at', 'timestamptz', (col) => col.notNull())
    .addColumn('original_due_at', 'timestamptz', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .check(sql`status in ('open', 'submitted', 'overdue', 'on-time', 'late', 'missing', 'exempt', 'cancelled')`),
    )
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('submission_version', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('extended_by', 'text')
    .addColumn('extension_reason', 'text')
    .addColumn('exempted_by', 'text')
    .addColumn('exemption_reason', 'text')
    .addColumn('escalation_step', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('obligations_plan_idx')
    .on('obligations')
    .columns(['plan_code', 'milestone_id', 'status'])
    .execute();
  await db.schema
    .createIndex('obligations_parent_idx')
    .on('obligations')
    .columns(['plan_code', 'milestone_id', 'parent_unit_code'])
    .execute();

  await db.schema
    .createTable('submissions')
    .addColumn('obligation_id', 'text', (col) => col.notNull().references('obligations.id'))
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('receipt_number', 'text', (col) => col.notNull().unique())
    .addColumn('submitted_at', 'timestamptz', (col) => col.notNull())
    .addColumn('submitted_by', 'text', (col) => col.notNull())
    .addColumn('late', 'boolean', (col) => col.notNull())
    .addColumn('text', 'text')
    .addColumn('fields', 'jsonb', (col) => col.notNull())
    .addColumn('nominations', 'jsonb', (col) => col.notNull())
    .addPrimaryKeyConstraint('submissions_pk', ['obligation_id', 'version'])
    .execute();
  await db.schema
    .createTable('nominations')
    .addColumn('obligation_id', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('form', 'text', (col) => col.notNull())
    .addColumn('field', 'text')
    .addColumn('name', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('nominations_pk', ['obligation_id', 'version', 'position'])
    .addForeignKeyConstraint('nominations_submission_fk', ['obligation_id', 'version'], 'submissions', [
      'obligation_id',
      'version',
    ])
    .execute();
  await db.schema
    .createTable('escalations')
    .addColumn('obligation_id', 'text', (col) => col.notNull().references('obligations.id'))
    .addColumn('step', 'integer', (col) => col.notNull())
    .addColumn('at', 'timestamptz', (col) => col.notNull())
    .addColumn('notified', 'jsonb', (col) => col.notNull())
    .addPrimaryKeyConstraint('escalations_pk', ['obligation_id', 'step'])
    .execute();
  await db.schema
    .createTable('milestone_rollups')
    .addColumn('plan_code', 'text', (col) => col.notNull().references('plans.code'))
    .addColumn('milestone_id', 'text', (col) => col.notNull())
    .addColumn('unit_code', 'text', (col) => col.notNull())
    .addColumn('parent_unit_code', 'text')
    .addColumn('level', 'integer', (col) => col.notNull())
    .addColumn('rollup', 'jsonb', (col) => col.notNull())
    .addColumn('closed', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('milestone_rollups_pk', ['plan_code', 'milestone_id', 'unit_code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['milestone_rollups', 'escalations', 'nominations', 'submissions', 'obligations']) {
    await db.schema.dropTable(table).execute();
  }
}
