import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Timestamp } from './timeline-event.table';

/** Where a delivery stands. `sending` is written before the provider is called, `sent` after it accepted. */
export const NotificationStatus = {
  pending: 'pending',
  sending: 'sending',
  sent: 'sent',
  deferred: 'deferred',
  failed: 'failed',
} as const;
export type NotificationStatus = (typeof NotificationStatus)[keyof typeof NotificationStatus];

/**
 * The notification log: one row per delivery (one notification, one channel, one address), keyed by
 * `delivery_key` = idempotency key + channel + address. Written before and after each send; `failed` rows are the
 * dashboard's "không gửi được", with the reason.
 */
export interface NotificationLogTable {
  id: Generated<string>;
  delivery_key: string;
  idempotency_key: string;
  channel: 'email' | 'zalo';
  address: string;
  kind: string;
  plan_code: string;
  unit_code: string;
  recipient_role: string;
  recipient_name: string;
  /** The channel this delivery replaces when it is a fallback (email for a number without Zalo). */
  fallback_for: string | null;
  status: ColumnType<NotificationStatus, NotificationStatus | undefined, NotificationStatus>;
  /** Email: the Message-ID; Zalo: the `tracking_id`. Derived from `delivery_key`, so a resend carries the same. */
  message_id: string;
  subject: string | null;
  /** Email: the SMTP server's answer id; Zalo: `msg_id`. */
  provider_message_id: string | null;
  attempts: Generated<number>;
  /** The provider's raw code (SMTP reply code, Zalo `error`), kept as text. */
  error_code: string | null;
  reason: string | null;
  retry_at: Timestamp | null;
  /** When the current attempt began: a lease, so two workers never send the same delivery at once. */
  sending_since: Timestamp | null;
  sent_at: Timestamp | null;
  /** From Zalo's receipts (webhook or status API): `received`, `seen`. */
  delivery_status: string | null;
  delivered_at: Timestamp | null;
  /** When Zalo's status endpoint was last asked about it (the scheduled receipt check takes the oldest first). */
  receipt_checked_at: Timestamp | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export type NotificationLog = Selectable<NotificationLogTable>;
export type NewNotificationLog = Insertable<NotificationLogTable>;
export type NotificationLogUpdate = Updateable<NotificationLogTable>;
