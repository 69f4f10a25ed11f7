import { sql, type Kysely } from 'kysely';
import { appendAudit } from './audit-log.repository';
import type { Database } from './schema';
import type { Account, AccountRole } from './tables/account.table';

export type { Account, AccountRole };

/** The account with this username (any case), or undefined. */
export function findAccount(db: Kysely<Database>, username: string): Promise<Account | undefined> {
  return db.selectFrom('accounts').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
}

/**
 * Creates an account, or replaces the password, role and unit of an existing one (an admin resetting a password),
 * with its audit entry, in one transaction. The password hash is never written to the audit log.
 */
export async function saveAccount(
  db: Kysely<Database>,
  account: { username: string; passwordHash: string; role: AccountRole; unitCode: string | null },
  actor: string,
): Promise<'created' | 'updated'> {
  const username = account.username.toLowerCase();
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('accounts')
      .select(['role', 'unit_code', 'disabled'])
      .where('username', '=', username)
      .forUpdate()
      .executeTakeFirst();
    const values = { password_hash: account.passwordHash, role: account.role, unit_code: account.unitCode };
    await trx
      .insertInto('accounts')
      .values({ username, ...values })
      .onConflict((conflict) =>
        conflict.column('username').doUpdateSet({ ...values, disabled: false, updated_at: sql`now()` }),
      )
      .execute();
    await appendAudit(trx, {
      actor,
      action: before ? 'account.update' : 'account.create',
      entityType: 'account',
      entityId: username,
      before,
      after: { role: account.role, unit_code: account.unitCode, disabled: false },
    });
    return before ? 'updated' : 'created';
  });
}
