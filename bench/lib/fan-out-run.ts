import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import {
  bundleWorkflowCode,
  type NativeConnection,
  Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import type { Kysely } from 'kysely';
import pino from 'pino';
import type { NotificationRequest, NotificationResult } from '../../activities/notify/send-notification';
import { createActivities } from '../../activities';
import type { Database } from '../../db/schema';
import type { NewObligation } from '../../db/tables/obligation.table';
import { startPlanCycle } from '../../client/plans/start-plan-cycle';
import { createWorker, WORKFLOWS_PATH } from '../../worker/create-worker';
import { createBenchActivities } from '../activities';
import { waitForSignalWorkflow } from '../workflows';
import { percentile, round } from './stats';

const quietBundler = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => process.stderr.write(`${message}\n`),
};
const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);

const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();

/** The workflow bundle of `workflowsPath`, built once per process. */
function bundleOf(workflowsPath: string): Promise<WorkflowBundleWithSourceMap> {
  let bundle = bundles.get(workflowsPath);
  if (!bundle) {
    bundle = bundleWorkflowCode({ workflowsPath, logger: quietBundler });
    bundles.set(workflowsPath, bundle);
  }
  return bundle;
}

export interface BaselineFigures {
  what: string;
  /** One of the baseline's workflows, for its history. */
  sampleWorkflowId: string;
  workflows: number;
  concurrency: number;
  /** First start call → last start call answered. */
  wallMs: number;
  workflowsPerSecond: number;
  /** Per start call (with `concurrency` in flight: mostly queueing, p50 ≈ concurrency ÷ throughput). */
  startCallP50Ms: number;
  startCallP99Ms: number;
}

/**
 * The limit: starts `count` waitForSignalWorkflow executions from the client, at most `concurrency` start calls in
 * flight, with a worker of bench/workflows on its own task queue taking each one's first workflow task. Resolves
 * when every start call has been answered and the worker has stopped (the workflows stay open, idle, waiting).
 */
export async function runTrivialBaseline(
  connection: NativeConnection,
  client: Client,
  options: { count: number; concurrency: number; namespace: string },
): Promise<BaselineFigures> {
  const taskQueue = `bench-trivial-${randomUUID()}`;
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue,
    workflowBundle: await bundleOf(require.resolve('../workflows')),
    activities: createBenchActivities(),
  });
  const running = worker.run();
  const latencies: number[] = [];
  const prefix = `bench-trivial-${randomUUID().slice(0, 8)}`;
  let next = 0;
  const startedAt = performance.now();
  const lane = async () => {
    while (next < options.count) {
      const index = next++;
      const callAt = performance.now();
      await client.workflow.start(waitForSignalWorkflow, { taskQueue, workflowId: `${prefix}-${index}` });
      latencies.push(performance.now() - callAt);
      if (latencies.length % 1000 === 0) progress(`baseline: ${latencies.length}/${options.count} started`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, options.count) }, lane));
  } finally {
    worker.shutdown();
    await running;
  }
  const wallMs = performance.now() - startedAt;
  return {
    what: 'waitForSignalWorkflow started from the client, bounded concurrency (the limit)',
    sampleWorkflowId: `${prefix}-0`,
    workflows: options.count,
    concurrency: options.concurrency,
    wallMs: Math.round(wallMs),
    workflowsPerSecond: round(options.count / (wallMs / 1000), 1),
    startCallP50Ms: Math.round(percentile(latencies, 50)),
    startCallP99Ms: Math.round(percentile(latencies, 99)),
  };
}

/** A sendNotification that delivers nothing: the assignment notices are not what a fan-out measures. */
function noOpSender(): {
  count: () => number;
  sendNotification: (request: NotificationRequest) => Promise<NotificationResult>;
} {
  let sent = 0;
  return {
    count: () => sent,
    sendNotification: (request) => {
      sent += 1;
      return Promise.resolve({ deliveries: request.channels.map((channel) => ({ channel, status: 'sent' as const })) });
    },
  };
}

