// The embedded default at province scale: `npm start`'s own servers — the Temporal dev server of
// runtime/temporal-dev-server.ts (SQLite file, the project's pragmas) and embedded PGlite with its files on disk —
// open one milestone over a real province from the national list (default Thái Bình: 8 districts, 242 communes,
// 250 units), owned by its Sở Nội vụ, at two levels. Wall time to open and p50/p99 of each unit workflow's start,
// against the rate at which the same server starts as many trivial workflows, in the same run. One JSON object on
// stdout; progress on stderr.
//   node --import tsx bench/embedded-province.ts                 # Thái Bình (34)
//   node --import tsx bench/embedded-province.ts --province 04 --concurrency 16
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, makeTelemetryFilterString, NativeConnection, Runtime } from '@temporalio/worker';
import { createDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { startEmbeddedPostgres } from '../runtime/embedded-postgres';
import { freePort } from '../runtime/ports';
import { startTemporalDevServer } from '../runtime/temporal-dev-server';
import { resolveTemporalCli } from '../runtime/tools';
import { registerTempDir, removeTempDir } from './lib/cleanup';
import { runPlanFanOut, runTrivialBaseline } from './lib/fan-out-run';
import {
  benchPlanText,
  importNationalUnits,
  loadBenchPlan,
  readNationalUnits,
  unitCodes,
  vietnamToday,
} from './lib/national-plan';
import { round } from './lib/stats';

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function main() {
  const { values } = parseArgs({
    options: { province: { type: 'string' }, concurrency: { type: 'string' } },
  });
  const provinceCode = values.province ?? '34';
  const concurrency = Number(values.concurrency ?? 32);
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { console: {}, filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
  });
  const loadAverageAtStart = round(os.loadavg()[0]!);
  const province = readNationalUnits().find((p) => p.level1_id === provinceCode);
  if (!province) throw new Error(`--province: no province ${provinceCode} in the national list`);
  // The province itself does not report: its districts and communes do, to its Sở Nội vụ.
  const expected = unitCodes([province]).length - 1;

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-bench-embedded-'));
  registerTempDir(dataDir);
  // The dev server runs detached (its own process group, as under `npm start`): stopped by its pid file on exit.
  const pidFile = path.join(dataDir, 'temporal', 'server.pid');
  process.once('exit', () => {
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
    } catch {
      // Already stopped.
    }
  });
  const startedServers = performance.now();
  const [temporal, pglite] = await Promise.all([
    startTemporalDevServer({
      cliPath: resolveTemporalCli(process.env.TEMPORAL_CLI_PATH, process.env.PATH),
      dataDir: path.join(dataDir, 'temporal'),
      port: await freePort(),
      uiPort: await freePort(),
      namespace: 'default',
    }),
    startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pglite'), port: 0 }),
  ]);
  const serversMs = Math.round(performance.now() - startedServers);
  const db = createDatabase({ url: pglite.url });
  const connection = await NativeConnection.connect({ address: temporal.address });
  const clientConnection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection: clientConnection, namespace: 'default' });
  try {
    await migrateToLatest(db);
    const owner = { unit: `${provinceCode}-SNV`, name: `Sở Nội vụ ${province.name}` };
    const imported = await importNationalUnits(db, { provinces: [province], owner, ownerParent: provinceCode });
    const planCode = `KH-BENCH-${randomUUID().slice(0, 6).toUpperCase()}`;
    const scope = `[{ children_of: '${provinceCode}' }]`;
    await loadBenchPlan(
      db,
      benchPlanText({ code: planCode, owner, scope, levels: ['cấp huyện', 'cấp xã'], today: vietnamToday() }),
    );
    log(`national list and ${province.name}'s contacts imported (${imported.importMs} ms); plan ${planCode}`);

    const baseline = await runTrivialBaseline(connection, client, {
      count: expected,
      concurrency,
      namespace: 'default',
    });
    log(`baseline: ${baseline.workflowsPerSecond} wf/s`);
    const run = await runPlanFanOut(connection, client, db, {
      planCode,
      expectedUnits: expected,
      namespace: 'default',
      timeoutMs: 10 * 60_000,
    });
    await run.stop();
    const ours = run.figures;
    log(`ours: ${ours.runningUnits}/${expected} units in ${ours.wallMs} ms`);
    process.stdout.write(
      JSON.stringify(
        {
          bench: 'embedded-province',
          province: { code: provinceCode, name: province.name, reportingUnits: expected },
          servers: 'npm start: Temporal dev server (SQLite file, project pragmas) + embedded PGlite on disk',
          serversStartMs: serversMs,
          sendNotification: 'no-op override that counts (assignment notices are not measured here)',
          cpus: os.cpus().length,
          loadAverageAtStart,
          baseline,
          ours,
          ratioVsBaseline: round(ours.unitWorkflowsPerSecond / baseline.workflowsPerSecond, 3),
        },
        null,
        2,
      ) + '\n',
    );
  } finally {
    await clientConnection.close();
    await connection.close();
    await temporal.stop();
    await db.destroy();
    await pglite.stop();
    removeTempDir(dataDir);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
