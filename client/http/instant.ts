import { formatVietnamInstant, type InstantIso } from '../../domain/civil-time';

/**
 * A timestamp from the database (a Date, or the ColumnType Kysely types a defaulted column as) as the API shows
 * instants: ISO-8601 with `+07:00`.
 */
export function instantOf(value: unknown): InstantIso {
  return formatVietnamInstant(value instanceof Date ? value.getTime() : new Date(String(value)).getTime());
}

/** Like `instantOf`, null stays null. */
export function optionalInstantOf(value: unknown): InstantIso | null {
  return value === null || value === undefined ? null : instantOf(value);
}
