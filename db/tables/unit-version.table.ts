import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';
import type { UnitType } from '../../domain/units/unit-type';
import type { CivilDateColumn } from './unit.table';

/**
 * What a unit is called, its type and its parent over part of its life [valid_from, valid_to). A unit's versions
 * follow each other without gap and cover its validity; the tree on a date is the versions valid that day.
 */
export interface UnitVersionTable {
  id: string;
  unit_id: string;
  name: string;
  type: UnitType;
  /** The parent unit (an identity, so a renamed parent keeps its children); null for a root. */
  parent_unit_id: string | null;
  valid_from: CivilDateColumn;
  valid_to: ColumnType<string | null, string | null, string | null>;
}

export type UnitVersion = Selectable<UnitVersionTable>;
export type NewUnitVersion = Insertable<UnitVersionTable>;
export type UnitVersionUpdate = Updateable<UnitVersionTable>;
