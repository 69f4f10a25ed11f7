import { createHash, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordDeliveryReceipt } from '../../db/notification-log.repository';
import type { Database } from '../../db/schema';
import { recordZaloEvent } from '../../db/zalo-event.repository';

/**
 * Zalo's webhook signature: `X-ZEvent-Signature: mac=<hex>` where hex = SHA-256 (a plain hash, not an HMAC) of
 * app id + the raw body + the `timestamp` field of that body + the OA secret key (the OA's, not the app's).
 */
export function zaloWebhookSignature(appId: string, rawBody: string, timestamp: string, oaSecretKey: string): string {
  return createHash('sha256').update(`${appId}${rawBody}${timestamp}${oaSecretKey}`).digest('hex');
}

/** Checks the header against the body, in constant time; accepts the value with or without its `mac=` prefix. */
export function verifyZaloWebhook(
  rawBody: string,
  header: string | undefined,
  secrets: { appId: string; oaSecretKey: string },
): boolean {
  if (!header) return false;
  let timestamp = '';
  try {
    const body = JSON.parse(rawBody) as { timestamp?: unknown };
    timestamp = textOf(body.timestamp);
  } catch {
    return false;
  }
  const expected = Buffer.from(zaloWebhookSignature(secrets.appId, rawBody, timestamp, secrets.oaSecretKey));
  const given = Buffer.from(header.trim().replace(/^mac=/i, '').toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type WebhookOutcome = { status: 'recorded' | 'duplicate' | 'ignored'; matched: number };

/**
 * Records a verified webhook event and, for a delivery receipt (`user_received_message`, `user_seen_message`),
 * marks the deliveries it names by `msg_id` or `tracking_id`. Quick (one insert, one update): Zalo wants its 200
 * within two seconds and retries otherwise.
 */
export async function recordZaloWebhook(
  db: Kysely<Database>,
  rawBody: string,
  signature: string,
): Promise<WebhookOutcome> {
  const body = JSON.parse(rawBody) as {
    app_id?: unknown;
    event_name?: unknown;
    timestamp?: unknown;
    message?: { msg_id?: unknown; msg_ids?: unknown; tracking_id?: unknown; delivery_time?: unknown };
  };
  const event = textOf(body.event_name);
  const msgIds = [
    ...(typeof body.message?.msg_id === 'string' ? [body.message.msg_id] : []),
    ...(Array.isArray(body.message?.msg_ids) ? body.message.msg_ids.map(String) : []),
  ];
  const trackingId = typeof body.message?.tracking_id === 'string' ? body.message.tracking_id : undefined;
  const atMs = Number(body.message?.delivery_time ?? body.timestamp);
  const at = Number.isFinite(atMs) && atMs > 0 ? new Date(atMs) : new Date();
  const { inserted } = await recordZaloEvent(db, {
    signature: signature.trim().replace(/^mac=/i, '').toLowerCase(),
    app_id: textOf(body.app_id),
    event_name: event,
    msg_id: msgIds[0] ?? null,
    tracking_id: trackingId ?? null,
    occurred_at: at,
    payload: rawBody,
  });
  if (!inserted) return { status: 'duplicate', matched: 0 };
  const status = event === 'user_received_message' ? 'received' : event === 'user_seen_message' ? 'seen' : undefined;
  if (!status) return { status: 'ignored', matched: 0 };
  let matched = 0;
  for (const msgId of msgIds.length > 0 ? msgIds : [undefined]) {
    matched += await recordDeliveryReceipt(db, { msgId, trackingId }, { status, at });
  }
  return { status: 'recorded', matched };
}

/** A JSON scalar as text (Zalo sends ids and timestamps as strings or numbers); '' for anything else. */
function textOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
