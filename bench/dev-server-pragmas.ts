// Workflow throughput of the Temporal dev server on a SQLite file, per set of --sqlite-pragma, against SQLite's
// defaults measured in the same run. Prints one JSON object on stdout; progress goes to stderr. See bench/README.md.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import {
  bundleWorkflowCode,
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  type WorkflowBundle,
} from '@temporalio/worker';
import { resolveTemporalCli } from '../runtime/tools';
import { createBenchActivities } from './activities';
import { registerTempDir, removeTempDir } from './lib/cleanup';
import { startBenchDevServer, type BenchDevServer } from './lib/dev-server';
import { parsePragmasBenchConfig, type PragmasBenchConfig } from './lib/pragmas-config';
import { sqliteFileFacts, type SqliteFileFacts } from './lib/sqlite-file';
import { median, percentile, round } from './lib/stats';
import { BASELINE_VARIANT, PRAGMA_VARIANTS, type PragmaVariant } from './lib/variants';
import { runWorkload, type WorkloadResult } from './lib/workload';

interface Measurement extends WorkloadResult {
  serverCpuSeconds: number;
  benchCpuSeconds: number;
}

interface RoundFigures extends SqliteFileFacts {
  round: number;
  workflowsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  serverStartMs: number;
  /**
   * CPU per measured workflow, of the server and of this process (worker and client). When their sum times the
   * throughput comes near the machine's cores the run was CPU-bound; well below, it was waiting on fsync.
   */
  serverCpuMsPerWorkflow: number;
  benchCpuMsPerWorkflow: number;
  latenciesMs: number[];
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const round2 = (value: number) => round(value, 2);

/** Runs a worker in this process against `server`, then the warm-up and the measured workload through it. */
async function measure(
  server: BenchDevServer,
  bundle: WorkflowBundle,
  config: PragmasBenchConfig,
): Promise<Measurement> {
  const workerConnection = await NativeConnection.connect({ address: server.address });
  const clientConnection = await Connection.connect({ address: server.address });
  try {
    const client = new Client({ connection: clientConnection, namespace: server.namespace });
    const taskQueue = `bench-${randomUUID()}`;
    const worker = await Worker.create({
      connection: workerConnection,
      namespace: server.namespace,
      taskQueue,
      workflowBundle: bundle,
      activities: createBenchActivities(),
    });
    return await worker.runUntil(async () => {
      // Warm-up: task queue creation, pollers and the sticky cache are one-time costs, not throughput.
      await runWorkload(client, taskQueue, `warmup-${randomUUID()}`, config.warmup, config.concurrency);
      const serverCpuBefore = server.cpuSeconds();
      const benchCpuBefore = process.cpuUsage();
      const result = await runWorkload(
        client,
        taskQueue,
        `bench-${randomUUID()}`,
        config.workflows,
        config.concurrency,
      );
      const benchCpu = process.cpuUsage(benchCpuBefore);
      return {
        ...result,
        serverCpuSeconds: server.cpuSeconds() - serverCpuBefore,
        benchCpuSeconds: (benchCpu.user + benchCpu.system) / 1e6,
      };
    });
  } finally {
    await clientConnection.close();
    await workerConnection.close();
  }
}

/** One fresh dev server with a fresh SQLite file for `variant`: measures, stops it, reads the file, removes it. */
async function runRound(
  config: PragmasBenchConfig,
  cliPath: string,
  bundle: WorkflowBundle,
  variant: PragmaVariant,
  roundNumber: number,
): Promise<RoundFigures> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `dondoc-bench-${variant}-`));
  registerTempDir(dataDir);
  try {
    const server = await startBenchDevServer(cliPath, dataDir, PRAGMA_VARIANTS[variant]);
    let measured: Measurement;
    try {
      measured = await measure(server, bundle, config);
    } finally {
      await server.stop();
    }
    const perWorkflowMs = (seconds: number) => round2((seconds * 1000) / config.workflows);
    const figures: RoundFigures = {
      round: roundNumber,
      workflowsPerSecond: round2(config.workflows / (measured.elapsedMs / 1000)),
      p50Ms: round2(percentile(measured.latenciesMs, 50)),
      p99Ms: round2(percentile(measured.latenciesMs, 99)),
      serverStartMs: Math.round(server.startMs),
      serverCpuMsPerWorkflow: perWorkflowMs(measured.serverCpuSeconds),
      benchCpuMsPerWorkflow: perWorkflowMs(measured.benchCpuSeconds),
      ...sqliteFileFacts(path.join(dataDir, 'temporal.sqlite')),
      latenciesMs: measured.latenciesMs,
    };
    log(
      `${variant} round ${roundNumber}: ${figures.workflowsPerSecond} wf/s, p50 ${figures.p50Ms} ms, ` +
        `p99 ${figures.p99Ms} ms, CPU server ${figures.serverCpuMsPerWorkflow} + bench ` +
        `${figures.benchCpuMsPerWorkflow} ms/wf, ${figures.journalMode}, db ${figures.dbBytes} B + wal ${figures.walBytes} B`,
    );
    return figures;
  } finally {
    removeTempDir(dataDir);
  }
}

