/** An email ready for a provider: addresses, the three bodies and the deterministic Message-ID. */
export interface OutgoingEmail {
  /** `<…@domain>`, derived from the delivery key (delivery-keys.ts). */
  messageId: string;
  from: { name: string; address: string };
  /** The system's own address when the plan sends in its issuer's name (envelope sender, `Sender:`). */
  sender: { name: string; address: string } | undefined;
  replyTo: string | undefined;
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** The deadline as an iCalendar file, attached as `han-nop.ics`. */
  calendar: string | undefined;
  headers: Record<string, string>;
  /** The plan the message belongs to: the rate limit is per plan. */
  planCode: string;
  /** The notification kind, for the outbox listing. */
  kind: string;
}

/** What a provider says once it has accepted a message. */
export interface EmailAcceptance {
  /** The server's queue id (from its reply) or the outbox file; the Message-ID when there is nothing better. */
  providerMessageId: string;
}

/**
 * Sends email. `send` resolves once the server (or the outbox) has accepted the message and throws `EmailSendError`
 * otherwise: `permanent` when no retry can succeed (the recipient was refused), transient when one may (a timeout, a
 * 4xx reply, a lost connection). Implementations: SMTP through a nodemailer pool, and the embedded outbox.
 */
export interface EmailProvider {
  readonly description: string;
  send(email: OutgoingEmail): Promise<EmailAcceptance>;
  close(): Promise<void>;
}

export class EmailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    /** The raw code: the SMTP reply code, or nodemailer's error code. */
    readonly code: string | null,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'EmailSendError';
  }
}
