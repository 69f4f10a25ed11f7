/**
 * A worker that sends one notification and may die on the way: run by crash-send.test.ts as a child process,
 * `KILL_AT` names the step (activities/notify/notify-dependencies.ts NotifyStep) at which it SIGKILLs itself, through
 * the test-only hook of the dependencies. Prints the result as JSON when it survives.
 */
import pino from 'pino';
import { createNotifyDependencies } from '../../../../activities/notify/create-notify-dependencies';
import type { NotifyStep } from '../../../../activities/notify/notify-dependencies';
import { sendNotificationActivity } from '../../../../activities/notify/send-notification';
import { createSmtpEmailProvider } from '../../../../activities/notify/smtp-email-provider';
import { createDatabase } from '../../../../db/database';
import type { NotificationRequest } from '../../../../domain/notify/notification-request';

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
    zalo: undefined,
    log,
    options: { mailFrom: { name: 'Đôn đốc', address: 'khong-tra-loi@sonoivu.example.vn' }, leaseSeconds: 0 },
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
