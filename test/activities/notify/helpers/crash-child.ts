/**
 * A worker that sends one notification and may die on the way: run by crash-send.test.ts and crash-zalo.test.ts as a
 * child process, `KILL_AT` names the step (activities/notify/notify-dependencies.ts NotifyStep) at which it SIGKILLs
 * itself, through the test-only hook of the dependencies. With `CRASH_ZALO_URL` it also sends by ZNS, to that server
 * (its OAuth endpoint too), with the token pair kept in the same database. Prints the result as JSON when it survives.
 */
import pino from 'pino';
import { createNotifyDependencies } from '../../../../activities/notify/create-notify-dependencies';
import type { NotifyStep } from '../../../../activities/notify/notify-dependencies';
import { sendNotificationActivity } from '../../../../activities/notify/send-notification';
import { createSmtpEmailProvider } from '../../../../activities/notify/smtp-email-provider';
import type { ZaloProvider } from '../../../../activities/notify/zalo-provider';
import { ZaloTokenStore } from '../../../../activities/notify/zalo-token-store';
import { createZnsZaloProvider } from '../../../../activities/notify/zns-zalo-provider';
import { createDatabase } from '../../../../db/database';
import type { Database } from '../../../../db/schema';
import type { NotificationRequest } from '../../../../domain/notify/notification-request';
import type { Kysely } from 'kysely';

/** The ZNS provider of `CRASH_ZALO_URL`, or none. */
function zaloProvider(db: Kysely<Database>, log: pino.Logger): ZaloProvider | undefined {
  const url = process.env.CRASH_ZALO_URL;
  if (!url) return undefined;
  const app = JSON.parse(process.env.CRASH_ZALO_APP!) as { appId: string; appSecret: string; refreshToken: string };
  const tokens = new ZaloTokenStore({
    db,
    appId: app.appId,
    appSecret: app.appSecret,
    initialRefreshToken: app.refreshToken,
    oauthBaseUrl: url,
    refreshAheadMs: 3_600_000,
    timeoutMs: 10_000,
    now: () => Date.now(),
    log,
  });
  return createZnsZaloProvider({ apiBaseUrl: url, tokens, timeoutMs: 10_000 });
}

async function main(): Promise<void> {
  const db = createDatabase({ url: process.env.CRASH_DATABASE_URL!, maxConnections: 2 });
  const log = pino({ level: 'silent' });
  const email = createSmtpEmailProvider({
    url: process.env.CRASH_SMTP_URL!,
    poolMax: 1,
    ratePerPlan: 0,
    requireTls: false,
    log,
  });
  const killAt = process.env.KILL_AT as NotifyStep | undefined;
  const deps = createNotifyDependencies({
    db,
    email,
    zalo: zaloProvider(db, log),
    log,
    options: {
      mailFrom: { name: 'Đôn đốc', address: 'khong-tra-loi@sonoivu.example.vn' },
      leaseSeconds: 0,
      zaloPerSecond: 0,
    },
    hooks: {
      step(step) {
        if (step === killAt) process.kill(process.pid, 'SIGKILL');
      },
    },
  });
  try {
    const request = JSON.parse(process.env.CRASH_REQUEST!) as NotificationRequest;
    process.stdout.write(`${JSON.stringify(await sendNotificationActivity(deps)(request))}\n`);
  } finally {
    await email.close();
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
