import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';
import type { ZaloToken, ZaloTokenUpdate } from './tables/zalo-token.table';

/** The current token pair of a Zalo app, without a lock; undefined when none was stored. */
export async function findZaloToken(db: Kysely<Database>, appId: string): Promise<ZaloToken | undefined> {
  return db.selectFrom('zalo_tokens').selectAll().where('app_id', '=', appId).executeTakeFirst();
}

/**
 * Stores the first refresh token of an app (from configuration), with no access token yet, so the first send
 * refreshes. Does nothing when the app already has a row: the stored pair is newer than any configured one.
 */
export async function seedZaloToken(db: Kysely<Database>, appId: string, refreshToken: string): Promise<void> {
  await db
    .insertInto('zalo_tokens')
    .values({
      app_id: appId,
      access_token: '',
      refresh_token: refreshToken,
      access_expires_at: new Date(0),
    })
    .onConflict((conflict) => conflict.column('app_id').doNothing())
    .execute();
}

/**
 * Runs `decide` with the app's token row locked (`select … for update`) and writes what it returns. Concurrent
 * callers, in this process or another worker, wait on the lock and then see the row the winner wrote, so a refresh
 * token is used once. Throws when the app has no row (seed it first).
 */
export async function withLockedZaloToken(
  db: Kysely<Database>,
  appId: string,
  decide: (row: ZaloToken, trx: Transaction<Database>) => Promise<ZaloTokenUpdate | undefined>,
): Promise<ZaloToken> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('zalo_tokens')
      .selectAll()
      .where('app_id', '=', appId)
      .forUpdate()
      .executeTakeFirstOrThrow(() => new Error(`ZALO_TOKEN_MISSING: chưa có token Zalo cho ứng dụng ${appId}`));
    const update = await decide(row, trx);
    if (!update) return row;
    return trx
      .updateTable('zalo_tokens')
      .set({ ...update, updated_at: sql`now()` })
      .where('app_id', '=', appId)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}
