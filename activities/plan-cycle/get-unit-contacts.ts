import type { Kysely } from 'kysely';
import { findUnitAt } from '../../db/unit.repository';
import { listUnitContacts } from '../../db/unit-contact.repository';
import type { Database } from '../../db/schema';
import type { CivilDate } from '../../domain/civil-time';
import type { UnitContactRecord } from '../../domain/units/unit-records';

export interface Contact {
  name: string;
  email?: string;
  phone?: string;
}

export interface UnitContacts {
  reporter?: Contact;
  head?: Contact;
}

/**
 * A unit's reporter and head (cán bộ báo cáo, thủ trưởng), as loaded from its contacts; either may be missing, and
 * both are when no unit has the code on the date. By id, or by code on a date (the plan owner is named by code).
 */
export function getUnitContactsActivity(db: Kysely<Database>) {
  return async function getUnitContacts(
    input: { unitId: string } | { unitCode: string; date: CivilDate },
  ): Promise<UnitContacts> {
    const unitId = 'unitId' in input ? input.unitId : (await findUnitAt(db, input.unitCode, input.date))?.id;
    return unitContactsOf(unitId ? await listUnitContacts(db, unitId) : []);
  };
}

/** A unit's contact rows as the workflows carry them: its reporter and its head. */
export function unitContactsOf(rows: readonly UnitContactRecord[]): UnitContacts {
  const contacts: UnitContacts = {};
  for (const row of rows) {
    const contact: Contact = {
      name: row.name ?? '',
      ...(row.email ? { email: row.email } : {}),
      ...(row.phone ? { phone: row.phone } : {}),
    };
    if (row.role === 'reporter') contacts.reporter = contact;
    else contacts.head = contact;
  }
  return contacts;
}
