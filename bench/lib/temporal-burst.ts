import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { startPlanCycle } from '../../client/plans/start-plan-cycle';
import type { Database } from '../../db/schema';
import { WORKFLOWS_PATH } from '../../worker/create-worker';
import { startBenchChild, type BenchChild } from './bench-child';
import { loadBurstPlan } from './burst-plan';
import { burstFigures, type BurstFigures, type BurstSink, type SinkArrival } from './burst-sink';
import { type Province, unitCodes } from './national-plan';
import { round } from './stats';

const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** The reporter's address of a unit, as bench/lib/national-plan.ts imports it: one reminder each per burst. */
export const reporterAddress = (unitCode: string) => `vt-${unitCode.toLowerCase()}@bench.example.invalid`;

/** Builds the workflow bundle once into `dir`, so every worker process (and its restart) loads it without bundling. */
export async function writeWorkflowBundle(dir: string): Promise<string> {
  const quiet = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined };
  const bundle = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: { ...quiet, warn: () => undefined, error: (m: string) => void process.stderr.write(`${m}\n`) },
  });
  const file = path.join(dir, 'workflow-bundle.js');
  writeFileSync(file, bundle.code);
  return file;
}

export interface TemporalBurstOptions {
  db: Kysely<Database>;
  databaseUrl: string;
  client: Client;
  temporalAddress: string;
  sink: BurstSink;
  provinces: readonly Province[];
  bundlePath: string;
  smtpPool: number;
  /** From the cycle's start to the reminder instant: the fan-out must finish within it. */
  leadMs: number;
  /** SIGKILL the worker once this share of the reminders has reached the sink, then start it again. */
  killAt?: number;
  /** After the reminder instant, how long to wait for every reminder. */
  timeoutMs: number;
}

export interface TemporalBurstFigures {
  units: number;
  /** Cycle started → every unit's assignment notices answered (its workflow about to set its reminder timer). */
  fanOutMs: number;
  /** Units whose workflow runs ÷ fanOutMs: the rate at which our side schedules the reminders. */
  schedulingPerSecond: number;
  /** Units whose workflow was about to set its reminder timer 2 s before the instant: all of them, normally. */
  unitsWaitingAtInstant: number;
  /** The fan-out's end → the reminder instant: the burst starts from idle workflows waiting on their timers. */
  idleBeforeReminderMs: number;
  reminderAt: string;
  crash?: { killedAfterMessages: number; restartMs: number };
  sink: BurstFigures;
}

/**
 * Our side of a reminder burst: a plan over `provinces` whose reminders all fall at one instant `leadMs` after the
 * start, its cycle started on the real workflows, the app's worker in a child process (bench/peer/temporal-worker.ts)
 * with the real sendNotification to `sink`. Waits for the fan-out, the instant and every reminder; with `killAt`,
 * SIGKILLs the worker mid-burst and starts a new one. Throws when the fan-out does not finish in time.
 */
export async function runTemporalBurst(options: TemporalBurstOptions): Promise<TemporalBurstFigures> {
  const code = `KH-BURST-${randomUUID().slice(0, 6).toUpperCase()}`;
  const taskQueue = `bench-burst-${randomUUID()}`;
  const codes = unitCodes(options.provinces);
  const expected = new Set(codes.map(reporterAddress));
  const ours = (arrivals: readonly SinkArrival[]) =>
    arrivals.filter((arrival) => arrival.deliveryKey?.startsWith(`plan/${code}/`));
  const env = {
    BENCH_DATABASE_URL: options.databaseUrl,
    BENCH_TEMPORAL_ADDRESS: options.temporalAddress,
    BENCH_TASK_QUEUE: taskQueue,
    BENCH_SMTP_URL: options.sink.url,
    BENCH_SMTP_POOL: String(options.smtpPool),
    BENCH_WORKFLOW_BUNDLE: options.bundlePath,
  };
  let assigned = 0;
  const onLine = (line: string) => {
    const match = /^assigned (\d+)$/.exec(line);
    if (match) assigned = Math.max(assigned, Number(match[1]));
  };
  let worker: BenchChild = await startBenchChild('bench/peer/temporal-worker.ts', env, onLine);
  try {
    const startedAt = Date.now();
    const { reminderAt } = await loadBurstPlan(options.db, {
      code,
      provinces: options.provinces,
      reminderAtMs: startedAt + options.leadMs,
    });
    const reminderAtMs = Date.parse(reminderAt);
    await startPlanCycle(options.db, options.client, { code, taskQueue, actor: 'bench' });
    // A unit waits for the instant once its assignment notices are answered (the next step sets the timer); its
    // obligation row alone is not enough: the notices may queue behind other activities for minutes under load.
    let lastReport = Date.now();
    while (assigned < codes.length) {
      // A unit whose workflow reaches its timer after the instant skips the reminder as past (counted lost, and
      // `unitsWaitingAtInstant` says why): the run goes on rather than throw away the rest.
      if (Date.now() >= reminderAtMs - 2000) {
        progress(`${code}: only ${assigned}/${codes.length} units wait for the reminder; raise --lead-seconds`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        const seconds = Math.round((lastReport - startedAt) / 1000);
        progress(`${code}: ${assigned}/${codes.length} units waiting for the reminder after ${seconds} s`);
      }
    }
    const fanOutMs = Date.now() - startedAt;
    progress(`${code}: fan-out of ${codes.length} units in ${fanOutMs} ms; reminders at ${reminderAt}`);

    let crash: TemporalBurstFigures['crash'];
    if (options.killAt !== undefined) {
      const at = Math.ceil(codes.length * options.killAt);
      await options.sink.waitUntil(
        (arrivals) => ours(arrivals).length >= at,
        reminderAtMs - Date.now() + options.timeoutMs,
      );
      await worker.kill();
      const killedAfterMessages = ours(options.sink.arrivals).length;
      const restartAt = Date.now();
      worker = await startBenchChild('bench/peer/temporal-worker.ts', env);
      crash = { killedAfterMessages, restartMs: Date.now() - restartAt };
      progress(`${code}: worker SIGKILLed after ${killedAfterMessages} reminders, restarted in ${crash.restartMs} ms`);
    }
    const complete = (arrivals: readonly SinkArrival[]) =>
      new Set(ours(arrivals).map((a) => a.to)).size >= expected.size;
    const done = await options.sink.waitUntil(complete, Math.max(0, reminderAtMs - Date.now()) + options.timeoutMs);
    if (!done)
      progress(`${code}: time-out with ${new Set(ours(options.sink.arrivals).map((a) => a.to)).size} recipients`);
    // Late copies (a retried send after the crash) arrive after the last first copy: give them a moment.
    if (options.killAt !== undefined) await new Promise((resolve) => setTimeout(resolve, 5000));
    return {
      units: codes.length,
      fanOutMs,
      schedulingPerSecond: round(codes.length / (fanOutMs / 1000), 1),
      unitsWaitingAtInstant: Math.min(assigned, codes.length),
      idleBeforeReminderMs: reminderAtMs - (startedAt + fanOutMs),
      reminderAt,
      ...(crash ? { crash } : {}),
      sink: burstFigures(ours(options.sink.arrivals), expected, reminderAtMs),
    };
  } finally {
    await worker.stop();
  }
}
