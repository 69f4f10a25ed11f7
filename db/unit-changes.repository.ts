import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { UnitChanges } from '../domain/units/unit-changes';
import { silentProgress, type ImportProgress } from './import/import-progress';
import type { Database } from './schema';

/**
 * Rows per statement. Rows go as one array parameter per column (`insert … select * from unnest($1::uuid[], …)`):
 * a statement costs the same whatever its size, so big batches win — bench/unit-import.ts measures this against
 * Kysely's multi-row `values (…), (…)`, which also hits Postgres's 65,535-parameter limit at ~9,000 rows of 7 columns.
 */
const BATCH = 5000;

type Column = readonly [name: string, pgType: string];

/**
 * Writes an import's changes, in the order the constraints need: versions that go first (so a replacement can
 * reuse their start date), then ends, new units, new versions (their parents exist by then), successions and
 * contacts (an existing contact's empty fields keep their stored value). Call it inside the import's transaction:
 * any failure rolls everything back. Reports rows written to `progress`.
 */
export async function writeUnitChanges(
  db: Kysely<Database>,
  changes: UnitChanges,
  progress: ImportProgress = silentProgress,
): Promise<void> {
  const total =
    changes.deletedVersionIds.size +
    changes.versionEnds.size +
    changes.unitEnds.size +
    changes.createdUnits.length +
    changes.createdVersions.length +
    changes.successions.length +
    changes.contacts.length;
  progress.start(total);
  try {
    const deleted = [...changes.deletedVersionIds];
    for (const ids of batches(deleted)) {
      await sql`delete from unit_versions where id = any(${ids}::uuid[])`.execute(db);
      progress.advance(ids.length);
    }
    await setEnds(db, 'unit_versions', changes.versionEnds, progress);
    await setEnds(db, 'units', changes.unitEnds, progress);
    await insertRows(
      db,
      sql`units (id, code, valid_from, valid_to, source)`,
      [
        ['id', 'uuid'],
        ['code', 'text'],
        ['valid_from', 'date'],
        ['valid_to', 'date'],
        ['source', 'text'],
      ],
      changes.createdUnits.map((unit) => [unit.id, unit.code, unit.validFrom, unit.validTo, unit.source]),
      progress,
    );
    await insertRows(
      db,
      sql`unit_versions (id, unit_id, name, type, parent_unit_id, valid_from, valid_to)`,
      [
        ['id', 'uuid'],
        ['unit_id', 'uuid'],
        ['name', 'text'],
        ['type', 'text'],
        ['parent_unit_id', 'uuid'],
        ['valid_from', 'date'],
        ['valid_to', 'date'],
      ],
      changes.createdVersions.map((v) => [v.id, v.unitId, v.name, v.type, v.parentUnitId, v.validFrom, v.validTo]),
      progress,
    );
    await insertRows(
      db,
      sql`unit_successions (predecessor_id, successor_id, kind, effective_on)`,
      [
        ['predecessor_id', 'uuid'],
        ['successor_id', 'uuid'],
        ['kind', 'text'],
        ['effective_on', 'date'],
      ],
      changes.successions.map((link) => [link.predecessorId, link.successorId, link.kind, link.effectiveOn]),
      progress,
    );
    await insertRows(
      db,
      sql`unit_contacts (unit_id, role, name, email, phone, zalo_user_id)`,
      [
        ['unit_id', 'uuid'],
        ['role', 'text'],
        ['name', 'text'],
        ['email', 'text'],
        ['phone', 'text'],
        ['zalo_user_id', 'text'],
      ],
      changes.contacts.map((contact) => [
        contact.unitId,
        contact.role,
        contact.name,
        contact.email,
        contact.phone,
        contact.zaloUserId,
      ]),
      progress,
      sql`on conflict (unit_id, role) do update set
        name = coalesce(excluded.name, unit_contacts.name),
        email = coalesce(excluded.email, unit_contacts.email),
        phone = coalesce(excluded.phone, unit_contacts.phone),
        zalo_user_id = coalesce(excluded.zalo_user_id, unit_contacts.zalo_user_id),
        updated_at = now()`,
    );
  } finally {
    progress.stop();
  }
}

function* batches<T>(rows: readonly T[]): Generator<T[]> {
  for (let start = 0; start < rows.length; start += BATCH) yield rows.slice(start, start + BATCH);
}

async function insertRows(
  db: Kysely<Database>,
  target: RawBuilder<unknown>,
  columns: readonly Column[],
  rows: ReadonlyArray<readonly unknown[]>,
  progress: ImportProgress,
  onConflict: RawBuilder<unknown> = sql``,
): Promise<void> {
  for (const batch of batches(rows)) {
    const arrays = columns.map(([, pgType], index) => sql`${batch.map((row) => row[index])}::${sql.raw(pgType)}[]`);
    await sql`insert into ${target} select * from unnest(${sql.join(arrays)}) ${onConflict}`.execute(db);
    progress.advance(batch.length);
  }
}

async function setEnds(
  db: Kysely<Database>,
  table: 'units' | 'unit_versions',
  ends: ReadonlyMap<string, string | null>,
  progress: ImportProgress,
): Promise<void> {
  for (const batch of batches([...ends])) {
    const ids = batch.map(([id]) => id);
    const validTos = batch.map(([, validTo]) => validTo);
    await sql`update ${sql.table(table)} as t set valid_to = x.valid_to
      from unnest(${ids}::uuid[], ${validTos}::date[]) as x(id, valid_to) where t.id = x.id`.execute(db);
    progress.advance(batch.length);
  }
}
