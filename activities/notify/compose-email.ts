import { composeMessage } from '../../domain/notify/message-content';
import { deadlineCalendar } from '../../domain/notify/deadline-calendar';
import type { NotificationRequest } from '../../domain/notify/notification-request';
import { renderHtml, renderText } from '../../domain/notify/render-message';
import type { OutgoingEmail } from './email-provider';

export interface Mailbox {
  name: string;
  address: string;
}

/** Parses `Tên hiển thị <dia-chi@example.vn>` or a bare address. */
export function parseMailbox(text: string): Mailbox | undefined {
  const match =
    /^\s*(?:"?([^"<]*?)"?\s*)?<([^<>\s@]+@[^<>\s@]+)>\s*$/.exec(text) ?? /^\s*()([^<>\s@]+@[^<>\s@]+)\s*$/.exec(text);
  if (!match) return undefined;
  return { name: (match[1] ?? '').trim(), address: match[2]! };
}

/**
 * The email of a notification: Vietnamese subject and bodies (domain/notify), the deadline's `.ics`, From in the
 * plan's own name when it has a sender address (the system's address then signs as `Sender:`), and the
 * deterministic Message-ID.
 */
export function composeEmail(
  request: NotificationRequest,
  to: string,
  messageId: string,
  systemFrom: Mailbox,
  idempotencyHeader: string,
): OutgoingEmail {
  const content = composeMessage(request);
  const planSender = request.plan.senderEmail?.trim();
  const fromName = request.plan.senderName ?? request.plan.issuer;
  const from = planSender ? { name: fromName, address: planSender } : { name: fromName, address: systemFrom.address };
  return {
    messageId,
    from,
    sender: planSender && planSender.toLowerCase() !== systemFrom.address.toLowerCase() ? systemFrom : undefined,
    replyTo: planSender,
    to: { name: request.recipient.name, address: to },
    subject: content.subject,
    text: renderText(content),
    html: renderHtml(content),
    calendar: deadlineCalendar(request),
    headers: { 'X-Dondoc-Delivery': idempotencyHeader, 'Auto-Submitted': 'auto-generated' },
    planCode: request.plan.code,
    kind: request.kind,
  };
}
