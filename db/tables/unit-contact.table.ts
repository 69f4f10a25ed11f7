import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ContactRole } from '../../domain/units/unit-records';
import type { Timestamp } from './timeline-event.table';

/**
 * Who to reach at a unit, one row per role: the reporter (cán bộ đầu mối, who gets reminders) and the head (thủ
 * trưởng, who gets escalations). Kept per unit, not per version: a new reporter replaces the old one, and who was
 * actually sent what is in the notification log.
 */
export interface UnitContactTable {
  unit_id: string;
  role: ContactRole;
  name: string | null;
  email: string | null;
  /** E.164 (`+84912345678`), the number Zalo messages go to. */
  phone: string | null;
  /** The contact's id as a follower of the Official Account (`ZALO_MODE=oa` sends to it); null if not a follower. */
  zalo_user_id: string | null;
  updated_at: Generated<Timestamp>;
}

export type UnitContact = Selectable<UnitContactTable>;
export type NewUnitContact = Insertable<UnitContactTable>;
export type UnitContactUpdate = Updateable<UnitContactTable>;
