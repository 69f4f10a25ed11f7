// Footprint and lifetime. (1) The worker's memory with every unit workflow of a national milestone open: the fan-out
// of bench/fan-out.ts on the production-shaped server, then the worker idle (its sticky cache as the app sets it).
// (2) The largest workflow history over a simulated five-year cycle: the Cao Bằng plan 2021–2025 (the real units
// of test/workflows/cao-bang-units.ts, four milestones, the 2025 reform and the amendment of 02/07/2025) on the
// time-skipping server from June 2021 to its end, with no report ever submitted, so every reminder and every
// escalation step runs — the longest histories the plan can make. Prints one JSON object on stdout.
//   node --import tsx bench/footprint.ts                        # national fan-out, then the five-year cycle
//   node --import tsx bench/footprint.ts --provinces 2          # a smaller fan-out while developing
//   node --import tsx bench/footprint.ts --skip-national        # the five-year cycle only (≈ 1 min)
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, makeTelemetryFilterString, NativeConnection, Runtime } from '@temporalio/worker';
import pino from 'pino';
import { importUnits } from '../db/import/import-units';
import { createPlan } from '../db/plan.repository';
import { buildWorkingCalendar } from '../domain/calendar/working-calendar-builder';
import { parseInstant } from '../domain/civil-time';
import { planCycleWorkflowId, unitMilestoneWorkflowId } from '../domain/ids';
import { loadPlan } from '../domain/plan/load-plan';
import { loadCalendarFiles } from '../runtime/calendar-files';
import { startTimeSkippingEnvironment } from '../test/helpers/temporal-servers';
import { caoBangPlan, OWNER, writeCaoBangSubset } from '../test/workflows/cao-bang-units';
import { createWorker, WORKFLOWS_PATH } from '../worker/create-worker';
import { amendPlanSignal, planCycleWorkflow } from '../workflows/plan-cycle';
import { bundleWorkflowCode } from '@temporalio/worker';
import { registerTempDir, removeTempDir } from './lib/cleanup';
import { runPlanFanOut } from './lib/fan-out-run';
import { historiesOfChain, historySize, type HistorySize } from './lib/history-size';
import {
  benchPlanText,
  importNationalUnits,
  loadBenchPlan,
  NATIONAL_OWNER,
  readNationalUnits,
  unitCodes,
  vietnamToday,
} from './lib/national-plan';
import { processMemory } from './lib/process-memory';
import { freshDatabase, startPrivatePostgres, startProductionTemporal } from './lib/scale-servers';
import { round } from './lib/stats';

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
type Postgres = ReturnType<typeof startPrivatePostgres>;

/** The national fan-out on the production-shaped server, then the worker's memory after `idleSeconds` idle. */
async function nationalFootprint(postgres: Postgres, options: { provinces: number; idleSeconds: number }) {
  const provinces = readNationalUnits().slice(0, options.provinces);
  const expected = unitCodes(provinces).length;
  const database = await freshDatabase(postgres.url, `dondoc_bench_footprint_${process.pid}`);
  const server = startProductionTemporal(postgres.url);
  const connection = await NativeConnection.connect({ address: server.address });
  const clientConnection = await Connection.connect({ address: server.address });
  const client = new Client({ connection: clientConnection, namespace: 'default' });
  try {
    const owner = { unit: NATIONAL_OWNER, name: 'Bộ Nội vụ' };
    await importNationalUnits(database.db, { provinces, owner });
    const planCode = `KH-BENCH-${randomUUID().slice(0, 6).toUpperCase()}`;
    const scope = `[${provinces.map((p) => `{ unit: '${p.level1_id}' }`).join(', ')}]`;
    const levels = ['cấp tỉnh', 'cấp huyện', 'cấp xã'];
    await loadBenchPlan(database.db, benchPlanText({ code: planCode, owner, scope, levels, today: vietnamToday() }));
    const before = processMemory();
    const run = await runPlanFanOut(connection, client, database.db, {
      planCode,
      expectedUnits: expected,
      namespace: 'default',
      timeoutMs: 30 * 60_000,
    });
    log(`fan-out: ${run.figures.runningUnits}/${expected} running; idle for ${options.idleSeconds} s`);
    await new Promise((resolve) => setTimeout(resolve, options.idleSeconds * 1000));
    global.gc?.();
    const idle = processMemory();
    await run.stop();
    return {
      units: expected,
      runningUnits: run.figures.runningUnits,
      fanOutWallMs: run.figures.wallMs,
      maxCachedWorkflows: run.figures.maxCachedWorkflows,
      idleSeconds: options.idleSeconds,
      memoryBeforeFanOut: before,
      memoryIdleAllOpen: idle,
      rssPerOpenWorkflowKiB: round(((idle.rssMiB - before.rssMiB) * 1024) / Math.max(1, run.figures.runningUnits), 1),
      process: 'this one: the worker, the client and the database pool of the benchmark',
    };
  } finally {
    await clientConnection.close();
    await connection.close();
    server.stop();
    await database.close();
  }
}

