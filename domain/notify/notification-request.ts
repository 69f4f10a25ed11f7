import type { InstantIso } from '../civil-time';

/** What a notification is about; each kind has its own email and Zalo text (domain/notify/message-content.ts). */
export const NotificationKind = {
  assignment: 'assignment',
  reminder: 'reminder',
  dueToday: 'due-today',
  overdue: 'overdue',
  escalation: 'escalation',
  receipt: 'receipt',
  extension: 'extension',
  cancellation: 'cancellation',
  digest: 'digest',
} as const;
export type NotificationKind = (typeof NotificationKind)[keyof typeof NotificationKind];
export const NOTIFICATION_KINDS = Object.values(NotificationKind);

/** The channels a notification can go out on. */
export const DeliveryChannel = { email: 'email', zalo: 'zalo' } as const;
export type DeliveryChannel = (typeof DeliveryChannel)[keyof typeof DeliveryChannel];

export const RecipientRole = {
  reporter: 'reporter',
  head: 'head',
  parentHead: 'parent-head',
  owner: 'owner',
  leader: 'leader',
} as const;
export type RecipientRole = (typeof RecipientRole)[keyof typeof RecipientRole];

/** What became of one delivery (one channel to one address). */
export const DeliveryOutcome = {
  sent: 'sent',
  alreadySent: 'already-sent',
  deferred: 'deferred',
  failed: 'failed',
} as const;
export type DeliveryOutcome = (typeof DeliveryOutcome)[keyof typeof DeliveryOutcome];

export interface NotificationRecipient {
  role: RecipientRole;
  name: string;
  email?: string;
  /** E.164 (`+84912345678`) or a Vietnamese number; Zalo gets it as `84…`. */
  phone?: string;
  unitCode: string;
  unitName: string;
}

export interface NotificationPlan {
  /** Số hiệu, e.g. `KH-1` or `125/KH-UBND`. */
  code: string;
  title: string;
  /** The issuing body, e.g. `UBND tỉnh Cao Bằng`. */
  issuer: string;
  /** The sender identity of this plan's emails; MAIL_FROM when absent. */
  senderName?: string;
  senderEmail?: string;
  /** ZNS template id per notification kind, as approved by Zalo for this plan's Official Account. */
  znsTemplates?: Record<string, string>;
}

/**
 * One notification to one recipient, as the workflows ask for it. Plain JSON: it crosses the workflow boundary.
 * `idempotencyKey` is the workflow id + step; each delivery's key adds the channel and the address, so a retry, a
 * replay or a duplicate schedule finds the same log row and never sends twice.
 */
export interface NotificationRequest {
  idempotencyKey: string;
  kind: NotificationKind;
  recipient: NotificationRecipient;
  channels: DeliveryChannel[];
  plan: NotificationPlan;
  milestone: { id: string; title: string };
  report?: { id: string; title: string };
  /** The deadline as an instant with `+07:00`; `…T00:00:00+07:00` means 24:00 of the day before (the last day). */
  dueAt?: InstantIso;
  /** The link in the message, when the caller built it; otherwise the activity builds it from `obligation`. */
  submissionLink?: string;
  /**
   * The report the notice is about: the unit's own people get a signed link to its submission page, signed by the
   * activity (the key never enters a workflow's history); the people above get the leaders' view of the milestone.
   */
  obligation?: { id: string; unitCode: string; closeAt: InstantIso };
  /** Kind-specific values: daysLeft, daysOverdue, escalationStep, lateUnitName, receiptNumber, submittedAt, digest rows… */
  extra?: Record<string, string | number>;
  /** Business time from the workflow; quiet hours and deferrals are judged against it, never the machine's clock. */
  now: InstantIso;
}

export interface DeliveryResult {
  channel: DeliveryChannel;
  status: DeliveryOutcome;
  /** Email: the SMTP server's queue id or the Message-ID; Zalo: `msg_id`. */
  providerMessageId?: string;
  /** Why it failed or waits, in Vietnamese, with the provider's raw code. */
  reason?: string;
  /** When a deferred delivery may be tried again (ISO, `+07:00`): the workflow sleeps until then and calls again. */
  retryAt?: InstantIso;
}

export interface NotificationResult {
  deliveries: DeliveryResult[];
}
