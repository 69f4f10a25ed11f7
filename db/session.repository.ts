import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';
import type { Account } from './tables/account.table';

/** Records a new session under the hash of its token, expiring at `expiresAt`. */
export async function createSession(
  db: Kysely<Database>,
  session: { tokenHash: string; username: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ token_hash: session.tokenHash, username: session.username, expires_at: session.expiresAt })
    .execute();
}

/**
 * The account behind a session token's hash, when the session has not expired and the account is not disabled;
 * undefined otherwise.
 */
export function findSessionAccount(db: Kysely<Database>, tokenHash: string): Promise<Account | undefined> {
  return db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.username', 's.username')
    .selectAll('a')
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('a.disabled', '=', false)
    .executeTakeFirst();
}

/** Ends a session (logout); ending one that does not exist is fine. Also removes every expired session. */
export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('token_hash', '=', tokenHash), eb('expires_at', '<=', sql<Date>`now()`)]))
    .execute();
}
