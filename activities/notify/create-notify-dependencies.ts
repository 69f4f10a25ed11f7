import { readFileSync } from 'node:fs';
import { loadLinkSecret } from '../links/link-secret';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { findZaloFollower } from '../../db/unit-contact.repository';
import type { Config } from '../../runtime/config';
import type { Logger } from '../../runtime/logger';
import { parseMailbox } from './compose-email';
import type { EmailProvider } from './email-provider';
import { KeyedRateLimiter } from './keyed-rate-limiter';
import {
  DEFAULT_NOTIFY_OPTIONS,
  type Clock,
  type LinkOptions,
  type NotifyDependencies,
  type NotifyHooks,
  type NotifyOptions,
} from './notify-dependencies';
import { createOaZaloProvider } from './oa-zalo-provider';
import { createOutboxEmailProvider } from './outbox-email-provider';
import { createSmtpEmailProvider } from './smtp-email-provider';
import type { ZaloProvider } from './zalo-provider';
import { ZaloTokenStore } from './zalo-token-store';
import { createZnsZaloProvider } from './zns-zalo-provider';

/** The configured email provider: the SMTP pool when SMTP_URL is set, the outbox under DATA_DIR otherwise. */
export function createEmailProvider(config: Readonly<Config>, log: Logger): EmailProvider {
  const email = config.email;
  if (email.mode === 'outbox') return createOutboxEmailProvider(email.dir);
  return createSmtpEmailProvider({
    url: email.url,
    poolMax: email.poolMax,
    ratePerPlan: email.ratePerPlan,
    requireTls: email.requireTls,
    tlsCa: email.tlsCaPath ? readFileSync(email.tlsCaPath, 'utf8') : undefined,
    dkim: email.dkim,
    log,
  });
}

/** The configured Zalo provider (ZNS or OA), with its token store in the database; undefined when disabled. */
export function createZaloProvider(
  config: Readonly<Config>,
  db: Kysely<Database>,
  log: Logger,
  clock: Clock = { now: () => Date.now() },
): ZaloProvider | undefined {
  const zalo = config.zalo;
  if (zalo.mode === 'disabled') return undefined;
  const tokens = new ZaloTokenStore({
    db,
    appId: zalo.appId,
    appSecret: zalo.appSecret,
    initialRefreshToken: zalo.refreshToken,
    oauthBaseUrl: zalo.oauthBaseUrl,
    refreshAheadMs: 60 * 60 * 1000,
    timeoutMs: zalo.timeoutMs,
    now: () => clock.now(),
    log,
  });
  if (zalo.mode === 'zns')
    return createZnsZaloProvider({ apiBaseUrl: zalo.apiBaseUrl, tokens, timeoutMs: zalo.timeoutMs });
  // OA messages go to followers: the contact with this number and a Zalo user id (unit CSV `*_zalo_user_id`).
  return createOaZaloProvider({
    apiBaseUrl: zalo.oaApiBaseUrl,
    tokens,
    timeoutMs: zalo.timeoutMs,
    followerOf: (phone) => findZaloFollower(db, `+${phone}`),
  });
}

/** The notification options a configuration implies: MAIL_FROM, the quiet hours, the Zalo pace. */
export function notifyOptionsFromConfig(config: Readonly<Config>): NotifyOptions {
  return {
    ...DEFAULT_NOTIFY_OPTIONS,
    mailFrom: parseMailbox(config.email.from) ?? DEFAULT_NOTIFY_OPTIONS.mailFrom,
    quietHours: config.zalo.quietHours,
    zaloPerSecond: config.zalo.mode === 'disabled' ? DEFAULT_NOTIFY_OPTIONS.zaloPerSecond : config.zalo.ratePerSecond,
  };
}

export interface NotifyDependencyInput {
  db: Kysely<Database>;
  email: EmailProvider;
  zalo: ZaloProvider | undefined;
  clock?: Clock | undefined;
  log: Logger;
  options?: Partial<NotifyOptions> | undefined;
  hooks?: NotifyHooks | undefined;
  links?: LinkOptions | undefined;
}

/** The links in messages from the configuration: PUBLIC_URL, and the reporters' link key (LINK_SECRET or DATA_DIR's). */
export function linkOptionsFromConfig(config: Readonly<Config>): LinkOptions {
  return {
    publicUrl: config.publicUrl,
    secret: loadLinkSecret(config.api.linkSecret, config.dataDir),
    daysAfterClose: config.api.linkDaysAfterClose,
  };
}

/** Assembles the notification dependencies, with the shared rate limiter and quota state of this worker. */
export function createNotifyDependencies(input: NotifyDependencyInput): NotifyDependencies {
  const options = { ...DEFAULT_NOTIFY_OPTIONS, ...input.options };
  const clock = input.clock ?? { now: () => Date.now() };
  return {
    db: input.db,
    email: input.email,
    zalo: input.zalo,
    clock,
    log: input.log,
    options,
    hooks: input.hooks,
    links: input.links,
    zaloLimiter: new KeyedRateLimiter(options.zaloPerSecond, 1, () => clock.now()),
    zaloQuota: { exhaustedUntilMs: 0 },
  };
}
