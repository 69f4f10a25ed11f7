import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A timestamptz the database fills in (`default now()`), read as a Date. */
type DefaultTimestamp = ColumnType<Date, string | Date | undefined, string | Date>;

export const AccountRole = { admin: 'admin', leader: 'leader' } as const;
export type AccountRole = (typeof AccountRole)[keyof typeof AccountRole];

/** A local account: Sở Nội vụ staff (admin) or a leader (read-only, scoped to the subtree of `unit_code`). */
export interface AccountTable {
  username: string;
  /** `scrypt$N$r$p$salt$hash` (client/http/auth/password-hash.ts); never the password. */
  password_hash: string;
  role: AccountRole;
  /** The root of a leader's subtree; null for an admin. */
  unit_code: string | null;
  disabled: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export type Account = Selectable<AccountTable>;
export type NewAccount = Insertable<AccountTable>;
export type AccountUpdate = Updateable<AccountTable>;
