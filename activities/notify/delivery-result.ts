import type { NotificationLog } from '../../db/tables/notification-log.table';
import { formatVietnamInstant } from '../../domain/civil-time';
import type { DeliveryResult } from '../../domain/notify/notification-request';

/**
 * What an existing log row means to a caller that did not claim it: sent → `already-sent`, failed → `failed` with
 * its reason, deferred → `deferred` with its retry time. A row in flight elsewhere is not a result: the caller
 * throws a retryable error instead (see DeliveryInProgress).
 */
export function resultOfRow(row: NotificationLog): DeliveryResult {
  const base = {
    channel: row.channel,
    ...(row.provider_message_id ? { providerMessageId: row.provider_message_id } : {}),
  };
  switch (row.status) {
    case 'sent':
      return { ...base, status: 'already-sent' };
    case 'failed':
      return { ...base, status: 'failed', reason: row.reason ?? 'không gửi được' };
    case 'deferred':
      return {
        ...base,
        status: 'deferred',
        ...(row.reason ? { reason: row.reason } : {}),
        ...(row.retry_at ? { retryAt: formatVietnamInstant(row.retry_at.getTime()) } : {}),
      };
    default:
      return { ...base, status: 'deferred', reason: 'đang được gửi ở một lần thử khác' };
  }
}
