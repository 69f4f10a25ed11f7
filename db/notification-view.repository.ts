import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';
import type { NotificationLog, NotificationStatus } from './tables/notification-log.table';
import type { Obligation } from './tables/obligation.table';

export interface NotificationFilter {
  planCode: string;
  unitCode?: string;
  status?: NotificationStatus;
  limit: number;
}

/** A plan's deliveries, newest first, by unit and status (the plan/status index). */
export function listNotifications(db: Kysely<Database>, filter: NotificationFilter): Promise<NotificationLog[]> {
  let query = db.selectFrom('notification_log').selectAll().where('plan_code', '=', filter.planCode);
  if (filter.unitCode) query = query.where('unit_code', '=', filter.unitCode);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.orderBy('created_at', 'desc').orderBy('id').limit(filter.limit).execute();
}

/** One delivery by its id, or undefined (an id that is not a uuid is simply absent). */
export function findNotification(db: Kysely<Database>, id: string): Promise<NotificationLog | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return Promise.resolve(undefined);
  return db.selectFrom('notification_log').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The obligation a notification was about: the one whose `{workflow id}/{report}/` begins its idempotency key
 * (report-obligation.ts builds keys that way); undefined for a plan-wide notice such as the digest.
 */
export function findNotificationObligation(
  db: Kysely<Database>,
  notification: Pick<NotificationLog, 'plan_code' | 'idempotency_key'>,
): Promise<Obligation | undefined> {
  return db
    .selectFrom('obligations')
    .selectAll()
    .where('plan_code', '=', notification.plan_code)
    .where(
      sql<boolean>`left(${notification.idempotency_key}, length(workflow_id || '/' || report_id || '/')) = workflow_id || '/' || report_id || '/'`,
    )
    .executeTakeFirst();
}

/** How many times a notification was already resent (idempotency keys `{key}/resend-N`). */
export async function countResends(db: Kysely<Database>, idempotencyKey: string): Promise<number> {
  const prefix = `${idempotencyKey}/resend-`;
  const row = await db
    .selectFrom('notification_log')
    .select(sql<string>`count(distinct idempotency_key)`.as('count'))
    .where(sql<boolean>`left(idempotency_key, ${prefix.length}) = ${prefix}`)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
