import type { NotificationRequest, NotificationResult } from '../../activities/notify/send-notification';

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
      sent.push(request);
      return Promise.resolve({ deliveries: request.channels.map((channel) => ({ channel, status: 'sent' as const })) });
    },
  };
}
