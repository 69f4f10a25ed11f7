// Reminder burst at national scale: one obligation per unit of the national tree (63 provinces, 696 districts,
// 10,047 communes: the list of 01/03/2025 read in place) whose reminder falls due at the same instant, run by the
// real workflows on the production-shaped Temporal (scripts/temporal-server.sh, PostgreSQL), the app's worker with
// the real sendNotification on the SMTP pool, to a loopback SMTP sink. Lateness of each reminder at the sink against
// its scheduled instant, and messages/s; baseline: a bare nodemailer pool sending the same messages to the same sink
// in the same run. Prints one JSON object on stdout; progress goes to stderr. See bench/README.md.
//   node --import tsx bench/national-burst.ts                      # all 63 provinces (10,806 units)
//   node --import tsx bench/national-burst.ts --provinces 4 --pool 5 --lead-seconds 90 --server dev
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DEV_SERVER_SQLITE_PRAGMAS } from '../runtime/temporal-dev-server';
import { resolveTemporalCli } from '../runtime/tools';
import { runBarePoolBurst } from './lib/bare-pool-burst';
import { startBurstSink } from './lib/burst-sink';
import { registerTempDir, removeTempDir } from './lib/cleanup';
import { startBenchDevServer } from './lib/dev-server';
import { importNationalUnits, NATIONAL_OWNER, readNationalUnits, unitCodes } from './lib/national-plan';
import { freshDatabase, startPrivatePostgres, startProductionTemporal } from './lib/scale-servers';
import { round } from './lib/stats';
import { runTemporalBurst, writeWorkflowBundle } from './lib/temporal-burst';

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function parseOptions() {
  const { values } = parseArgs({
    options: {
      provinces: { type: 'string' },
      pool: { type: 'string' },
      'lead-seconds': { type: 'string' },
      'timeout-minutes': { type: 'string' },
      server: { type: 'string' },
    },
  });
  if (values.server !== undefined && values.server !== 'production' && values.server !== 'dev') {
    throw new Error('--server: production or dev');
  }
  const server: 'production' | 'dev' = values.server ?? 'production';
  const provinces = Number(values.provinces ?? 63);
  const units = unitCodes(readNationalUnits().slice(0, provinces)).length;
  return {
    provinces,
    pool: Number(values.pool ?? 5),
    // The fan-out must be done before the instant: 2.5–4 units/s were seen on the two cores under load 8–15, so 2/s.
    leadMs: Number(values['lead-seconds'] ?? Math.round(60 + units / 2)) * 1000,
    timeoutMs: Number(values['timeout-minutes'] ?? 15) * 60_000,
    server,
  };
}

/** The Temporal server of the run: production-shaped on the private PostgreSQL, or the dev server of `npm start`. */
async function startServer(kind: 'production' | 'dev', postgresUrl: string) {
  if (kind === 'production') {
    const server = startProductionTemporal(postgresUrl);
    return { address: server.address, stop: () => Promise.resolve(server.stop()) };
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-bench-dev-'));
  registerTempDir(dataDir);
  const server = await startBenchDevServer(
    resolveTemporalCli(process.env.TEMPORAL_CLI_PATH, process.env.PATH),
    dataDir,
    DEV_SERVER_SQLITE_PRAGMAS,
  );
  return { address: server.address, stop: async () => (await server.stop(), removeTempDir(dataDir)) };
}

async function main() {
  const options = parseOptions();
  const loadAverageAtStart = round(os.loadavg()[0]!);
  const provinces = readNationalUnits().slice(0, options.provinces);
  const codes = unitCodes(provinces);
  const postgres = startPrivatePostgres();
  const bundleDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-bench-bundle-'));
  registerTempDir(bundleDir);
  const sink = await startBurstSink();
  const name = `dondoc_bench_burst_${process.pid}`;
  const database = await freshDatabase(postgres.url, name);
  const server = await startServer(options.server, postgres.url);
  const connection = await Connection.connect({ address: server.address });
  try {
    const client = new Client({ connection, namespace: 'default' });
    const imported = await importNationalUnits(database.db, {
      provinces,
      owner: { unit: NATIONAL_OWNER, name: 'Bộ Nội vụ' },
    });
    const bundlePath = await writeWorkflowBundle(bundleDir);
    log(`${imported.units} units with contacts imported (${imported.importMs} ms); ${options.server} Temporal`);

    const baseline = await runBarePoolBurst(sink, codes, options.pool);
    log(`baseline: ${baseline.messagesPerSecondInBurst} msg/s`);
    const databaseUrl = new URL(postgres.url);
    databaseUrl.pathname = `/${name}`;
    const ours = await runTemporalBurst({
      db: database.db,
      databaseUrl: databaseUrl.toString(),
      client,
      temporalAddress: server.address,
      sink,
      provinces,
      bundlePath,
      smtpPool: options.pool,
      leadMs: options.leadMs,
      timeoutMs: options.timeoutMs,
    });
    log(`ours: ${ours.sink.messagesPerSecondInBurst} msg/s, lateness p99 ${ours.sink.latenessP99Ms} ms`);
    process.stdout.write(
      JSON.stringify(
        {
          bench: 'national-burst',
          units: codes.length,
          provinces: provinces.length,
          server:
            options.server === 'production'
              ? 'temporal-server on PostgreSQL (scripts/temporal-server.sh)'
              : 'temporal server start-dev (SQLite)',
          database: 'PostgreSQL 15, private (scripts/test-postgres.sh, fsync off), shared by the app and Temporal',
          smtpPool: options.pool,
          leadSeconds: options.leadMs / 1000,
          cpus: os.cpus().length,
          loadAverageAtStart,
          baseline: { what: 'bare nodemailer pool, the same messages handed over at once', ...baseline },
          ours: {
            what: 'plan whose reminders all fall at one instant; real workflows; worker process with sendNotification',
            ...ours,
          },
          ratios: {
            throughputInBurst: round(ours.sink.messagesPerSecondInBurst / baseline.messagesPerSecondInBurst),
            latenessP50: round(ours.sink.latenessP50Ms / Math.max(1, baseline.latenessP50Ms)),
            latenessP99: round(ours.sink.latenessP99Ms / Math.max(1, baseline.latenessP99Ms)),
          },
          smtpConnections: sink.connections,
        },
        null,
        2,
      ) + '\n',
    );
  } finally {
    await connection.close();
    await server.stop();
    await sink.close();
    await database.close();
    postgres.stop();
    removeTempDir(bundleDir);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
