import { ApplicationFailure } from '@temporalio/common';
import {
  claimDelivery,
  deferDelivery,
  findDelivery,
  markDeliveryDeferred,
  markDeliveryFailed,
  markDeliverySent,
  releaseDelivery,
} from '../../db/notification-log.repository';
import { formatVietnamInstant, parseInstant, vietnamCivilDate, vietnamEpochMs } from '../../domain/civil-time';
import { composeMessage } from '../../domain/notify/message-content';
import type { DeliveryResult, NotificationRequest } from '../../domain/notify/notification-request';
import { quietHoursEnd } from '../../domain/notify/quiet-hours';
import { renderText } from '../../domain/notify/render-message';
import { classifyZaloAnswer, deferDelayMs } from '../../domain/notify/zalo-error-policy';
import { toZaloPhone } from '../../domain/notify/zalo-phone';
import { znsTemplateData } from '../../domain/notify/zns-template-data';
import { deliverEmail, deliveryInProgress, newLogRow } from './deliver-email';
import { deliveryKey, zaloTrackingId } from './delivery-keys';
import { resultOfRow } from './delivery-result';
import type { NotifyDependencies } from './notify-dependencies';
import { ZaloTokenRevokedError, type ZaloAnswer } from './zalo-provider';

/** The permanent failure of the Zalo delivery, then the same message by email when the contact has an address. */
async function failOver(
  deps: NotifyDependencies,
  request: NotificationRequest,
  failed: DeliveryResult,
): Promise<DeliveryResult[]> {
  const email = request.recipient.email?.trim();
  if (!email) return [failed];
  return [failed, await deliverEmail(deps, request, email, 'zalo')];
}

/**
 * Sends the Zalo message of one delivery at most once, or says why not: quiet hours and an exhausted quota defer it
 * (status `deferred` with `retryAt`; the workflow sleeps and calls again), a number Zalo cannot reach (−118 and
 * kin) or a configuration Zalo refuses is recorded as `failed` and the message goes by email instead, a server
 * error or a timeout throws for Temporal to retry with the same `tracking_id`.
 */
