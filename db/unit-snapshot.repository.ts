import { sql, type Kysely } from 'kysely';
import type { CivilDate } from '../domain/civil-time';
import { buildUnitSnapshot, type UnitSnapshot } from '../domain/units/unit-snapshot';
import type { Database } from './schema';

/**
 * Every stored unit and version, for an import to check its changes against the whole tree (about 25,000 rows of
 * each once the national tree and the 2025 reform are loaded: a few hundred milliseconds). Call it inside the
 * import's transaction, after taking the import lock, so that what it checks is what it writes over.
 */
export async function loadUnitSnapshot(db: Kysely<Database>): Promise<UnitSnapshot> {
  const [units, versions] = await Promise.all([
    db
      .selectFrom('units')
      .select([
        'id',
        'code',
        'source',
        sql<CivilDate>`to_char(valid_from, 'YYYY-MM-DD')`.as('validFrom'),
        sql<CivilDate | null>`to_char(valid_to, 'YYYY-MM-DD')`.as('validTo'),
      ])
      .execute(),
    db
      .selectFrom('unit_versions')
      .select([
        'id',
        'unit_id as unitId',
        'name',
        'type',
        'parent_unit_id as parentUnitId',
        sql<CivilDate>`to_char(valid_from, 'YYYY-MM-DD')`.as('validFrom'),
        sql<CivilDate | null>`to_char(valid_to, 'YYYY-MM-DD')`.as('validTo'),
      ])
      .execute(),
  ]);
  return buildUnitSnapshot(units, versions);
}
