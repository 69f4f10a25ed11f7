import { formatCivilDate, type CivilDate } from '../civil-time';

/**
 * A half-open validity period [validFrom, validTo): a unit that ends on 01/07/2025 has validTo `2025-07-01` and is
 * no longer valid on that day, which is the day its successor starts. `validTo` null means open-ended. Civil dates
 * are `YYYY-MM-DD` strings, so they compare correctly as strings.
 */
export interface Validity {
  validFrom: CivilDate;
  validTo: CivilDate | null;
}

export function isValidAt(validity: Validity, date: CivilDate): boolean {
  return validity.validFrom <= date && (validity.validTo === null || date < validity.validTo);
}

export function validitiesOverlap(a: Validity, b: Validity): boolean {
  return (a.validTo === null || b.validFrom < a.validTo) && (b.validTo === null || a.validFrom < b.validTo);
}

/** True when `outer` covers every day of `inner`. */
export function validityCovers(outer: Validity, inner: Validity): boolean {
  if (outer.validFrom > inner.validFrom) return false;
  if (outer.validTo === null) return true;
  return inner.validTo !== null && inner.validTo <= outer.validTo;
}

/** `[a, b)` as a later one of the two ends: null (open) is the latest. */
export function laterEnd(a: CivilDate | null, b: CivilDate | null): CivilDate | null {
  return a === null || b === null ? null : a > b ? a : b;
}

export function earlierEnd(a: CivilDate | null, b: CivilDate | null): CivilDate | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/** `01/03/2025 – 01/07/2025`, or `từ 01/03/2025` when open-ended; the end day is excluded. */
export function formatValidity(validity: Validity): string {
  const from = formatCivilDate(validity.validFrom);
  return validity.validTo === null ? `từ ${from}` : `${from} – ${formatCivilDate(validity.validTo)}`;
}

/** The civil date one day before or after `date` (`days` may be negative). */
export function addDays(date: CivilDate, days: number): CivilDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
