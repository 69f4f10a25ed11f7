import { sql, type Kysely } from 'kysely';
import type { CivilDate } from '../domain/civil-time';
import type { SuccessionKind } from '../domain/units/unit-records';
import type { Database } from './schema';
import { selectUnitsAt, UNIT_AT_COLUMNS, type UnitAt } from './unit.repository';

export interface SuccessorAt extends UnitAt {
  /** `full` when all of the unit went there along some chain of links, `partial` otherwise. */
  kind: SuccessionKind;
  /** When the (last) link took effect. */
  effectiveOn: CivilDate;
}

export interface SuccessionLink {
  unit: UnitAt;
  kind: SuccessionKind;
  effectiveOn: CivilDate;
}

/** Successive reforms chain links (old commune → 2025 commune → a later one); a guard against corrupt cycles. */
const MAX_HOPS = 16;

/**
 * Where a unit went: the units in force on `date` that took it over, following succession links that took effect
 * by then through any units that have themselves ended, in one recursive query. This is where a unit's open
 * obligations move after a merge or a split: one `full` successor takes everything; several `partial` ones need a
 * person's choice. Empty when the unit has no successor by that date (it is still in force, or it just ended).
 */
export async function listSuccessorsAt(db: Kysely<Database>, unitId: string, date: CivilDate): Promise<SuccessorAt[]> {
  return db
    .withRecursive('chain(id, full, effective_on, hops)', (qb) =>
      qb
        .selectFrom('unit_successions as s')
        .where('s.predecessor_id', '=', unitId)
        .where('s.effective_on', '<=', date)
        .select([
          's.successor_id as id',
          sql<boolean>`s.kind = 'full'`.as('full'),
          's.effective_on',
          sql<number>`1`.as('hops'),
        ])
        .unionAll((step) =>
          step
            .selectFrom('unit_successions as s')
            .innerJoin('chain', 'chain.id', 's.predecessor_id')
            .where('s.effective_on', '<=', date)
            .where('chain.hops', '<', MAX_HOPS)
            .select([
              's.successor_id as id',
              sql<boolean>`chain.full and s.kind = 'full'`.as('full'),
              's.effective_on',
              sql<number>`chain.hops + 1`.as('hops'),
            ]),
        ),
    )
    .selectFrom('chain')
    .innerJoin(selectUnitsAt(db, date).as('at'), 'at.id', 'chain.id')
    .groupBy(['at.id', 'at.code', 'at.name', 'at.type', 'at.parentId', 'at.validFrom', 'at.validTo', 'at.source'])
    .selectAll('at')
    .select([
      sql<SuccessionKind>`case when bool_or(chain.full) then 'full' else 'partial' end`.as('kind'),
      sql<CivilDate>`to_char(max(chain.effective_on), 'YYYY-MM-DD')`.as('effectiveOn'),
    ])
    .orderBy('at.code')
    .execute();
}

/** The unit's direct successors (whatever their validity), each as it stood on the link's effective date. */
export async function listSuccessors(db: Kysely<Database>, unitId: string): Promise<SuccessionLink[]> {
  return links(db, 'predecessor_id', 'successor_id', unitId);
}

/** The units the given one took over directly, each as it stood the day before the link took effect. */
export async function listPredecessors(db: Kysely<Database>, unitId: string): Promise<SuccessionLink[]> {
  return links(db, 'successor_id', 'predecessor_id', unitId);
}

async function links(
  db: Kysely<Database>,
  from: 'predecessor_id' | 'successor_id',
  to: 'predecessor_id' | 'successor_id',
  unitId: string,
): Promise<SuccessionLink[]> {
  const rows = await db
    .selectFrom('unit_successions as s')
    .innerJoin('units as u', 'u.id', `s.${to}`)
    .innerJoin('unit_versions as v', (join) =>
      join.onRef('v.unit_id', '=', 'u.id').on((eb) =>
        // The successor as it started; the predecessor as it was on its last day.
        to === 'successor_id'
          ? eb('v.valid_from', '<=', eb.ref('s.effective_on')).and(
              eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>', eb.ref('s.effective_on'))]),
            )
          : eb('v.valid_from', '<', eb.ref('s.effective_on')).and(
              eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>=', eb.ref('s.effective_on'))]),
            ),
      ),
    )
    .where(`s.${from}`, '=', unitId)
    .select([...UNIT_AT_COLUMNS, 's.kind', sql<CivilDate>`to_char(s.effective_on, 'YYYY-MM-DD')`.as('effectiveOn')])
    .orderBy('u.code')
    .execute();
  return rows.map(({ kind, effectiveOn, ...unit }) => ({ unit, kind, effectiveOn }));
}
