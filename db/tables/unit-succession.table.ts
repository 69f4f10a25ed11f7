import type { Insertable, Selectable, Updateable } from 'kysely';
import type { SuccessionKind } from '../../domain/units/unit-records';
import type { CivilDateColumn } from './unit.table';

/**
 * Predecessor → successor from `effective_on`: where an old unit's open obligations go after a merge or a split.
 * `full`: all of the predecessor went there; `partial`: part of it (an old commune split between new ones has one
 * `partial` link per new commune).
 */
export interface UnitSuccessionTable {
  predecessor_id: string;
  successor_id: string;
  kind: SuccessionKind;
  effective_on: CivilDateColumn;
}

export type UnitSuccession = Selectable<UnitSuccessionTable>;
export type NewUnitSuccession = Insertable<UnitSuccessionTable>;
export type UnitSuccessionUpdate = Updateable<UnitSuccessionTable>;
