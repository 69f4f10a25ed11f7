import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { loadConfig } from '../../runtime/config';
import { createLogger, type Logger } from '../../runtime/logger';
import { checkZaloReceiptsActivity } from './check-zalo-receipts';
import {
  createEmailProvider,
  createNotifyDependencies,
  createZaloProvider,
  linkOptionsFromConfig,
  notifyOptionsFromConfig,
} from './create-notify-dependencies';
import type { EmailProvider } from './email-provider';
import type { Clock, LinkOptions, NotifyDependencies, NotifyHooks, NotifyOptions } from './notify-dependencies';
import { sendNotificationActivity } from './send-notification';
import type { ZaloProvider } from './zalo-provider';

/** What the notification activities may be given; whatever is absent comes from the process configuration. */
export interface NotifyActivityInput {
  db: Kysely<Database>;
  email?: EmailProvider | undefined;
  /** `null` turns Zalo off even when it is configured (a test that wants email only). */
  zalo?: ZaloProvider | null | undefined;
  clock?: Clock | undefined;
  log?: Logger | undefined;
  notify?: (Partial<NotifyOptions> & { hooks?: NotifyHooks }) | undefined;
  /** The links in messages; from the configuration when the rest comes from it, `null` for none. */
  links?: LinkOptions | null | undefined;
}

/**
 * The notification activities. Dependencies left out are built on first use from the configuration (the outbox
 * or the SMTP pool, Zalo when ZALO_APP_ID is set), so a worker that passes only `db` still sends, and one that
 * never sends never reads the environment for it.
 */
export function createNotifyActivities(input: NotifyActivityInput) {
  let built: NotifyDependencies | undefined;
  const deps = (): NotifyDependencies => {
    if (built) return built;
    const needsConfig = !input.email || input.zalo === undefined || !input.log || !input.notify?.mailFrom;
    const config = needsConfig ? loadConfig() : undefined;
    const log = input.log ?? createLogger('notify', config?.logLevel ?? 'info');
    const { hooks, ...options } = input.notify ?? {};
    built = createNotifyDependencies({
      db: input.db,
      email: input.email ?? createEmailProvider(config!, log),
      zalo: input.zalo === null ? undefined : (input.zalo ?? createZaloProvider(config!, input.db, log, input.clock)),
      clock: input.clock,
      log,
      options: { ...(config ? notifyOptionsFromConfig(config) : {}), ...options },
      hooks,
      links: input.links === null ? undefined : (input.links ?? (config ? linkOptionsFromConfig(config) : undefined)),
    });
    return built;
  };
  return {
    sendNotification: lazy(deps, sendNotificationActivity),
    checkZaloReceipts: lazy(deps, checkZaloReceiptsActivity),
  };
}

/** An activity whose dependencies are built when it first runs; the function keeps its name for Temporal. */
function lazy<A extends unknown[], R>(
  deps: () => NotifyDependencies,
  build: (deps: NotifyDependencies) => (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  let activity: ((...args: A) => Promise<R>) | undefined;
  return (...args: A) => {
    activity ??= build(deps());
    return activity(...args);
  };
}
