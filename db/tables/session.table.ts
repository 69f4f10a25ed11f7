import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { Timestamp } from './timeline-event.table';

/** A timestamptz the database fills in (`default now()`), read as a Date. */
type DefaultTimestamp = ColumnType<Date, string | Date | undefined, string | Date>;

/** A login session: the SHA-256 of its random token (the token itself is only in the browser's cookie). */
export interface SessionTable {
  token_hash: string;
  username: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
}

export type Session = Selectable<SessionTable>;
export type NewSession = Insertable<SessionTable>;
