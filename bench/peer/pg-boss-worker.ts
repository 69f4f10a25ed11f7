// The peer's worker, as a team would write it without Temporal: pg-boss fetches the reminder jobs that have come
// due (delayed jobs, `startAfter`) from PostgreSQL, and each is sent through a nodemailer SMTP pool; the job is
// completed once the server accepted the message. No notification log: a job that was sent but not yet completed
// when the process died is sent again after it expires (pg-boss is at-least-once). A child process of
// bench/peer-pg-boss.ts, which SIGKILLs it mid-burst. Environment:
//   BENCH_PGBOSS_URL, BENCH_PGBOSS_QUEUE, BENCH_SMTP_URL, BENCH_SMTP_POOL, BENCH_PGBOSS_BATCH,
//   BENCH_PGBOSS_POLL_SECONDS (pg-boss's default 2 when unset)
// Prints `ready` on stdout once it works the queue; SIGTERM stops it gracefully.
import nodemailer from 'nodemailer';
import PgBoss from 'pg-boss';
import { reminderMail, reminderRequest, type ReminderJob } from './reminder-message';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/** Expired active jobs (a dead worker's) are found by pg-boss's maintenance; 5 s keeps the retry prompt. */
const PGBOSS_MAINTENANCE_SECONDS = 5;

async function main(): Promise<void> {
  const url = new URL(env('BENCH_SMTP_URL'));
  const transport = nodemailer.createTransport({
    pool: true,
    host: url.hostname,
    port: Number(url.port),
    secure: false,
    maxConnections: Number(env('BENCH_SMTP_POOL')),
    maxMessages: 1000,
  });
  const boss = new PgBoss({
    connectionString: env('BENCH_PGBOSS_URL'),
    max: 10,
    maintenanceIntervalSeconds: PGBOSS_MAINTENANCE_SECONDS,
  });
  boss.on('error', (error: Error) => process.stderr.write(`[pg-boss-worker] ${error.message}\n`));
  await boss.start();
  const queue = env('BENCH_PGBOSS_QUEUE');
  await boss.work<ReminderJob>(
    queue,
    // pg-boss 10 waits the polling interval between fetches even when a fetch found jobs, so a worker sends at most
    // batchSize ÷ interval jobs per second: the batch and the interval are the peer's throughput knobs.
    {
      batchSize: Number(env('BENCH_PGBOSS_BATCH')),
      pollingIntervalSeconds: Number(process.env.BENCH_PGBOSS_POLL_SECONDS ?? '2'),
    },
    async (jobs) => {
      // A failed send fails the whole batch: pg-boss retries every job of it, those already sent too.
      const results = await Promise.allSettled(
        jobs.map((job) => transport.sendMail(reminderMail(reminderRequest(job.data)).message)),
      );
      const failed = results.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    },
  );
  process.stdout.write('ready\n');
  const stop = async () => {
    await boss.stop({ graceful: true, wait: true });
    transport.close();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`[pg-boss-worker] ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
