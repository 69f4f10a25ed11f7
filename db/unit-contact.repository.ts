import type { Kysely } from 'kysely';
import type { UnitContactRecord } from '../domain/units/unit-records';
import type { Database } from './schema';

/** The unit's contacts (reporter first, then head); empty when none were loaded. */
export async function listUnitContacts(db: Kysely<Database>, unitId: string): Promise<UnitContactRecord[]> {
  const rows = await db
    .selectFrom('unit_contacts')
    .where('unit_id', '=', unitId)
    .select(['unit_id as unitId', 'role', 'name', 'email', 'phone'])
    .execute();
  return rows.sort((a, b) => (a.role === b.role ? 0 : a.role === 'reporter' ? -1 : 1));
}
