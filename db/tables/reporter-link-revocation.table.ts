import type { ColumnType, Insertable, Selectable } from 'kysely';

/** A timestamptz the database fills in (`default now()`), read as a Date. */
type DefaultTimestamp = ColumnType<Date, string | Date | undefined, string | Date>;

/** A reporter's signed link that no longer opens anything, by its `linkId`. */
export interface ReporterLinkRevocationTable {
  link_id: string;
  revoked_by: string;
  reason: string;
  revoked_at: DefaultTimestamp;
}

export type ReporterLinkRevocation = Selectable<ReporterLinkRevocationTable>;
export type NewReporterLinkRevocation = Insertable<ReporterLinkRevocationTable>;
