import type { Kysely } from 'kysely';
import type { UnitContactRecord } from '../domain/units/unit-records';
import type { Database } from './schema';

/** The unit's contacts (reporter first, then head); empty when none were loaded. */
export async function listUnitContacts(db: Kysely<Database>, unitId: string): Promise<UnitContactRecord[]> {
  return (await listContactsOfUnits(db, [unitId])).get(unitId) ?? [];
}

/** The contacts of several units in one query, by unit id (reporter first, then head); a unit without any is absent. */
export async function listContactsOfUnits(
  db: Kysely<Database>,
  unitIds: readonly string[],
): Promise<Map<string, UnitContactRecord[]>> {
  const byUnit = new Map<string, UnitContactRecord[]>();
  if (unitIds.length === 0) return byUnit;
  const rows = await db
    .selectFrom('unit_contacts')
    .where('unit_id', 'in', unitIds)
    .select(['unit_id as unitId', 'role', 'name', 'email', 'phone', 'zalo_user_id as zaloUserId'])
    .execute();
  for (const row of rows.sort((a, b) => (a.role === b.role ? 0 : a.role === 'reporter' ? -1 : 1))) {
    byUnit.set(row.unitId, [...(byUnit.get(row.unitId) ?? []), row]);
  }
  return byUnit;
}

/**
 * The Zalo user id of the Official Account follower behind a phone number (E.164, `+84912345678`), from the
 * contacts that carry one; undefined when no contact with that number follows the OA. A number shared by several
 * contacts (one person reporting for two units) takes the most recently updated id.
 */
export async function findZaloFollower(db: Kysely<Database>, phone: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('unit_contacts')
    .select('zalo_user_id')
    .where('phone', '=', phone)
    .where('zalo_user_id', 'is not', null)
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.zalo_user_id ?? undefined;
}