export async function deliverZalo(
  deps: NotifyDependencies,
  request: NotificationRequest,
  rawPhone: string,
): Promise<DeliveryResult[]> {
  const phone = toZaloPhone(rawPhone) ?? rawPhone.replace(/\s/g, '');
  const key = deliveryKey(request.idempotencyKey, 'zalo', phone);
  const trackingId = zaloTrackingId(key);
  const row = newLogRow(request, 'zalo', phone, key, trackingId, undefined);
  const nowMs = parseInstant(request.now);

  const existing = await findDelivery(deps.db, key);
  if (existing?.status === 'sent') return [resultOfRow(existing)];
  // A failed row may have crashed before its fallback went out: the fallback is idempotent, so do it again.
  if (existing?.status === 'failed') return failOver(deps, request, resultOfRow(existing));

  const refuse = async (reason: string, errorCode: string | null): Promise<DeliveryResult[]> => {
    const claim = await claimDelivery(deps.db, row, {
      businessNow: request.now,
      leaseSeconds: deps.options.leaseSeconds,
    });
    if (!claim.claimed && claim.row.status === 'sending') throw deliveryInProgress(key);
    const failed = claim.claimed ? await markDeliveryFailed(deps.db, key, { errorCode, reason }) : claim.row;
    deps.log.warn({ deliveryKey: key, channel: 'zalo', code: errorCode, action: 'fallback' }, 'zalo not possible');
    return failOver(deps, request, resultOfRow(failed));
  };
  if (!deps.zalo) return refuse('chưa cấu hình Zalo (ZALO_APP_ID…) nên tin được gửi bằng email', null);
  if (!toZaloPhone(rawPhone)) return refuse(`số điện thoại "${rawPhone}" không phải số di động Việt Nam`, null);
  const templateId = request.plan.znsTemplates?.[request.kind];
  if (deps.zalo.kind === 'zns' && !templateId) {
    return refuse(`kế hoạch ${request.plan.code} chưa có mẫu ZNS được duyệt cho loại tin "${request.kind}"`, null);
  }

  const quietEnd = quietHoursEnd(nowMs, deps.options.quietHours);
  const quotaEnd = deps.zaloQuota.exhaustedUntilMs > nowMs ? deps.zaloQuota.exhaustedUntilMs : undefined;
  if (quietEnd !== undefined || quotaEnd !== undefined) {
    const until = Math.max(quietEnd ?? 0, quotaEnd ?? 0);
    const reason =
      quietEnd !== undefined
        ? `ngoài giờ gửi Zalo (${deps.options.quietHours.start}–${deps.options.quietHours.end}); gửi lúc ${formatVietnamInstant(until).slice(11, 16)}`
        : 'hạn mức ZNS trong ngày đã hết; gửi khi hạn mức mới bắt đầu';
    const deferred = await deferDelivery(deps.db, row, { retryAt: formatVietnamInstant(until), reason });
    return [resultOfRow(deferred)];
  }

  const claim = await claimDelivery(deps.db, row, {
    businessNow: request.now,
    leaseSeconds: deps.options.leaseSeconds,
  });
  if (!claim.claimed) {
    if (claim.row.status === 'sending') throw deliveryInProgress(key);
    if (claim.row.status === 'failed') return failOver(deps, request, resultOfRow(claim.row));
    return [resultOfRow(claim.row)];
  }
  deps.leases?.hold(key);
  await deps.hooks?.step('zalo:claimed', key);
  await deps.zaloLimiter.acquire('zalo');

  let answer: ZaloAnswer;
  try {
    answer = await deps.zalo.send({
      phone,
      trackingId,
      templateId,
      templateData: znsTemplateData(request),
      text: renderText(composeMessage(request)),
    });
  } catch (error) {
    if (error instanceof ZaloTokenRevokedError) {
      await releaseDelivery(deps.db, key, { errorCode: error.code, reason: error.message });
      return refuse(error.message, error.code);
    }
    // A timeout may hide an acceptance: the retry sends the same tracking_id, so a second copy is recognisable.
    const reason = `không gọi được Zalo: ${error instanceof Error ? error.message : String(error)}`;
    await releaseDelivery(deps.db, key, { errorCode: null, reason });
    deps.log.warn({ deliveryKey: key, channel: 'zalo', action: 'retry', reason }, 'zalo call failed');
    throw ApplicationFailure.create({ type: 'ZaloTransientError', message: reason });
  }

  if (answer.ok) {
    await deps.hooks?.step('zalo:accepted', key);
    await markDeliverySent(deps.db, key, { providerMessageId: answer.msgId });
    await deps.hooks?.step('zalo:logged', key);
    if (answer.remainingQuota === 0) deps.zaloQuota.exhaustedUntilMs = nextQuotaDay(nowMs, deps);
    deps.log.info({ deliveryKey: key, channel: 'zalo', msgId: answer.msgId, kind: request.kind }, 'zalo sent');
    return [{ channel: 'zalo', status: 'sent', providerMessageId: answer.msgId }];
  }

  const verdict = classifyZaloAnswer(answer.httpStatus, answer.errorCode, answer.message);
  const code = answer.errorCode === undefined ? `HTTP ${answer.httpStatus}` : String(answer.errorCode);
  deps.log.warn(
    {
      deliveryKey: key,
      channel: 'zalo',
      httpStatus: answer.httpStatus,
      code: answer.errorCode,
      action: verdict.action,
    },
    'zalo refused',
  );
  switch (verdict.action) {
    case 'fallback':
    case 'permanent': {
      const failed = await markDeliveryFailed(deps.db, key, { errorCode: code, reason: verdict.reason });
      return failOver(deps, request, resultOfRow(failed));
    }
    case 'defer': {
      const retryAtMs = nowMs + deferDelayMs(claim.row.attempts);
      const deferred = await markDeliveryDeferred(deps.db, key, {
        retryAt: formatVietnamInstant(retryAtMs),
        errorCode: code,
        reason: verdict.reason,
      });
      return [resultOfRow(deferred)];
    }
    default:
      await releaseDelivery(deps.db, key, { errorCode: code, reason: verdict.reason });
      throw ApplicationFailure.create({ type: 'ZaloTransientError', message: verdict.reason });
  }
}

/** ZNS quotas are daily: an exhausted quota is tried again the next morning, after the quiet hours. */
function nextQuotaDay(nowMs: number, deps: NotifyDependencies): number {
  const tomorrow = vietnamCivilDate(nowMs + 24 * 60 * 60 * 1000);
  return vietnamEpochMs(tomorrow, deps.options.quietHours.end);
}
