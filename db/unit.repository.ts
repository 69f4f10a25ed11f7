import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { formatCivilDate, type CivilDate } from '../domain/civil-time';
import { UnitError, UnitIssueCode } from '../domain/units/unit-issue';
import { UNIT_TYPE_LEVELS, type UnitLevel, type UnitType } from '../domain/units/unit-type';
import { formatValidity } from '../domain/units/validity';
import type { Database } from './schema';

/** A unit as it stood on a date: its identity and validity, and the name, type and parent of that day. */
export interface UnitAt {
  id: string;
  code: string;
  name: string;
  type: UnitType;
  parentId: string | null;
  /** The unit's whole validity (not just the version's). */
  validFrom: CivilDate;
  validTo: CivilDate | null;
  source: string;
}

/** A unit (`u`) with one of its versions (`v`), selected as `UnitAt`; dates as text so they stay civil dates. */
export const UNIT_AT_COLUMNS = [
  'u.id',
  'u.code',
  'v.name',
  'v.type',
  'v.parent_unit_id as parentId',
  sql<CivilDate>`to_char(u.valid_from, 'YYYY-MM-DD')`.as('validFrom'),
  sql<CivilDate | null>`to_char(u.valid_to, 'YYYY-MM-DD')`.as('validTo'),
  'u.source',
] as const;

/** `v` (a unit_versions alias) is in force on `date`; versions cover their unit's validity, so the unit is too. */
export function versionValidAt(date: CivilDate) {
  return (eb: ExpressionBuilder<Database & { v: Database['unit_versions'] }, 'v'>) =>
    eb.and([eb('v.valid_from', '<=', date), eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>', date)])]);
}

/** Units joined to their version in force on `date`, selected as `UnitAt`. */
export function selectUnitsAt(db: Kysely<Database>, date: CivilDate) {
  return db
    .selectFrom('unit_versions as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .where(versionValidAt(date))
    .select(UNIT_AT_COLUMNS);
}

/** The unit that has `code` on `date`, or undefined. A code names at most one unit on any date. */
export async function findUnitAt(db: Kysely<Database>, code: string, date: CivilDate): Promise<UnitAt | undefined> {
  return selectUnitsAt(db, date).where('u.code', '=', code).executeTakeFirst();
}

/**
 * Like `findUnitAt`, but throws `UnitError` (UNIT_NOT_FOUND) when no unit has the code on that date; the message
 * says when the code was in force, if ever, so the person can pick a date that works.
 */
export async function getUnitAt(db: Kysely<Database>, code: string, date: CivilDate): Promise<UnitAt> {
  const unit = await findUnitAt(db, code, date);
  if (unit) return unit;
  const others = await listUnitsWithCode(db, code);
  const held = others.map((other) => `"${other.name}" ${formatValidity(other)}`).join('; ');
  throw new UnitError([
    {
      code: UnitIssueCode.notFound,
      message: `không có đơn vị mã ${code} vào ngày ${formatCivilDate(date)}${held ? ` (mã này thuộc: ${held})` : ' (mã này chưa từng được nhập)'}`,
    },
  ]);
}

/** Every unit that ever had `code`, oldest first, each with its last name and type. */
export async function listUnitsWithCode(db: Kysely<Database>, code: string): Promise<UnitAt[]> {
  return db
    .selectFrom('units as u')
    .innerJoin('unit_versions as v', 'v.unit_id', 'u.id')
    .where('u.code', '=', code)
    .where((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '=', eb.ref('u.valid_to'))]))
    .select(UNIT_AT_COLUMNS)
    .orderBy('u.valid_from')
    .execute();
}

/** The roots of the tree on `date` (provinces, and agencies loaded without a parent), by code. */
export async function listRootUnitsAt(db: Kysely<Database>, date: CivilDate): Promise<UnitAt[]> {
  return selectUnitsAt(db, date).where('v.parent_unit_id', 'is', null).orderBy('u.code').execute();
}

/** How many units are in force on `date`, per level and per type. */
export async function countUnitsAt(
  db: Kysely<Database>,
  date: CivilDate,
): Promise<{ byLevel: Record<UnitLevel, number>; byType: Partial<Record<UnitType, number>> }> {
  const rows = await db
    .selectFrom('unit_versions as v')
    .where(versionValidAt(date))
    .select(['v.type', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy('v.type')
    .execute();
  const byLevel: Record<UnitLevel, number> = { province: 0, district: 0, commune: 0, agency: 0 };
  const byType: Partial<Record<UnitType, number>> = {};
  for (const row of rows) {
    byType[row.type] = Number(row.count);
    byLevel[UNIT_TYPE_LEVELS[row.type] ?? 'agency'] += Number(row.count);
  }
  return { byLevel, byType };
}
