import type { NotificationRequest, NotificationResult } from '../../activities/notify/send-notification';
import { RecipientRole } from '../../domain/notify/notification-request';

/**
 * A `sendNotification` that delivers nothing and records every request, for tests that assert who was told what and
 * when (the delivery itself is tested against real SMTP and Zalo servers in test/activities/notify).
 */
export function recordingSender(): {
  sent: NotificationRequest[];
  sendNotification: (request: NotificationRequest) => Promise<NotificationResult>;
} {
  const sent: NotificationRequest[] = [];
  return {
    sent,
    sendNotification: (request) => {
      // One notice to several people is sent to all at once, in no set order: kept in the plan's order of roles.
      // Other units' notices of the same moment may have arrived between them: look back over that whole moment.
      let at = sent.length;
      for (let i = sent.length - 1; i >= 0 && sent[i]!.now === request.now; i--) {
        if (isSiblingBefore(request, sent[i]!)) at = i;
      }
      sent.splice(at, 0, request);
      return Promise.resolve({ deliveries: request.channels.map((channel) => ({ channel, status: 'sent' as const })) });
    },
  };
}

/** The order of the roles as the domain lists them (reporter, head, parent-head, owner, leader). */
const ROLE_ORDER: string[] = Object.values(RecipientRole);

/** Whether `request` is the same notice as `earlier` (same step, same moment) to a role that comes first. */
function isSiblingBefore(request: NotificationRequest, earlier: NotificationRequest): boolean {
  const step = (n: NotificationRequest) => n.idempotencyKey.slice(0, n.idempotencyKey.lastIndexOf('/'));
  return (
    step(request) === step(earlier) &&
    ROLE_ORDER.indexOf(request.recipient.role) < ROLE_ORDER.indexOf(earlier.recipient.role)
  );
}