/** The Cao Bằng cycle 2021–2025 with no submission; the largest history per workflow type. */
async function fiveYearHistories(postgres: Postgres) {
  const env = await startTimeSkippingEnvironment({ startAt: '2021-06-01T00:00:00+07:00' });
  const database = await freshDatabase(postgres.url, `dondoc_bench_five_years_${process.pid}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-bench-cao-bang-'));
  registerTempDir(dir);
  try {
    const units = writeCaoBangSubset(dir);
    const today = { today: vietnamToday() };
    await importUnits(database.db, { files: [units.units], format: 'dvhcvn', validFrom: '2021-01-01' }, today);
    await importUnits(database.db, { files: [units.reform], format: 'reform', validFrom: undefined }, today);
    await importUnits(database.db, { files: [units.contacts], format: 'csv' }, today);
    const code = `KH-CB-${randomUUID().slice(0, 6)}`;
    const calendar = buildWorkingCalendar(await loadCalendarFiles());
    const v1 = loadPlan(caoBangPlan(code), 'plans/cao-bang.yaml', calendar);
    // The amendment of 02/07/2025, as in the scenario: after the reform, the final reports are due 31/07.
    const v2 = loadPlan(
      caoBangPlan(code).replace('due: chậm nhất ngày 15/7', 'due: chậm nhất ngày 31/7'),
      'plans/cao-bang.yaml',
      calendar,
    ).resolved;
    await createPlan(database.db, {
      sourceFile: 'plans/cao-bang.yaml',
      sourceText: caoBangPlan(code),
      definition: v1.plan,
      resolved: v1.resolved,
      actor: 'bench',
    });
    const taskQueue = `bench-five-years-${randomUUID()}`;
    let notices = 0;
    const worker = await createWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      dependencies: { db: database.db, zalo: null, links: null, log: pino({ level: 'silent' }) },
      workflowBundle: await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: silentBundler }),
      activityOverrides: {
        sendNotification: (request) => {
          notices += 1;
          return Promise.resolve({ deliveries: request.channels.map((channel) => ({ channel, status: 'sent' })) });
        },
      },
    });
    const started = performance.now();
    const advanceTo = async (iso: string) => env.sleep(Math.max(0, parseInstant(iso) - (await env.currentTimeMs())));
    const firstRunId = await worker.runUntil(async () => {
      const cycle = await env.client.workflow.start(planCycleWorkflow, {
        workflowId: planCycleWorkflowId(code),
        taskQueue,
        args: [{ version: 1, planVersion: 1, plan: v1.resolved, opened: [] }],
      });
      await advanceTo('2025-07-02T09:00:00+07:00');
      await cycle.signal(amendPlanSignal, { planVersion: 2, plan: v2 });
      log('five-year cycle: amended on 02/07/2025; running to its end');
      await cycle.result();
      return cycle.firstExecutionRunId;
    });
    const simulatedUntil = new Date(await env.currentTimeMs()).toISOString();
    const wallMs = Math.round(performance.now() - started);

    // Every unit workflow, from the projections (each has one obligation), and the owner's node of each milestone.
    const rows = await database.db
      .selectFrom('obligations')
      .select(['workflow_id', 'milestone_id'])
      .where('plan_code', '=', code)
      .execute();
    const milestones = [...new Set(rows.map((row) => row.milestone_id))];
    const unitIds = [
      ...new Set([
        ...rows.map((row) => row.workflow_id),
        ...milestones.map((m) => unitMilestoneWorkflowId(code, m, OWNER)),
      ]),
    ];
    const unitSizes: HistorySize[] = [];
    for (const id of unitIds) unitSizes.push(await historySize(env.client, id));
    const cycleRuns = await historiesOfChain(env.client, planCycleWorkflowId(code), firstRunId);
    const largestOf = (sizes: HistorySize[]) => sizes.reduce((a, b) => (b.events > a.events ? b : a), sizes[0]!);
    const byEvents = (sizes: HistorySize[]) => {
      const largest = largestOf(sizes);
      const largestBytes = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a), sizes[0]!);
      return {
        histories: sizes.length,
        largestEvents: largest.events,
        largestEventsWorkflow: largest.workflowId,
        largestBytes: largestBytes.bytes,
        largestBytesWorkflow: largestBytes.workflowId,
        meanEvents: round(sizes.reduce((n, s) => n + s.events, 0) / sizes.length, 1),
      };
    };
    return {
      plan: 'Cao Bằng 2021–2025 (test/workflows/cao-bang-units.ts): 4 milestones, 46 units before the reform, 17 after',
      behaviour: 'no submission at all: every reminder and escalation step runs; the amendment of 02/07/2025',
      simulatedFrom: '2021-06-01T00:00:00+07:00',
      simulatedUntil,
      wallMs,
      notices,
      workflowTypes: {
        unitMilestoneWorkflow: byEvents(unitSizes),
        planCycleWorkflow: { runs: cycleRuns.length, ...byEvents(cycleRuns) },
      },
      limits: {
        warnAtEvents: 10_240,
        failAtEvents: 51_200,
        warnAtBytes: 10 * 1024 * 1024,
        failAtBytes: 50 * 1024 * 1024,
      },
    };
  } finally {
    await env.teardown();
    await database.close();
    removeTempDir(dir);
  }
}

const silentBundler = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => process.stderr.write(`${message}\n`),
};

async function main() {
  const { values } = parseArgs({
    options: {
      provinces: { type: 'string' },
      'idle-seconds': { type: 'string' },
      'skip-national': { type: 'boolean' },
    },
  });
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { console: {}, filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
  });
  const loadAverageAtStart = round(os.loadavg()[0]!);
  const postgres = startPrivatePostgres();
  try {
    const national = values['skip-national']
      ? 'skipped (--skip-national)'
      : await nationalFootprint(postgres, {
          provinces: Number(values.provinces ?? 63),
          idleSeconds: Number(values['idle-seconds'] ?? 30),
        });
    const fiveYears = await fiveYearHistories(postgres);
    process.stdout.write(
      JSON.stringify(
        {
          bench: 'footprint',
          cpus: os.cpus().length,
          memoryTotalMiB: Math.round(os.totalmem() / 2 ** 20),
          heapSizeLimitMiB: Math.round((await import('node:v8')).getHeapStatistics().heap_size_limit / 2 ** 20),
          loadAverageAtStart,
          national,
          fiveYears,
        },
        null,
        2,
      ) + '\n',
    );
  } finally {
    postgres.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
