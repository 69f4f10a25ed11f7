import { createHash } from 'node:crypto';
import type { DeliveryChannel } from '../../domain/notify/notification-request';

/** The log's unique key of one delivery: the notification's idempotency key, the channel and the address. */
export function deliveryKey(idempotencyKey: string, channel: DeliveryChannel, address: string): string {
  return `${idempotencyKey}#${channel}#${address.toLowerCase()}`;
}

function digest(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * The Message-ID of an email delivery, derived from its key: every resend of the same delivery carries the same
 * Message-ID, so a copy sent twice (SMTP's unavoidable window) is recognisable and mail clients thread it as one.
 */
export function emailMessageId(key: string, domain: string): string {
  return `<${digest(key, 40)}.dondoc@${domain}>`;
}

/** The Zalo `tracking_id` of a delivery (at most 48 characters): the same on every resend, like the Message-ID. */
export function zaloTrackingId(key: string): string {
  return `dd-${digest(key, 40)}`;
}
