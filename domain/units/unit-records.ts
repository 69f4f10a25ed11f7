import type { CivilDate } from '../civil-time';
import type { UnitType } from './unit-type';
import type { Validity } from './validity';

/**
 * A unit's identity: one official code over one validity period. Codes are reused (commune 00004 was Phường Trúc
 * Bạch until 01/07/2025 and is Phường Ba Đình since), so the code alone never identifies a unit; `id` does, and
 * everything that belongs to a unit (contacts, obligations, submissions) points at `id`.
 */
export interface UnitRecord extends Validity {
  id: string;
  code: string;
  /** The import that created it: `dvhcvn`, `reform`, `csv`. */
  source: string;
}

/**
 * What a unit is called, what kind it is and where it sits, over part of its life. A unit's versions are contiguous
 * and cover its validity exactly; a rename or a move to another parent is a new version of the same unit, so records
 * pointing at the unit keep pointing at it.
 */
export interface UnitVersionRecord extends Validity {
  id: string;
  unitId: string;
  name: string;
  type: UnitType;
  parentUnitId: string | null;
}

export const SuccessionKind = {
  /** The whole predecessor went into the successor. */
  full: 'full',
  /** Part of the predecessor went into the successor (it was split between several). */
  partial: 'partial',
} as const;
export type SuccessionKind = (typeof SuccessionKind)[keyof typeof SuccessionKind];

/** Predecessor → successor from a date: a merge, a split or a re-creation. */
export interface UnitSuccessionRecord {
  predecessorId: string;
  successorId: string;
  kind: SuccessionKind;
  effectiveOn: CivilDate;
}

export const ContactRole = {
  /** The officer who sends the unit's reports (cán bộ đầu mối). */
  reporter: 'reporter',
  /** The unit's head (thủ trưởng), to whom escalations go. */
  head: 'head',
} as const;
export type ContactRole = (typeof ContactRole)[keyof typeof ContactRole];

export interface UnitContactRecord {
  unitId: string;
  role: ContactRole;
  name: string | null;
  email: string | null;
  /** E.164, e.g. `+84912345678`: the number Zalo messages go to. */
  phone: string | null;
  /** The contact's Zalo user id as a follower of the Official Account (OA messages go to it), when known. */
  zaloUserId: string | null;
}
