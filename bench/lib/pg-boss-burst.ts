import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import { formatVietnamInstant } from '../../domain/civil-time';
import type { ReminderJob } from '../peer/reminder-message';
import { startBenchChild, type BenchChild } from './bench-child';
import { burstFigures, type BurstFigures, type BurstSink, type SinkArrival } from './burst-sink';
import { round } from './stats';
import { reporterAddress } from './temporal-burst';

const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const SCHEDULING_CONCURRENCY = 16;

/** The peer's queue settings, as a team would choose them for email jobs (pg-boss's defaults: 15 min, 2 retries). */
export const PEER_QUEUE_POLICY = { retryLimit: 5, retryDelay: 1, expireInSeconds: 30 } as const;

export interface PgBossBurstOptions {
  /** The database pg-boss keeps its schema (`pgboss`) in. */
  url: string;
  sink: BurstSink;
  unitCodes: readonly string[];
  smtpPool: number;
  batchSize: number;
  pollingIntervalSeconds: number;
  leadMs: number;
  killAt?: number;
  timeoutMs: number;
}

export interface PgBossBurstFigures {
  units: number;
  /** One `sendAfter` per unit (16 in flight) → every job stored. */
  schedulingMs: number;
  schedulingPerSecond: number;
  idleBeforeReminderMs: number;
  reminderAt: string;
  crash?: { killedAfterMessages: number; restartMs: number };
  sink: BurstFigures;
}

/**
 * The peer's side of a reminder burst: one pg-boss delayed job per unit (`sendAfter` the reminder instant) on the
 * same PostgreSQL, worked by bench/peer/pg-boss-worker.ts in a child process that sends through a nodemailer pool to
 * `sink`. With `killAt`, SIGKILLs the worker once that share of the reminders arrived and starts a new one.
 */
export async function runPgBossBurst(options: PgBossBurstOptions): Promise<PgBossBurstFigures> {
  const queue = `reminders-${randomUUID().slice(0, 8)}`;
  const planCode = `PEER-${queue}`;
  const expected = new Set(options.unitCodes.map(reporterAddress));
  const ours = (arrivals: readonly SinkArrival[]) =>
    arrivals.filter((arrival) => arrival.deliveryKey?.startsWith(`peer/${planCode}/`));
  const boss = new PgBoss({ connectionString: options.url, max: 10, supervise: false });
  boss.on('error', (error: Error) => progress(`pg-boss: ${error.message}`));
  await boss.start();
  let worker: BenchChild | undefined;
  try {
    await boss.createQueue(queue, { name: queue, ...PEER_QUEUE_POLICY });
    const startedAt = Date.now();
    const reminderAtMs = Math.ceil((startedAt + options.leadMs) / 1000) * 1000;
    const reminderAt = formatVietnamInstant(reminderAtMs);
    const dueAt = formatVietnamInstant(reminderAtMs + 30 * 86_400_000);
    let next = 0;
    const lane = async () => {
      while (next < options.unitCodes.length) {
        const unitCode = options.unitCodes[next++]!;
        const job: ReminderJob = { planCode, unitCode, reminderAt, dueAt };
        await boss.sendAfter(queue, job, {}, new Date(reminderAtMs));
      }
    };
    await Promise.all(Array.from({ length: SCHEDULING_CONCURRENCY }, lane));
    const schedulingMs = Date.now() - startedAt;
    if (Date.now() >= reminderAtMs) throw new Error('pg-boss: scheduling ran past the reminder; raise --lead-seconds');
    const env = {
      BENCH_PGBOSS_URL: options.url,
      BENCH_PGBOSS_QUEUE: queue,
      BENCH_SMTP_URL: options.sink.url,
      BENCH_SMTP_POOL: String(options.smtpPool),
      BENCH_PGBOSS_BATCH: String(options.batchSize),
      BENCH_PGBOSS_POLL_SECONDS: String(options.pollingIntervalSeconds),
    };
    worker = await startBenchChild('bench/peer/pg-boss-worker.ts', env);
    progress(`${queue}: ${options.unitCodes.length} jobs in ${schedulingMs} ms; reminders at ${reminderAt}`);

    let crash: PgBossBurstFigures['crash'];
    if (options.killAt !== undefined) {
      const at = Math.ceil(options.unitCodes.length * options.killAt);
      await options.sink.waitUntil(
        (arrivals) => ours(arrivals).length >= at,
        reminderAtMs - Date.now() + options.timeoutMs,
      );
      await worker.kill();
      const killedAfterMessages = ours(options.sink.arrivals).length;
      const restartAt = Date.now();
      worker = await startBenchChild('bench/peer/pg-boss-worker.ts', env);
      crash = { killedAfterMessages, restartMs: Date.now() - restartAt };
      progress(`${queue}: worker SIGKILLed after ${killedAfterMessages} reminders, restarted in ${crash.restartMs} ms`);
    }
    const complete = (arrivals: readonly SinkArrival[]) =>
      new Set(ours(arrivals).map((a) => a.to)).size >= expected.size;
    if (!(await options.sink.waitUntil(complete, reminderAtMs - Date.now() + options.timeoutMs))) {
      progress(`${queue}: time-out with ${new Set(ours(options.sink.arrivals).map((a) => a.to)).size} recipients`);
    }
    if (options.killAt !== undefined) await new Promise((resolve) => setTimeout(resolve, 5000));
    return {
      units: options.unitCodes.length,
      schedulingMs,
      schedulingPerSecond: round(options.unitCodes.length / (schedulingMs / 1000), 1),
      idleBeforeReminderMs: reminderAtMs - (startedAt + schedulingMs),
      reminderAt,
      ...(crash ? { crash } : {}),
      sink: burstFigures(ours(options.sink.arrivals), expected, reminderAtMs),
    };
  } finally {
    await worker?.stop();
    await boss.stop({ graceful: false, wait: true });
  }
}
