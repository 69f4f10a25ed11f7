import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';
import type { NewNotificationLog, NotificationLog } from './tables/notification-log.table';

export interface DeliveryClaim {
  /** The row as it is now: claimed for this attempt, or left as another attempt made it. */
  row: NotificationLog;
  /** True when this caller may send now; false when it is sent, failed, deferred and not due, or in flight. */
  claimed: boolean;
}

export interface ClaimOptions {
  /** The workflow's business time: a deferred delivery is due when its `retry_at` is not after it. */
  businessNow: string;
  /** How long an attempt in flight holds the row before another may take it over (a worker that died). */
  leaseSeconds: number;
}

/**
 * Claims a delivery before it is sent: inserts its row as `sending`, or takes over an existing row that is
 * `pending`, `deferred` and due, or `sending` with an expired lease (an attempt whose worker died), counting the
 * attempt. This write is committed before the provider is called, so a crash after it leaves a trace and the retry
 * resends with the same Message-ID/tracking_id. One statement, so two workers racing for the same key cannot both win.
 */
export async function claimDelivery(
  db: Kysely<Database>,
  delivery: NewNotificationLog,
  { businessNow, leaseSeconds }: ClaimOptions,
): Promise<DeliveryClaim> {
  const claimed = await db
    .insertInto('notification_log')
    .values({ ...delivery, status: 'sending', attempts: 1, sending_since: sql`now()` })
    .onConflict((conflict) =>
      conflict
        .column('delivery_key')
        .doUpdateSet({
          status: 'sending',
          attempts: sql<number>`notification_log.attempts + 1`,
          sending_since: sql`now()`,
          updated_at: sql`now()`,
        })
        .where((eb) =>
          eb.or([
            eb('notification_log.status', '=', 'pending'),
            eb.and([
              eb('notification_log.status', '=', 'deferred'),
              eb.or([
                eb('notification_log.retry_at', 'is', null),
                eb('notification_log.retry_at', '<=', new Date(businessNow)),
              ]),
            ]),
            eb.and([
              eb('notification_log.status', '=', 'sending'),
              eb('notification_log.sending_since', '<', sql<Date>`now() - ${leaseSeconds} * interval '1 second'`),
            ]),
          ]),
        ),
    )
    .returningAll()
    .executeTakeFirst();
  if (claimed) return { row: claimed, claimed: true };
  return { row: await getDelivery(db, delivery.delivery_key), claimed: false };
}

/**
 * Records that a delivery waits (quiet hours, a quota) without sending: inserts the row as `deferred`, or defers a
 * `pending`/`deferred` one. A row already sent, failed or in flight is left alone and returned as it is.
 */
export async function deferDelivery(
  db: Kysely<Database>,
  delivery: NewNotificationLog,
  { retryAt, reason, errorCode }: { retryAt: string; reason: string; errorCode?: string },
): Promise<NotificationLog> {
  const deferred = await db
    .insertInto('notification_log')
    .values({ ...delivery, status: 'deferred', retry_at: retryAt, reason, error_code: errorCode ?? null })
    .onConflict((conflict) =>
      conflict
        .column('delivery_key')
        .doUpdateSet({ status: 'deferred', retry_at: retryAt, reason, updated_at: sql`now()` })
        .where('notification_log.status', 'in', ['pending', 'deferred']),
    )
    .returningAll()
    .executeTakeFirst();
  return deferred ?? getDelivery(db, delivery.delivery_key);
}

