import { ApplicationFailure } from '@temporalio/common';
import { recordUndeliverable } from '../../db/notification-log.repository';
import { planChannels } from '../../domain/notify/channel-policy';
import type { DeliveryResult, NotificationRequest, NotificationResult } from '../../domain/notify/notification-request';
import { deliverEmail, newLogRow } from './deliver-email';
import { deliverZalo } from './deliver-zalo';
import { deliveryKey } from './delivery-keys';
import { keepDeliveryLeases } from './delivery-leases';
import { withMessageLink } from './message-links';
import { resultOfRow } from './delivery-result';
import type { NotifyDependencies } from './notify-dependencies';
import { notificationRequestSchema } from './request-schema';

export type { DeliveryResult, NotificationRequest, NotificationResult } from '../../domain/notify/notification-request';

function parseRequest(input: NotificationRequest): NotificationRequest {
  const parsed = notificationRequestSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw ApplicationFailure.create({
    type: 'NotificationRequestInvalid',
    nonRetryable: true,
    message: `NOTIFY_REQUEST_INVALID: ${issue.path.join('.')}: ${issue.message}`,
  });
}

/**
 * Activity `sendNotification`: one notification to one recipient on the requested channels, each delivery logged
 * under its own key (idempotency key + channel + address) before and after the send. Calling it again with the
 * same request never sends twice (`already-sent`) and never loses a message.
 *
 * Failure contract: a malformed request fails non-retryably (`NotificationRequestInvalid`). A delivery that cannot
 * succeed is returned as `failed` with its reason ("không gửi được"), after its fallback channel was tried; one that
 * must wait (quiet hours, a quota) as `deferred` with `retryAt`. A transient error (SMTP 4xx, a timeout, Zalo 5xx)
 * throws a retryable failure after every other delivery of the request was attempted.
 */
export function sendNotificationActivity(deps: NotifyDependencies) {
  return async function sendNotification(input: NotificationRequest): Promise<NotificationResult> {
    const leases = keepDeliveryLeases(deps.db, deps.options.leaseSeconds);
    try {
      return await send({ ...deps, leases }, withMessageLink(parseRequest(input), deps.links));
    } finally {
      leases.stop();
    }
  };
}

async function send(deps: NotifyDependencies, request: NotificationRequest): Promise<NotificationResult> {
  const plan = planChannels(request.channels, request.recipient);
  const deliveries: DeliveryResult[] = [];
  const transient: unknown[] = [];
  for (const missing of plan.unreachable) {
    const key = deliveryKey(request.idempotencyKey, missing.channel, '-');
    const row = await recordUndeliverable(
      deps.db,
      newLogRow(request, missing.channel, '-', key, '-', undefined),
      missing.reason,
    );
    deliveries.push(resultOfRow(row));
  }
  for (const delivery of plan.deliveries) {
    try {
      if (delivery.channel === 'email') {
        deliveries.push(await deliverEmail(deps, request, delivery.address, delivery.fallbackFor));
      } else {
        deliveries.push(...(await deliverZalo(deps, request, delivery.address)));
      }
    } catch (error) {
      if (error instanceof ApplicationFailure && error.nonRetryable) throw error;
      transient.push(error);
    }
  }
  if (transient.length > 0) throw transient[0];
  return { deliveries: dedupe(deliveries) };
}

/** A fallback email that is also a requested email is one delivery: report it once. */
function dedupe(deliveries: DeliveryResult[]): DeliveryResult[] {
  const seen = new Set<string>();
  return deliveries.filter((delivery) => {
    const id = `${delivery.channel}|${delivery.providerMessageId ?? `${delivery.status}|${delivery.reason ?? ''}`}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
