import type { SendMailOptions } from 'nodemailer';
import type { OutgoingEmail } from './email-provider';

/**
 * Our email as nodemailer's message options, the same for the SMTP pool and the outbox, so the outbox shows the
 * exact bytes a server would have received. Bodies are base64 (UTF-8 Vietnamese survives any relay).
 */
export function toNodemailerMessage(email: OutgoingEmail): SendMailOptions {
  return {
    messageId: email.messageId,
    from: email.from,
    ...(email.sender ? { sender: email.sender, envelope: { from: email.sender.address, to: email.to.address } } : {}),
    ...(email.replyTo ? { replyTo: email.replyTo } : {}),
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    textEncoding: 'base64',
    headers: email.headers,
    attachments: email.calendar
      ? [
          {
            filename: 'han-nop.ics',
            content: email.calendar,
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
          },
        ]
      : [],
  };
}
