import { ApplicationFailure } from '@temporalio/common';
import {
  claimDelivery,
  markDeliveryFailed,
  markDeliverySent,
  releaseDelivery,
} from '../../db/notification-log.repository';
import type { NewNotificationLog } from '../../db/tables/notification-log.table';
import type { DeliveryChannel, DeliveryResult, NotificationRequest } from '../../domain/notify/notification-request';
import { composeEmail } from './compose-email';
import { deliveryKey, emailMessageId } from './delivery-keys';
import { resultOfRow } from './delivery-result';
import { EmailSendError } from './email-provider';
import type { NotifyDependencies } from './notify-dependencies';

/** The log row of a delivery before it is sent. */
export function newLogRow(
  request: NotificationRequest,
  channel: DeliveryChannel,
  address: string,
  key: string,
  messageId: string,
  fallbackFor: DeliveryChannel | undefined,
): NewNotificationLog {
  return {
    delivery_key: key,
    idempotency_key: request.idempotencyKey,
    channel,
    address,
    kind: request.kind,
    plan_code: request.plan.code,
    unit_code: request.recipient.unitCode,
    recipient_role: request.recipient.role,
    recipient_name: request.recipient.name,
    fallback_for: fallbackFor ?? null,
    message_id: messageId,
  };
}

/**
 * Sends the email of one delivery at most once: claims its log row (committed before the SMTP conversation), sends,
 * and records the acceptance right after the server's 250. A permanent refusal is recorded as `failed` and returned;
 * a transient error gives the row back and throws, for Temporal to retry with the same Message-ID.
 */
export async function deliverEmail(
  deps: NotifyDependencies,
  request: NotificationRequest,
  address: string,
  fallbackFor?: DeliveryChannel,
): Promise<DeliveryResult> {
  const key = deliveryKey(request.idempotencyKey, 'email', address);
  const domain = deps.options.mailFrom.address.split('@')[1] ?? 'dondoc.local';
  const messageId = emailMessageId(key, domain);
  const email = composeEmail(request, address, messageId, deps.options.mailFrom, request.idempotencyKey);
  const claim = await claimDelivery(
    deps.db,
    { ...newLogRow(request, 'email', address, key, messageId, fallbackFor), subject: email.subject },
    { businessNow: request.now, leaseSeconds: deps.options.leaseSeconds },
  );
  if (!claim.claimed) {
    if (claim.row.status === 'sending') throw deliveryInProgress(key);
    return resultOfRow(claim.row);
  }
  deps.leases?.hold(key);
  await deps.hooks?.step('email:claimed', key);
  let providerMessageId: string;
  try {
    ({ providerMessageId } = await deps.email.send(email));
  } catch (error) {
    const failure =
      error instanceof EmailSendError ? error : new EmailSendError(String(error), false, null, { cause: error });
    deps.log.warn(
      {
        deliveryKey: key,
        channel: 'email',
        code: failure.code,
        permanent: failure.permanent,
        attempt: claim.row.attempts,
      },
      'email not accepted',
    );
    if (failure.permanent) {
      const row = await markDeliveryFailed(deps.db, key, { errorCode: failure.code, reason: failure.message });
      return resultOfRow(row);
    }
    await releaseDelivery(deps.db, key, { errorCode: failure.code, reason: failure.message });
    throw ApplicationFailure.create({ type: 'EmailTransientError', message: failure.message, cause: failure });
  }
  await deps.hooks?.step('email:accepted', key);
  await markDeliverySent(deps.db, key, { providerMessageId });
  await deps.hooks?.step('email:logged', key);
  deps.log.info({ deliveryKey: key, channel: 'email', providerMessageId, kind: request.kind }, 'email sent');
  return { channel: 'email', status: 'sent', providerMessageId };
}

/** Another attempt holds the row (a duplicate schedule running at the same moment): retry after its lease. */
export function deliveryInProgress(key: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: 'DeliveryInProgress',
    message: `NOTIFY_IN_PROGRESS: một lần gửi khác đang giữ ${key}; thử lại sau khi lần đó kết thúc hoặc hết hạn giữ`,
  });
}
