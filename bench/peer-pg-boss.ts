// The peer: the same reminder job built the way a team would without Temporal — pg-boss delayed jobs on the same
// PostgreSQL, a worker process sending each reminder through a nodemailer pool — against ours (a plan whose reminders
// fall at one instant, the real workflows, the app's worker with sendNotification and its log), to the same loopback
// SMTP sink, in the same run. Each side runs twice: undisturbed, then with its worker SIGKILLed mid-burst and
// restarted. Figures: scheduling rate, lateness at the sink (p50/p99/max), lost and duplicate sends. Prints one JSON
// object on stdout; progress goes to stderr. See bench/README.md.
//   node --import tsx bench/peer-pg-boss.ts                          # the first province (Hà Nội, 557 units)
//   node --import tsx bench/peer-pg-boss.ts --provinces 2 --kill-at 0.5 --pool 5 --batch 100 --poll 0.5 --lead-seconds 300
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { startBurstSink } from './lib/burst-sink';
import { registerTempDir, removeTempDir } from './lib/cleanup';
import { importNationalUnits, NATIONAL_OWNER, readNationalUnits, unitCodes } from './lib/national-plan';
import { PEER_QUEUE_POLICY, runPgBossBurst } from './lib/pg-boss-burst';
import { freshDatabase, startPrivatePostgres, startProductionTemporal } from './lib/scale-servers';
import { round } from './lib/stats';
import { runTemporalBurst, writeWorkflowBundle } from './lib/temporal-burst';

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function parseOptions() {
  const { values } = parseArgs({
    options: {
      provinces: { type: 'string' },
      pool: { type: 'string' },
      batch: { type: 'string' },
      poll: { type: 'string' },
      'kill-at': { type: 'string' },
      'lead-seconds': { type: 'string' },
      'timeout-minutes': { type: 'string' },
    },
  });
  const provinces = Number(values.provinces ?? 1);
  const units = unitCodes(readNationalUnits().slice(0, provinces)).length;
  return {
    provinces,
    pool: Number(values.pool ?? 5),
    // Tuned as a team would once it saw pg-boss's default (1 job per 2 s poll) crawl: 100 per fetch, every 0.5 s.
    batch: Number(values.batch ?? 100),
    pollSeconds: Number(values.poll ?? 0.5),
    killAt: Number(values['kill-at'] ?? 0.5),
    // Ours must open every unit's workflow before the instant (2 units/s is safe on two busy cores).
    leadMs: Number(values['lead-seconds'] ?? Math.round(60 + units / 2)) * 1000,
    timeoutMs: Number(values['timeout-minutes'] ?? 8) * 60_000,
  };
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
  const name = `dondoc_bench_peer_${process.pid}`;
  const database = await freshDatabase(postgres.url, name);
  const databaseUrl = new URL(postgres.url);
  databaseUrl.pathname = `/${name}`;
  const server = startProductionTemporal(postgres.url);
  const connection = await Connection.connect({ address: server.address });
  try {
    const client = new Client({ connection, namespace: 'default' });
    await importNationalUnits(database.db, { provinces, owner: { unit: NATIONAL_OWNER, name: 'Bộ Nội vụ' } });
    const bundlePath = await writeWorkflowBundle(bundleDir);
    const pgBoss = (killAt?: number) =>
      runPgBossBurst({
        url: databaseUrl.toString(),
        sink,
        unitCodes: codes,
        smtpPool: options.pool,
        batchSize: options.batch,
        pollingIntervalSeconds: options.pollSeconds,
        // Scheduling N jobs takes seconds; the instant only needs to come after it.
        leadMs: 20_000 + codes.length * 10,
        timeoutMs: options.timeoutMs,
        ...(killAt !== undefined ? { killAt } : {}),
      });
    const temporal = (killAt?: number) =>
      runTemporalBurst({
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
        ...(killAt !== undefined ? { killAt } : {}),
      });
    const peerClean = await pgBoss();
    log(`pg-boss undisturbed: p99 ${peerClean.sink.latenessP99Ms} ms`);
    const peerCrash = await pgBoss(options.killAt);
    log(`pg-boss crash: lost ${peerCrash.sink.lost}, duplicates ${peerCrash.sink.duplicates}`);
    const oursClean = await temporal();
    log(`ours undisturbed: p99 ${oursClean.sink.latenessP99Ms} ms`);
    const oursCrash = await temporal(options.killAt);
    log(`ours crash: lost ${oursCrash.sink.lost}, duplicates ${oursCrash.sink.duplicates}`);
    process.stdout.write(
      JSON.stringify(
        {
          bench: 'peer-pg-boss',
          units: codes.length,
          provinces: provinces.length,
          database: 'PostgreSQL 15, private (scripts/test-postgres.sh, fsync off): the app, pg-boss and Temporal',
          temporal: 'temporal-server on PostgreSQL (scripts/temporal-server.sh)',
          smtpPool: options.pool,
          killAt: options.killAt,
          cpus: os.cpus().length,
          loadAverageAtStart,
          peer: {
            what: 'pg-boss 10.4.2 sendAfter jobs; worker process, nodemailer pool, no log',
            batchSize: options.batch,
            pollingIntervalSeconds: options.pollSeconds,
            queuePolicy: PEER_QUEUE_POLICY,
            undisturbed: peerClean,
            crash: peerCrash,
          },
          ours: {
            what: 'plan cycle → unit workflows (reminder timers); worker process with sendNotification and its log',
            undisturbed: oursClean,
            crash: oursCrash,
          },
          ratiosOursVsPeer: {
            schedulingRate: round(oursClean.schedulingPerSecond / peerClean.schedulingPerSecond, 3),
            latenessP50: round(oursClean.sink.latenessP50Ms / Math.max(1, peerClean.sink.latenessP50Ms)),
            latenessP99: round(oursClean.sink.latenessP99Ms / Math.max(1, peerClean.sink.latenessP99Ms)),
            throughputInBurst: round(oursClean.sink.messagesPerSecondInBurst / peerClean.sink.messagesPerSecondInBurst),
          },
        },
        null,
        2,
      ) + '\n',
    );
  } finally {
    await connection.close();
    server.stop();
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