/** Records the provider's acceptance: `sent`, with its message id. Written right after the provider answered. */
export async function markDeliverySent(
  db: Kysely<Database>,
  deliveryKey: string,
  { providerMessageId }: { providerMessageId: string | null },
): Promise<NotificationLog> {
  return db
    .updateTable('notification_log')
    .set({
      status: 'sent',
      provider_message_id: providerMessageId,
      sent_at: sql`now()`,
      sending_since: null,
      retry_at: null,
      updated_at: sql`now()`,
    })
    .where('delivery_key', '=', deliveryKey)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Records a permanent failure ("không gửi được") with the provider's raw code and the reason in Vietnamese. */
export async function markDeliveryFailed(
  db: Kysely<Database>,
  deliveryKey: string,
  { errorCode, reason }: { errorCode: string | null; reason: string },
): Promise<NotificationLog> {
  return db
    .updateTable('notification_log')
    .set({ status: 'failed', error_code: errorCode, reason, sending_since: null, updated_at: sql`now()` })
    .where('delivery_key', '=', deliveryKey)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Records that a claimed delivery must wait until `retryAt` (a quota, a rate limit). */
export async function markDeliveryDeferred(
  db: Kysely<Database>,
  deliveryKey: string,
  { retryAt, errorCode, reason }: { retryAt: string; errorCode: string | null; reason: string },
): Promise<NotificationLog> {
  return db
    .updateTable('notification_log')
    .set({
      status: 'deferred',
      retry_at: retryAt,
      error_code: errorCode,
      reason,
      sending_since: null,
      updated_at: sql`now()`,
    })
    .where('delivery_key', '=', deliveryKey)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Gives a claimed delivery back after a transient error (a timeout, a 4xx from SMTP, a 5xx from Zalo): `pending`
 * with the error noted, so the activity's retry claims it again at once.
 */
export async function releaseDelivery(
  db: Kysely<Database>,
  deliveryKey: string,
  { errorCode, reason }: { errorCode: string | null; reason: string },
): Promise<void> {
  await db
    .updateTable('notification_log')
    .set({ status: 'pending', error_code: errorCode, reason, sending_since: null, updated_at: sql`now()` })
    .where('delivery_key', '=', deliveryKey)
    .where('status', '=', 'sending')
    .execute();
}

/**
 * Renews the lease of deliveries an attempt holds (still `sending`): while the attempt lives, another cannot take
 * them over; once it dies, they are free a lease after its last renewal.
 */
export async function renewDeliveryLeases(db: Kysely<Database>, deliveryKeys: readonly string[]): Promise<void> {
  if (deliveryKeys.length === 0) return;
  await db
    .updateTable('notification_log')
    .set({ sending_since: sql`now()` })
    .where('delivery_key', 'in', deliveryKeys)
    .where('status', '=', 'sending')
    .execute();
}

/** The row of a delivery key, or undefined. */
export async function findDelivery(db: Kysely<Database>, deliveryKey: string): Promise<NotificationLog | undefined> {
  return db.selectFrom('notification_log').selectAll().where('delivery_key', '=', deliveryKey).executeTakeFirst();
}

/** The row of a delivery key; throws when absent. */
export async function getDelivery(db: Kysely<Database>, deliveryKey: string): Promise<NotificationLog> {
  return db
    .selectFrom('notification_log')
    .selectAll()
    .where('delivery_key', '=', deliveryKey)
    .executeTakeFirstOrThrow();
}

/** Every delivery of one notification (all channels and addresses), oldest first. */
export async function listDeliveries(db: Kysely<Database>, idempotencyKey: string): Promise<NotificationLog[]> {
  return db
    .selectFrom('notification_log')
    .selectAll()
    .where('idempotency_key', '=', idempotencyKey)
    .orderBy('created_at')
    .orderBy('channel')
    .execute();
}

/** The dashboard's "không gửi được": permanent failures of a plan, newest first, with their reasons. */
export async function listUndeliverable(
  db: Kysely<Database>,
  planCode: string,
  limit = 200,
): Promise<NotificationLog[]> {
  return db
    .selectFrom('notification_log')
    .selectAll()
    .where('plan_code', '=', planCode)
    .where('status', '=', 'failed')
    .orderBy('updated_at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Zalo messages sent since `sentSince` that have no receipt yet, the least recently checked first (never checked
 * before all others), at most `limit`; each is stamped `receipt_checked_at = checkedAt` as it is handed out, so the
 * next check moves on to others and a message Zalo never reports cannot hold the queue.
 */
export async function takeAwaitingReceipt(
  db: Kysely<Database>,
  options: { sentSince: Date; checkedAt: Date; limit: number },
): Promise<NotificationLog[]> {
  const due = db
    .selectFrom('notification_log')
    .select('id')
    .where('channel', '=', 'zalo')
    .where('status', '=', 'sent')
    .where('delivered_at', 'is', null)
    .where('provider_message_id', 'is not', null)
    .where('sent_at', '>=', options.sentSince)
    .orderBy(sql`receipt_checked_at asc nulls first`)
    .orderBy('sent_at')
    .limit(options.limit);
  return db
    .updateTable('notification_log')
    .set({ receipt_checked_at: options.checkedAt })
    .where('id', 'in', due)
    .returningAll()
    .execute();
}

/**
 * Records a Zalo receipt against its delivery, found by `msg_id` or by our `tracking_id`. A later, lesser receipt
 * never overwrites a `seen`. Returns how many rows it matched (0 for a message we did not send).
 */
export async function recordDeliveryReceipt(
  db: Kysely<Database>,
  match: { msgId?: string | undefined; trackingId?: string | undefined },
  receipt: { status: 'received' | 'seen'; at: string | Date },
): Promise<number> {
  if (!match.msgId && !match.trackingId) return 0;
  const result = await db
    .updateTable('notification_log')
    .set({ delivery_status: receipt.status, delivered_at: receipt.at, updated_at: sql`now()` })
    .where('channel', '=', 'zalo')
    .where((eb) =>
      eb.or([
        ...(match.msgId ? [eb('provider_message_id', '=', match.msgId)] : []),
        ...(match.trackingId ? [eb('message_id', '=', match.trackingId)] : []),
      ]),
    )
    .where((eb) => eb.or([eb('delivery_status', 'is', null), eb('delivery_status', '<>', 'seen')]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Records a delivery that could not even be attempted (no address for the channel, and no other channel to fall
 * back to) as `failed` with its reason, once. Returns the row, as first written.
 */
export async function recordUndeliverable(
  db: Kysely<Database>,
  delivery: NewNotificationLog,
  reason: string,
): Promise<NotificationLog> {
  const inserted = await db
    .insertInto('notification_log')
    .values({ ...delivery, status: 'failed', reason })
    .onConflict((conflict) => conflict.column('delivery_key').doNothing())
    .returningAll()
    .executeTakeFirst();
  return inserted ?? getDelivery(db, delivery.delivery_key);
}
