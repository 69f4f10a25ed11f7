import type { Kysely } from 'kysely';
import { findUnitAt, type UnitAt } from '../../db/unit.repository';
import { listChildUnitsAt } from '../../db/unit-tree.repository';
import { listContactsOfUnits } from '../../db/unit-contact.repository';
import type { Database } from '../../db/schema';
import type { CivilDate } from '../../domain/civil-time';
import type { PlanFile } from '../../domain/plan/plan-schema';
import { isLastScopeLevel } from '../../domain/plan/scope-levels';
import { parseUnitType } from '../../domain/units/unit-type';
import { unitContactsOf, type UnitContacts } from './get-unit-contacts';

export interface ReportingUnit {
  id: string;
  code: string;
  name: string;
  /** The first day the unit is no longer in force (a merge, a split), when it ends. */
  validTo?: CivilDate | null;
  /** Its reporter and head, read with the list (one query for all), so its workflow need not ask again. */
  contacts?: UnitContacts;
}

export interface ListReportingUnitsInput {
  scope: PlanFile['scope'];
  /** The unit whose reporters are wanted; undefined for the plan owner's (the top level). */
  parentUnitId?: string;
  /** The parent's level (−1 for the owner): its children report at level depth + 1. */
  depth: number;
  /** The tree in force on this date: the milestone's opening day. */
  date: CivilDate;
  /** The plan owner, never its own reporter even when a selector covers it (a Sở Nội vụ under its province). */
  ownerCode: string;
}

/**
 * The units that report to a node of a milestone's tree, as the unit tree stood on `date`. For the owner: every
 * unit the plan's scope selects (`unit`, `children_of` with optional types, `subtree` → the subtree's first level);
 * for a unit at a level above the plan's last: its children that day. The owner itself never reports. Unknown codes are skipped here (the plan was
 * checked when loaded; a unit that has since ended simply does not report). Sorted by code, each with its contacts.
 */
export function listReportingUnitsActivity(db: Kysely<Database>) {
  return async function listReportingUnits(input: ListReportingUnitsInput): Promise<ReportingUnit[]> {
    const { scope, date } = input;
    if (isLastScopeLevel(scope, input.depth)) return [];
    const found = new Map<string, UnitAt>();
    if (input.parentUnitId) {
      for (const unit of await listChildUnitsAt(db, input.parentUnitId, date)) found.set(unit.id, unit);
    } else {
      for (const selector of scope.units) {
        if ('unit' in selector) {
          const unit = await findUnitAt(db, selector.unit, date);
          if (unit) found.set(unit.id, unit);
          continue;
        }
        const code = 'children_of' in selector ? selector.children_of : selector.subtree;
        const parent = await findUnitAt(db, code, date);
        if (!parent) continue;
        const types = selector.types?.map(parseUnitType);
        for (const unit of await listChildUnitsAt(db, parent.id, date)) {
          if (!types || types.includes(unit.type)) found.set(unit.id, unit);
        }
      }
    }
    const reporters = [...found.values()].filter((unit) => unit.code !== input.ownerCode);
    const contacts = await listContactsOfUnits(
      db,
      reporters.map((unit) => unit.id),
    );
    return reporters
      .map((unit) => ({
        id: unit.id,
        code: unit.code,
        name: unit.name,
        validTo: unit.validTo,
        contacts: unitContactsOf(contacts.get(unit.id) ?? []),
      }))
      .sort((a, b) => a.code.localeCompare(b.code));
  };
}