export interface FanOutFigures {
  what: string;
  expectedUnits: number;
  /** Units whose workflow recorded its obligation (the projection row): running, notice sent, timers set. */
  runningUnits: number;
  finished: boolean;
  /** startPlanCycle called → the last unit's obligation recorded (or the time-out). */
  wallMs: number;
  unitWorkflowsPerSecond: number;
  /** Per unit: startPlanCycle → its obligation recorded. */
  unitRunningP50Ms: number;
  unitRunningP99Ms: number;
  firstUnitMs: number;
  obligationRowsInDatabase: number;
  assignmentNotices: number;
  maxCachedWorkflows: number;
}

export interface FanOutRun {
  figures: FanOutFigures;
  worker: Worker;
  /** The unit workflows that reached running, in the order they did. */
  unitWorkflowIds: string[];
  /** Stops the worker (the workflows stay open on the server). */
  stop(): Promise<void>;
}

/**
 * Starts the app's worker (its real activities on `db`, sendNotification replaced by a no-op that counts) and the
 * cycle of the loaded plan `planCode`, whose first milestone opens at once, and waits until `expectedUnits` unit
 * workflows have recorded their obligation (a wrapper around recordObligation notes the first write of each), or
 * `timeoutMs` has passed. The worker keeps running for the caller (footprint measures it idle); `stop` ends it.
 */
export async function runPlanFanOut(
  connection: NativeConnection,
  client: Client,
  db: Kysely<Database>,
  options: { planCode: string; expectedUnits: number; namespace: string; timeoutMs: number },
): Promise<FanOutRun> {
  const taskQueue = `bench-fan-out-${randomUUID()}`;
  const real = createActivities({ db, zalo: null, links: null, log: pino({ level: 'silent' }) });
  const sender = noOpSender();
  const runningAt = new Map<string, number>();
  let startedAt = Number.NaN;
  const worker = await createWorker({
    connection,
    namespace: options.namespace,
    taskQueue,
    dependencies: { db, zalo: null, links: null, log: pino({ level: 'silent' }) },
    workflowBundle: await bundleOf(WORKFLOWS_PATH),
    activityOverrides: {
      sendNotification: sender.sendNotification,
      recordObligation: async (row: NewObligation) => {
        await real.recordObligation(row);
        if (!runningAt.has(row.workflow_id)) runningAt.set(row.workflow_id, performance.now() - startedAt);
      },
    },
  });
  const running = worker.run();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    worker.shutdown();
    await running;
  };
  try {
    startedAt = performance.now();
    await startPlanCycle(db, client, { code: options.planCode, taskQueue, actor: 'bench' });
    const deadline = startedAt + options.timeoutMs;
    let lastReport = performance.now();
    while (runningAt.size < options.expectedUnits && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (performance.now() - lastReport > 5000) {
        lastReport = performance.now();
        const seconds = (lastReport - startedAt) / 1000;
        progress(`fan-out: ${runningAt.size}/${options.expectedUnits} units running after ${Math.round(seconds)} s`);
      }
    }
    const wallMs = performance.now() - startedAt;
    const times = [...runningAt.values()];
    const rows = await db
      .selectFrom('obligations')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('plan_code', '=', options.planCode)
      .executeTakeFirstOrThrow();
    return {
      figures: {
        what: 'plan cycle → milestone tree of UnitMilestone workflows (real activities, no-op sendNotification)',
        expectedUnits: options.expectedUnits,
        runningUnits: runningAt.size,
        finished: runningAt.size >= options.expectedUnits,
        wallMs: Math.round(wallMs),
        unitWorkflowsPerSecond: round(runningAt.size / (wallMs / 1000), 1),
        unitRunningP50Ms: times.length ? Math.round(percentile(times, 50)) : Number.NaN,
        unitRunningP99Ms: times.length ? Math.round(percentile(times, 99)) : Number.NaN,
        firstUnitMs: times.length ? Math.round(Math.min(...times)) : Number.NaN,
        obligationRowsInDatabase: Number(rows.count),
        assignmentNotices: sender.count(),
        maxCachedWorkflows: worker.options.maxCachedWorkflows,
      },
      worker,
      unitWorkflowIds: [...runningAt.keys()],
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
