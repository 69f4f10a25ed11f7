import { sql, type Kysely } from 'kysely';
import type { CivilDate } from '../domain/civil-time';
import type { Database } from './schema';
import { selectUnitsAt, versionValidAt, type UnitAt } from './unit.repository';

/** A unit in a subtree, with its depth below the subtree's root (0 for the root) and its codes from the root. */
export interface UnitInTree extends UnitAt {
  depth: number;
  path: string[];
}

/** A guard against a cycle in corrupt data; the real tree is 3–5 levels deep. */
const MAX_DEPTH = 64;

/** The unit's children on `date`, by code. */
export async function listChildUnitsAt(db: Kysely<Database>, unitId: string, date: CivilDate): Promise<UnitAt[]> {
  return selectUnitsAt(db, date).where('v.parent_unit_id', '=', unitId).orderBy('u.code').execute();
}

/**
 * The unit and everything below it on `date`, in one recursive query (WITH RECURSIVE over the versions in force
 * that day), in tree order: each unit followed by its subtree, siblings by code. Empty when the unit is not in force
 * on that date.
 */
export async function listSubtreeAt(db: Kysely<Database>, unitId: string, date: CivilDate): Promise<UnitInTree[]> {
  return db
    .withRecursive('tree(id, depth, path)', (qb) =>
      qb
        .selectFrom('unit_versions as v')
        .innerJoin('units as u', 'u.id', 'v.unit_id')
        .where('v.unit_id', '=', unitId)
        .where(versionValidAt(date))
        .select(['v.unit_id as id', sql<number>`0`.as('depth'), sql<string[]>`array[u.code]`.as('path')])
        .unionAll((step) =>
          step
            .selectFrom('unit_versions as v')
            .innerJoin('tree', 'tree.id', 'v.parent_unit_id')
            .innerJoin('units as u', 'u.id', 'v.unit_id')
            .where(versionValidAt(date))
            .where('tree.depth', '<', MAX_DEPTH)
            .select([
              'v.unit_id as id',
              sql<number>`tree.depth + 1`.as('depth'),
              sql<string[]>`tree.path || u.code`.as('path'),
            ]),
        ),
    )
    .selectFrom('tree')
    .innerJoin(selectUnitsAt(db, date).as('at'), 'at.id', 'tree.id')
    .selectAll('at')
    .select(['tree.depth', 'tree.path'])
    .orderBy('tree.path')
    .execute();
}

/** The unit's ancestors on `date`, from the root down to its parent; one recursive query. */
export async function listAncestorsAt(db: Kysely<Database>, unitId: string, date: CivilDate): Promise<UnitAt[]> {
  const rows = await db
    .withRecursive('chain(id, height)', (qb) =>
      qb
        .selectFrom('unit_versions as v')
        .where('v.unit_id', '=', unitId)
        .where(versionValidAt(date))
        .where('v.parent_unit_id', 'is not', null)
        .select([sql<string>`v.parent_unit_id`.as('id'), sql<number>`1`.as('height')])
        .unionAll((step) =>
          step
            .selectFrom('unit_versions as v')
            .innerJoin('chain', 'chain.id', 'v.unit_id')
            .where(versionValidAt(date))
            .where('v.parent_unit_id', 'is not', null)
            .where('chain.height', '<', MAX_DEPTH)
            .select([sql<string>`v.parent_unit_id`.as('id'), sql<number>`chain.height + 1`.as('height')]),
        ),
    )
    .selectFrom('chain')
    .innerJoin(selectUnitsAt(db, date).as('at'), 'at.id', 'chain.id')
    .selectAll('at')
    .orderBy('chain.height', 'desc')
    .execute();
  return rows;
}
