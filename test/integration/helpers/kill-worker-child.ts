/**
 * The worker the fault tests SIGKILL: the real workflows (a prebuilt bundle) and the real activities (this file is
 * itself bundled with esbuild by worker-process.ts, so a process is up in about a second rather than tsx's four), sending through an SMTP pool to the test's sink and logging to its Postgres. Configured by
 * FAULT_TEMPORAL_ADDRESS, FAULT_TASK_QUEUE, FAULT_DATABASE_URL, FAULT_SMTP_URL and FAULT_BUNDLE_PATH. It loads
 * and builds everything, prints `ready`, and waits for a line `go` on stdin before it polls: the parent warms the
 * next worker while the current one runs, so a restart after a kill takes milliseconds. The delivery lease is 0 s: the parent kills it only when it is dead, so a retry may take over at
 * once instead of after the 150 s a live worker's attempt is granted.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import pino from 'pino';
import { createActivities } from '../../../activities';
import { createSmtpEmailProvider } from '../../../activities/notify/smtp-email-provider';
import { createDatabase } from '../../../db/database';

async function main(): Promise<void> {
  const log = pino({ level: 'silent' });
  const db = createDatabase({ url: process.env.FAULT_DATABASE_URL!, maxConnections: 10 });
  const email = createSmtpEmailProvider({
    url: process.env.FAULT_SMTP_URL!,
    poolMax: 5,
    ratePerPlan: 0,
    requireTls: false,
    log,
  });
  const connection = await NativeConnection.connect({ address: process.env.FAULT_TEMPORAL_ADDRESS! });
  // worker/create-worker.ts's Worker, with the prebuilt bundle (its workflowsPath cannot be resolved from a bundle).
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: process.env.FAULT_TASK_QUEUE!,
    activities: createActivities({
      db,
      email,
      zalo: null,
      log,
      links: null,
      notify: { mailFrom: { name: 'Đôn đốc', address: 'khong-tra-loi@sonoivu.example.vn' }, leaseSeconds: 0 },
    }),
    workflowBundle: { codePath: process.env.FAULT_BUNDLE_PATH! },
  });
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  // A stdin still read would keep the process alive after the worker stops.
  process.stdin.pause();
  process.stdout.write('running\n');
  try {
    await worker.run();
  } finally {
    await email.close();
    await db.destroy();
    await connection.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
