import { sql, type Kysely } from 'kysely';

/** Units, their versions over time, succession links and contacts (db/tables/unit*.table.ts say why this shape). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('units')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (col) => col.notNull())
    .addColumn('valid_from', 'date', (col) => col.notNull())
    .addColumn('valid_to', 'date')
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('units_code_valid_from_key', ['code', 'valid_from'])
    .addCheckConstraint('units_validity_check', sql`valid_to is null or valid_to > valid_from`)
    .execute();

  await db.schema
    .createTable('unit_versions')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('unit_id', 'uuid', (col) => col.notNull().references('units.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('parent_unit_id', 'uuid', (col) => col.references('units.id'))
    .addColumn('valid_from', 'date', (col) => col.notNull())
    .addColumn('valid_to', 'date')
    .addUniqueConstraint('unit_versions_unit_valid_from_key', ['unit_id', 'valid_from'])
    .addCheckConstraint('unit_versions_validity_check', sql`valid_to is null or valid_to > valid_from`)
    .execute();
  // Children of a unit at a date: the step of every recursive tree query.
  await db.schema
    .createIndex('unit_versions_parent_idx')
    .on('unit_versions')
    .columns(['parent_unit_id', 'valid_from'])
    .execute();
  await db.schema
    .createIndex('unit_versions_roots_idx')
    .on('unit_versions')
    .column('valid_from')
    .where(sql.ref('parent_unit_id'), 'is', null)
    .execute();

  await db.schema
    .createTable('unit_successions')
    .addColumn('predecessor_id', 'uuid', (col) => col.notNull().references('units.id').onDelete('cascade'))
    .addColumn('successor_id', 'uuid', (col) => col.notNull().references('units.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('full', 'partial')`))
    .addColumn('effective_on', 'date', (col) => col.notNull())
    .addPrimaryKeyConstraint('unit_successions_pkey', ['predecessor_id', 'successor_id'])
    .execute();
  await db.schema.createIndex('unit_successions_successor_idx').on('unit_successions').column('successor_id').execute();

  await db.schema
    .createTable('unit_contacts')
    .addColumn('unit_id', 'uuid', (col) => col.notNull().references('units.id').onDelete('cascade'))
    .addColumn('role', 'text', (col) => col.notNull().check(sql`role in ('reporter', 'head')`))
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('unit_contacts_pkey', ['unit_id', 'role'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('unit_contacts').execute();
  await db.schema.dropTable('unit_successions').execute();
  await db.schema.dropTable('unit_versions').execute();
  await db.schema.dropTable('units').execute();
}
