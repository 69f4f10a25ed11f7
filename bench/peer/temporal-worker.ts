// The app's worker as a child process of a reminder-burst benchmark, so the benchmark can SIGKILL it mid-burst and
// start it again: every workflow and activity of workflows/ and activities/ on the real database, with the real
// sendNotification (notification log before and after each send, the nodemailer SMTP pool) for the reminders. The
// assignment notices the units get when the tree opens are answered by a no-op that sends nothing: they are not the
// burst, and sending them would only lengthen the set-up. Configured by the parent through the environment:
//   BENCH_DATABASE_URL, BENCH_TEMPORAL_ADDRESS, BENCH_TASK_QUEUE, BENCH_SMTP_URL, BENCH_SMTP_POOL,
//   BENCH_WORKFLOW_BUNDLE (a bundle file the parent built once, so a restart takes no bundling time).
// Prints `ready` on stdout once it polls, then `assigned N` as units open; SIGTERM drains it.
import { DefaultLogger, makeTelemetryFilterString, NativeConnection, Runtime } from '@temporalio/worker';
import pino from 'pino';
import { createSmtpEmailProvider } from '../../activities/notify/smtp-email-provider';
import type { NotificationRequest, NotificationResult } from '../../activities/notify/send-notification';
import { createActivities } from '../../activities';
import { createDatabase } from '../../db/database';
import { createWorker } from '../../worker/create-worker';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/**
 * Only reminders go out for real; every other notice is answered as sent without sending. The assignment notice to
 * a unit's head is the last activity before its workflow sets the reminder timer, so their count (printed as
 * `assigned N`) tells the parent how many units are waiting for the instant.
 */
function remindersOnly(send: (request: NotificationRequest) => Promise<NotificationResult>) {
  let assigned = 0;
  return async function sendNotification(request: NotificationRequest): Promise<NotificationResult> {
    if (request.kind === 'reminder') return send(request);
    if (request.kind === 'assignment' && request.recipient.role === 'head') {
      process.stdout.write(`assigned ${++assigned}\n`);
    }
    return { deliveries: request.channels.map((channel) => ({ channel, status: 'sent' as const })) };
  };
}

async function main(): Promise<void> {
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { console: {}, filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
  });
  const log = pino({ level: 'silent' });
  const db = createDatabase({ url: env('BENCH_DATABASE_URL'), maxConnections: 20 });
  const email = createSmtpEmailProvider({
    url: env('BENCH_SMTP_URL'),
    poolMax: Number(env('BENCH_SMTP_POOL')),
    ratePerPlan: 0,
    requireTls: false,
    log,
  });
  const dependencies = {
    db,
    email,
    zalo: null,
    links: null,
    log,
    notify: { mailFrom: { name: 'Đôn đốc', address: 'khong-tra-loi@sonoivu.example.vn' } },
  };
  const connection = await NativeConnection.connect({ address: env('BENCH_TEMPORAL_ADDRESS') });
  const worker = await createWorker({
    connection,
    namespace: 'default',
    taskQueue: env('BENCH_TASK_QUEUE'),
    dependencies,
    workflowBundle: { codePath: env('BENCH_WORKFLOW_BUNDLE') },
    activityOverrides: { sendNotification: remindersOnly(createActivities(dependencies).sendNotification) },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
  const running = worker.run();
  process.stdout.write('ready\n');
  try {
    await running;
  } finally {
    await email.close();
    await connection.close();
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[temporal-worker] ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
