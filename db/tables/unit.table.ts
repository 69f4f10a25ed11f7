import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Timestamp } from './timeline-event.table';
import type { UnitContactTable } from './unit-contact.table';
import type { UnitSuccessionTable } from './unit-succession.table';
import type { UnitVersionTable } from './unit-version.table';

/**
 * A `date` column holding a civil date (`2025-07-01`). `pg` would parse a date into a JS Date at local midnight, so
 * the repositories select these columns as text (`to_char(…, 'YYYY-MM-DD')`) and they stay civil dates.
 */
export type CivilDateColumn = ColumnType<string, string, string>;

/**
 * A unit's identity: an official code over one validity period [valid_from, valid_to). The code alone is not an
 * identity because codes are reused — the reform of 01/07/2025 gave the new Phường Ba Đình the code 00004 of the
 * old Phường Trúc Bạch, and kept province codes for new, merged provinces — so everything that belongs to a unit
 * (versions, contacts, successions, and the plans' obligations and submissions) references the surrogate `id`.
 *
 * Why identity + versions rather than one row per version: a rename, or a phòng moving under another ban, is a new
 * row in `unit_versions` while `units.id` stays, so obligations and submissions of a running five-year cycle keep
 * pointing at the same unit; a parent is a unit, not a version, so renaming a province does not rewrite its 10,000
 * communes. A change of identity (a merge, a split, a code given to a new unit) is a new `units` row and a link in
 * `unit_successions`. Invariants, checked by domain/units/validate-unit-tree.ts before every import writes:
 * at most one unit per code at any date; a unit's versions are contiguous and cover its validity; a version's
 * parent is valid throughout the version; no cycles. `unique (code, valid_from)` backs the first in the database.
 */
export interface UnitTable {
  id: string;
  code: string;
  valid_from: CivilDateColumn;
  /** First day no longer in force; null while open-ended. */
  valid_to: ColumnType<string | null, string | null, string | null>;
  /** The import that created it: `dvhcvn`, `reform`, `csv`. */
  source: string;
  created_at: Generated<Timestamp>;
}

export type Unit = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;

/** The unit tables, as `Database` (db/schema.ts) includes them. */
export interface UnitTables {
  units: UnitTable;
  unit_versions: UnitVersionTable;
  unit_successions: UnitSuccessionTable;
  unit_contacts: UnitContactTable;
}
