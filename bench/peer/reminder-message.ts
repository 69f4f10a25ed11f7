import type { SendMailOptions } from 'nodemailer';
import { composeEmail } from '../../activities/notify/compose-email';
import { deliveryKey, emailMessageId } from '../../activities/notify/delivery-keys';
import { toNodemailerMessage } from '../../activities/notify/nodemailer-message';
import type { NotificationRequest } from '../../domain/notify/notification-request';

/** What the peer's job carries: everything a reminder to one unit's reporter needs. */
export interface ReminderJob {
  planCode: string;
  unitCode: string;
  /** The instant the reminder is due (ISO with offset): lateness is measured against it. */
  reminderAt: string;
  dueAt: string;
}

const MAIL_FROM = { name: 'Đôn đốc', address: 'khong-tra-loi@sonoivu.example.vn' };

/**
 * The reminder to one unit's reporter as our workflows phrase it (same kind, plan, milestone and report, the same
 * contact as bench/lib/national-plan.ts imports), so the peer and the baseline send messages of the same size and
 * shape as ours. Its idempotency key names the unit, like ours.
 */
export function reminderRequest(job: ReminderJob): NotificationRequest {
  return {
    idempotencyKey: `peer/${job.planCode}/${job.unitCode}/reminder-1/reporter`,
    kind: 'reminder',
    recipient: {
      role: 'reporter',
      name: `Văn thư ${job.unitCode}`,
      email: `vt-${job.unitCode}@bench.example.invalid`,
      unitCode: job.unitCode,
      unitName: `Đơn vị ${job.unitCode}`,
    },
    channels: ['email'],
    plan: { code: job.planCode, title: 'Sơ kết phong trào thi đua yêu nước', issuer: 'Bộ Nội vụ' },
    milestone: { id: 'so-ket', title: 'Sơ kết phong trào thi đua yêu nước' },
    report: { id: 'bao-cao-so-ket', title: 'Báo cáo sơ kết' },
    dueAt: job.dueAt,
    extra: { offset: '3 ngày làm việc' },
    now: job.reminderAt,
  };
}

/** The nodemailer message of a reminder: our composer, with the delivery key header and its Message-ID. */
export function reminderMail(request: NotificationRequest): { key: string; message: SendMailOptions } {
  const key = deliveryKey(request.idempotencyKey, 'email', request.recipient.email!);
  const email = composeEmail(
    request,
    request.recipient.email!,
    emailMessageId(key, 'sonoivu.example.vn'),
    MAIL_FROM,
    key,
  );
  return { key, message: toNodemailerMessage(email) };
}
