import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { DEFAULT_QUIET_HOURS, type QuietHours } from '../../domain/notify/quiet-hours';
import type { Logger } from '../../runtime/logger';
import type { Mailbox } from './compose-email';
import type { DeliveryLeases } from './delivery-leases';
import type { EmailProvider } from './email-provider';
import type { KeyedRateLimiter } from './keyed-rate-limiter';
import type { ZaloProvider } from './zalo-provider';

/** The real clock of side effects (leases, token expiry). Business time comes in the request's `now`. */
export interface Clock {
  now(): number;
}

/** Named points of a send, for tests that kill the process there (crash tests); a no-op in production. */
export type NotifyStep =
  | 'email:claimed'
  | 'email:accepted'
  | 'email:logged'
  | 'zalo:claimed'
  | 'zalo:accepted'
  | 'zalo:logged';

export interface NotifyHooks {
  step(step: NotifyStep, deliveryKey: string): void | Promise<void>;
}

export interface NotifyOptions {
  /** The system's sender (MAIL_FROM): the envelope sender, and From for plans without their own address. */
  mailFrom: Mailbox;
  /** No Zalo inside this window (Vietnam time); deferred to its end. */
  quietHours: QuietHours;
  /** How long an attempt in flight holds its log row before another attempt may take it over. */
  leaseSeconds: number;
  /** Zalo sends per second from this worker (Zalo's per-OA rate limit, shared by all plans). */
  zaloPerSecond: number;
}

export const DEFAULT_NOTIFY_OPTIONS: NotifyOptions = {
  mailFrom: { name: 'Đôn đốc', address: 'khong-tra-loi@dondoc.local' },
  quietHours: DEFAULT_QUIET_HOURS,
  // Renewed every 5 s while the attempt lives (delivery-leases.ts), and above the activity's 30 s heartbeat timeout
  // (workflows/report-obligation.ts): a live attempt is never raced by the retry, a dead one's deliveries are free
  // about when Temporal retries it.
  leaseSeconds: 40,
  zaloPerSecond: 10,
};

/** How the links in messages are made: the service's public address, and the key and lifetime of reporters' links. */
export interface LinkOptions {
  /** PUBLIC_URL without a trailing slash: what units and leaders open. */
  publicUrl: string;
  secret: string;
  daysAfterClose: number;
}

/** Everything the notification activities use, built once per worker. */
export interface NotifyDependencies {
  db: Kysely<Database>;
  email: EmailProvider;
  /** Undefined when Zalo is not configured: Zalo deliveries then fall back to email, saying why. */
  zalo: ZaloProvider | undefined;
  clock: Clock;
  log: Logger;
  options: NotifyOptions;
  hooks: NotifyHooks | undefined;
  /** Undefined: messages carry no links (a caller-built `submissionLink` still goes through). */
  links: LinkOptions | undefined;
  /** Shared by the activities of this worker: the Zalo send pace and the daily quota seen in Zalo's answers. */
  zaloLimiter: KeyedRateLimiter;
  zaloQuota: { exhaustedUntilMs: number };
  /** The leases the running attempt renews (set per attempt by `sendNotification`). */
  leases?: DeliveryLeases;
}