/** Per-variant figures: throughput is the median over rounds; latency percentiles pool every round's samples. */
function summarize(variant: PragmaVariant, rounds: RoundFigures[]) {
  const pooled = rounds.flatMap((figures) => figures.latenciesMs);
  const medianOf = (pick: (figures: RoundFigures) => number) => median(rounds.map(pick));
  return {
    pragmas: PRAGMA_VARIANTS[variant],
    journalMode: rounds[0]!.journalMode,
    workflowsPerSecond: round2(medianOf((figures) => figures.workflowsPerSecond)),
    p50Ms: round2(percentile(pooled, 50)),
    p99Ms: round2(percentile(pooled, 99)),
    serverCpuMsPerWorkflow: round2(medianOf((figures) => figures.serverCpuMsPerWorkflow)),
    benchCpuMsPerWorkflow: round2(medianOf((figures) => figures.benchCpuMsPerWorkflow)),
    dbBytes: Math.round(medianOf((figures) => figures.dbBytes)),
    walBytes: Math.round(medianOf((figures) => figures.walBytes)),
    // The server never checkpoints on exit, so the -wal file stays beside the database and is part of its size.
    totalBytes: Math.round(medianOf((figures) => figures.dbBytes + figures.walBytes)),
    rounds: rounds.map(({ latenciesMs: _latencies, journalMode: _mode, ...figures }) => figures),
  };
}

/** variant ÷ baseline: throughput above 1 is faster, latency below 1 is faster. */
function ratiosVsBaseline(summaries: Record<string, ReturnType<typeof summarize>>) {
  const baseline = summaries[BASELINE_VARIANT]!;
  return Object.fromEntries(
    Object.entries(summaries)
      .filter(([variant]) => variant !== BASELINE_VARIANT)
      .map(([variant, summary]) => [
        variant,
        {
          throughput: round2(summary.workflowsPerSecond / baseline.workflowsPerSecond),
          p50Latency: round2(summary.p50Ms / baseline.p50Ms),
          p99Latency: round2(summary.p99Ms / baseline.p99Ms),
          totalBytes: round2(summary.totalBytes / baseline.totalBytes),
        },
      ]),
  );
}

async function main(): Promise<void> {
  const config = parsePragmasBenchConfig(process.argv.slice(2), process.env);
  const cliPath = resolveTemporalCli(config.cliPath, config.searchPath);
  // Keep stdout for the JSON: the SDK's own logging goes to stderr, warnings only.
  const sdkLogger = new DefaultLogger('WARN');
  Runtime.install({ logger: sdkLogger });
  const startedAt = performance.now();
  // Other work on the machine moves these figures more than some variants do: the output records how busy it was.
  const loadAverageAtStart = round2(os.loadavg()[0]!);
  log(
    `${config.variants.join(', ')} × ${config.rounds} rounds of ${config.workflows} workflows ` +
      `(concurrency ${config.concurrency}, warm-up ${config.warmup})`,
  );

  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), logger: sdkLogger });
  const results = new Map<PragmaVariant, RoundFigures[]>(config.variants.map((variant) => [variant, []]));
  // Interleaved, and rotated each round, so drift on a shared machine (page cache, a neighbour's load) spreads
  // over every variant instead of landing on whichever runs last.
  for (let roundNumber = 1; roundNumber <= config.rounds; roundNumber++) {
    const shift = (roundNumber - 1) % config.variants.length;
    const order = [...config.variants.slice(shift), ...config.variants.slice(0, shift)];
    for (const variant of order) {
      results.get(variant)!.push(await runRound(config, cliPath, bundle, variant, roundNumber));
    }
  }

  const summaries = Object.fromEntries([...results].map(([variant, rounds]) => [variant, summarize(variant, rounds)]));
  const output = {
    benchmark: 'dev-server-pragmas',
    workflows: config.workflows,
    concurrency: config.concurrency,
    rounds: config.rounds,
    warmupWorkflows: config.warmup,
    cpus: os.cpus().length,
    loadAverageAtStart,
    temporalCli: cliPath,
    baseline: BASELINE_VARIANT,
    variants: summaries,
    ratiosVsBaseline: ratiosVsBaseline(summaries),
    durationSeconds: Math.round((performance.now() - startedAt) / 1000),
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
}

main().catch((err) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
