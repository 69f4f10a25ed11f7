// Fan-out of a national milestone: a plan over the whole country at three levels (63 provinces → 696 districts →
// 10,047 communes, the national list of 01/03/2025 read in place), its cycle started, timed until every UnitMilestone
// workflow runs; against the rate at which the same server starts as many trivial workflows (the limit), in the
// same run. One row per server: the production-shaped one (scripts/temporal-server.sh, PostgreSQL) and the dev
// server of `npm start` (SQLite). Prints one JSON object on stdout; progress goes to stderr. See bench/README.md.
//   node --import tsx bench/fan-out.ts                         # all 63 provinces, both servers
//   node --import tsx bench/fan-out.ts --provinces 2 --servers production --concurrency 32 --timeout-minutes 5
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, makeTelemetryFilterString, NativeConnection, Runtime } from '@temporalio/worker';
import { DEV_SERVER_SQLITE_PRAGMAS } from '../runtime/temporal-dev-server';
import { resolveTemporalCli } from '../runtime/tools';
import { registerTempDir, removeTempDir } from './lib/cleanup';
import { startBenchDevServer } from './lib/dev-server';
import { runPlanFanOut, runTrivialBaseline } from './lib/fan-out-run';
import { historySample, historySize } from './lib/history-size';
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
const NAMESPACE = 'default';
type ServerKind = 'production' | 'dev';

function parseOptions() {
  const { values } = parseArgs({
    options: {
      provinces: { type: 'string' },
      servers: { type: 'string' },
      concurrency: { type: 'string' },
      'timeout-minutes': { type: 'string' },
      'idle-seconds': { type: 'string' },
    },
  });
  const servers = (values.servers ?? 'production,dev').split(',').map((s) => s.trim());
  if (!servers.every((s) => s === 'production' || s === 'dev')) throw new Error('--servers: production, dev');
  return {
    provinces: Number(values.provinces ?? 63),
    servers: servers as ServerKind[],
    concurrency: Number(values.concurrency ?? 64),
    timeoutMs: Number(values['timeout-minutes'] ?? 20) * 60_000,
    idleSeconds: Number(values['idle-seconds'] ?? 20),
  };
}

