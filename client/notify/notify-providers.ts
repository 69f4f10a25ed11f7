import type { Kysely } from 'kysely';
import type { ActivityDependencies } from '../../activities';
import { createNotifyActivities } from '../../activities/notify/create-notify-activities';
import {
  createEmailProvider,
  createZaloProvider,
  linkOptionsFromConfig,
  notifyOptionsFromConfig,
} from '../../activities/notify/create-notify-dependencies';
import type { EmailProvider } from '../../activities/notify/email-provider';
import type { NotificationRequest, NotificationResult } from '../../activities/notify/send-notification';
import type { ZaloProvider } from '../../activities/notify/zalo-provider';
import type { Database } from '../../db/schema';
import type { Config } from '../../runtime/config';
import type { Logger } from '../../runtime/logger';

/** The providers one process sends through: built once at start, shared by its worker and its HTTP API. */
export interface NotifyProviders {
  email: EmailProvider;
  zalo: ZaloProvider | null;
  /** What goes out where, in Vietnamese, without secrets (no password, key or token): for the banner and the log. */
  summary: { email: string; zalo: string };
  /** The worker's notification dependencies (createActivities), these providers included. */
  activityDependencies: Omit<ActivityDependencies, 'db'>;
  /** `sendNotification` on these providers, for the HTTP API's resends. */
  sendNotification: (request: NotificationRequest) => Promise<NotificationResult>;
  /** Closes the SMTP pool (after the worker has drained). */
  stop(): Promise<void>;
}

/**
 * Builds the configured email provider (SMTP_URL → the nodemailer pool, none → the outbox under DATA_DIR) and Zalo
 * provider (ZNS or OA when ZALO_APP_ID is set, none otherwise), and logs once which they are. Building them at start
 * makes a bad configuration (an unreadable DKIM key or CA file) fail the start rather than the first reminder.
 */
export function createNotifyProviders(config: Readonly<Config>, db: Kysely<Database>, log: Logger): NotifyProviders {
  const email = createEmailProvider(config, log);
  const zalo = createZaloProvider(config, db, log) ?? null;
  const summary = { email: describeEmail(config, email), zalo: describeZalo(config) };
  log.info(summary, 'notification providers');
  const activityDependencies = {
    email,
    zalo,
    log,
    notify: notifyOptionsFromConfig(config),
    links: linkOptionsFromConfig(config),
  };
  return {
    email,
    zalo,
    summary,
    activityDependencies,
    sendNotification: createNotifyActivities({ db, ...activityDependencies }).sendNotification,
    stop: () => email.close(),
  };
}

function describeEmail(config: Readonly<Config>, email: EmailProvider): string {
  const mail = config.email;
  if (mail.mode === 'outbox') return `${email.description} (xem tại /outbox)`;
  // The description is built from the host and port only: a password in SMTP_URL never reaches it.
  const details = [
    `${mail.poolMax} kết nối`,
    mail.ratePerPlan > 0 ? `${mail.ratePerPlan} thư/giây mỗi kế hoạch` : 'không giới hạn tốc độ',
    mail.requireTls ? 'bắt buộc TLS' : undefined,
    mail.tlsCaPath ? 'CA riêng' : undefined,
    mail.dkim ? `DKIM ${mail.dkim.keySelector}._domainkey.${mail.dkim.domainName}` : undefined,
  ];
  return `${email.description} (${details.filter(Boolean).join(', ')})`;
}

function describeZalo(config: Readonly<Config>): string {
  const zalo = config.zalo;
  if (zalo.mode === 'disabled') return 'tắt (chưa đặt ZALO_APP_ID); tin Zalo được gửi bằng email';
  const kind = zalo.mode === 'zns' ? `ZNS ${zalo.apiBaseUrl}` : `Official Account ${zalo.oaApiBaseUrl}`;
  const quiet = `không gửi ${zalo.quietHours.start}–${zalo.quietHours.end}`;
  return `${kind}, ứng dụng ${zalo.appId}, ${zalo.ratePerSecond} tin/giây, ${quiet}`;
}