/** A running server of the kind: its address, its CPU use and how to stop it. */
async function startServer(kind: ServerKind, postgresUrl: string) {
  if (kind === 'production') {
    const server = startProductionTemporal(postgresUrl);
    return { ...server, stop: () => Promise.resolve(server.stop()) };
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-bench-dev-'));
  registerTempDir(dataDir);
  const cli = resolveTemporalCli(process.env.TEMPORAL_CLI_PATH, process.env.PATH);
  const server = await startBenchDevServer(cli, dataDir, DEV_SERVER_SQLITE_PRAGMAS);
  return {
    address: server.address,
    startMs: Math.round(server.startMs),
    cpuSeconds: () => server.cpuSeconds(),
    stop: async () => {
      await server.stop();
      removeTempDir(dataDir);
    },
  };
}

type Postgres = ReturnType<typeof startPrivatePostgres>;

async function runRow(kind: ServerKind, postgres: Postgres, options: ReturnType<typeof parseOptions>) {
  const postgresUrl = postgres.url;
  const provinces = readNationalUnits().slice(0, options.provinces);
  const expected = unitCodes(provinces).length;
  const database = await freshDatabase(postgresUrl, `dondoc_bench_fan_out_${kind}_${process.pid}`);
  const server = await startServer(kind, postgresUrl);
  log(`${kind} server on ${server.address} (${server.startMs} ms)`);
  const connection = await NativeConnection.connect({ address: server.address });
  const clientConnection = await Connection.connect({ address: server.address });
  const client = new Client({ connection: clientConnection, namespace: NAMESPACE });
  try {
    const owner = { unit: NATIONAL_OWNER, name: 'Bộ Nội vụ' };
    const imported = await importNationalUnits(database.db, { provinces, owner });
    const planCode = `KH-BENCH-${randomUUID().slice(0, 6).toUpperCase()}`;
    const scope = `[${provinces.map((p) => `{ unit: '${p.level1_id}' }`).join(', ')}]`;
    const levels = ['cấp tỉnh', 'cấp huyện', 'cấp xã'];
    await loadBenchPlan(database.db, benchPlanText({ code: planCode, owner, scope, levels, today: vietnamToday() }));
    log(`${kind}: ${imported.units} units imported with contacts (${imported.importMs} ms), plan ${planCode} loaded`);

    // The baseline first: its workflows stay open, idle, while ours run (a slight handicap for ours, not for it).
    const cpuBefore = server.cpuSeconds();
    const postgresCpuBefore = postgres.cpuSeconds();
    const benchCpuBefore = process.cpuUsage();
    const baseline = await runTrivialBaseline(connection, client, {
      count: expected,
      concurrency: options.concurrency,
      namespace: NAMESPACE,
    });
    const baselineServerCpu = server.cpuSeconds() - cpuBefore;
    const baselinePostgresCpu = postgres.cpuSeconds() - postgresCpuBefore;
    const baselineBenchCpu = process.cpuUsage(benchCpuBefore);
    log(`${kind} baseline: ${baseline.workflowsPerSecond} wf/s`);

    const cpuBeforeOurs = server.cpuSeconds();
    const postgresCpuBeforeOurs = postgres.cpuSeconds();
    const benchCpuBeforeOurs = process.cpuUsage();
    const run = await runPlanFanOut(connection, client, database.db, {
      planCode,
      expectedUnits: expected,
      namespace: NAMESPACE,
      timeoutMs: options.timeoutMs,
    });
    const oursServerCpu = server.cpuSeconds() - cpuBeforeOurs;
    const oursPostgresCpu = postgres.cpuSeconds() - postgresCpuBeforeOurs;
    const oursBenchCpu = process.cpuUsage(benchCpuBeforeOurs);
    // Footprint: the worker idle with every unit workflow open (its sticky cache holds up to maxCachedWorkflows).
    log(`${kind}: worker idle for ${options.idleSeconds} s before its memory is read`);
    await new Promise((resolve) => setTimeout(resolve, options.idleSeconds * 1000));
    const workerMemoryIdle = processMemory();
    const step = Math.max(1, Math.floor(run.unitWorkflowIds.length / 20));
    const unitHistories = await historySample(
      client,
      run.unitWorkflowIds.filter((_, i) => i % step === 0).slice(0, 20),
    );
    const trivialHistory = await historySize(client, baseline.sampleWorkflowId);
    await run.stop();
    const ours = run.figures;
    log(`${kind} fan-out: ${ours.runningUnits}/${expected} units, ${ours.unitWorkflowsPerSecond} wf/s`);
    const cpuPerWorkflowMs = (seconds: number, n: number) => round((seconds * 1000) / Math.max(1, n), 2);
    const benchSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;
    return {
      server: kind === 'production' ? 'temporal-server 1.29.1 on PostgreSQL (scripts/temporal-server.sh)' : 'dev',
      serverStartMs: server.startMs,
      baseline: {
        ...baseline,
        serverCpuMsPerWorkflow: cpuPerWorkflowMs(baselineServerCpu, expected),
        postgresCpuMsPerWorkflow: cpuPerWorkflowMs(baselinePostgresCpu, expected),
        benchCpuMsPerWorkflow: cpuPerWorkflowMs(benchSeconds(baselineBenchCpu), expected),
        history: trivialHistory,
      },
      ours: {
        ...ours,
        serverCpuMsPerUnit: cpuPerWorkflowMs(oursServerCpu, ours.runningUnits),
        postgresCpuMsPerUnit: cpuPerWorkflowMs(oursPostgresCpu, ours.runningUnits),
        workerCpuMsPerUnit: cpuPerWorkflowMs(benchSeconds(oursBenchCpu), ours.runningUnits),
        unitHistoriesAtOpening: unitHistories,
      },
      workerMemoryIdle: { idleSeconds: options.idleSeconds, ...workerMemoryIdle },
      ratioVsBaseline: round(ours.unitWorkflowsPerSecond / baseline.workflowsPerSecond, 3),
    };
  } finally {
    await clientConnection.close();
    await connection.close();
    await server.stop();
    await database.close();
  }
}

async function main() {
  const options = parseOptions();
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { console: {}, filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
  });
  const loadAverageAtStart = round(os.loadavg()[0]!);
  const provinces = readNationalUnits().slice(0, options.provinces);
  const postgres = startPrivatePostgres();
  const rows: Record<string, unknown> = {};
  try {
    for (const kind of options.servers) rows[kind] = await runRow(kind, postgres, options);
  } finally {
    postgres.stop();
  }
  process.stdout.write(
    JSON.stringify(
      {
        bench: 'fan-out',
        units: {
          provinces: provinces.length,
          districts: provinces.reduce((n, p) => n + p.level2s.length, 0),
          communes: provinces.reduce((n, p) => n + p.level2s.reduce((m, d) => m + d.level3s.length, 0), 0),
          total: unitCodes(provinces).length,
        },
        sendNotification: 'no-op override that counts (assignment notices are not measured here)',
        database: 'PostgreSQL 15, private (scripts/test-postgres.sh, fsync off), shared by the app and Temporal',
        cpus: os.cpus().length,
        loadAverageAtStart,
        ...rows,
      },
      null,
      2,
    ) + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
