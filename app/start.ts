/**
 * `npm start`: the whole service in one process tree, on embedded defaults. Starts (or connects to) Temporal and the
 * database, migrates, runs the worker and the HTTP server, prints where everything answers, and on Ctrl-C stops them
 * in reverse order. A second start resumes every workflow and record from DATA_DIR.
 */
import { Runtime } from '@temporalio/worker';
import { buildHttpServer } from '../client/http/build-server';
import { loadConfig } from '../runtime/config';
import { runMain } from '../runtime/entry-point';
import { acquireInstanceLock } from '../runtime/instance-lock';
import { createLogger } from '../runtime/logger';
import { onShutdownSignal } from '../runtime/shutdown';
import { connectTemporalClient, connectTemporalWorker } from '../runtime/temporal-connection';
import { createWorker } from '../worker/create-worker';
import { startDatabase, startTemporal, type Started } from './services';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger('dondoc', config.logLevel);
  // We stop the worker ourselves, before the servers it talks to.
  Runtime.install({ shutdownSignals: [] });

  const started: Started[] = [];
  const stopAll = async () => {
    for (const part of started.reverse()) await part.stop().catch((error: unknown) => log.error(error, 'stop failed'));
  };
  let worker: Awaited<ReturnType<typeof createWorker>> | undefined;
  onShutdownSignal(log, async () => {
    if (worker) worker.shutdown();
    else {
      await stopAll();
      process.exit(130);
    }
  });

  try {
    const release = acquireInstanceLock(config.dataDir);
    started.push({ stop: async () => release() });
    const temporal = await startTemporal(config, process.env.PATH);
    started.push(temporal);
    const database = await startDatabase(config, log);
    started.push(database);

    const client = await connectTemporalClient(config.temporal, temporal.address);
    started.push({ stop: () => client.connection.close() });
    const connection = await connectTemporalWorker(config.temporal, temporal.address);
    started.push({ stop: () => connection.close() });
    worker = await createWorker({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      dependencies: { db: database.db },
    });

    const http = buildHttpServer({ temporal: client, db: database.db, log });
    await http.listen({ host: config.http.host, port: config.http.port });
    started.push({ stop: () => http.close() });

    printBanner({
      http: `http://${config.http.host}:${config.http.port}`,
      temporal: temporal.address,
      temporalUi: temporal.uiUrl,
      database: database.description,
      dataDir: config.dataDir,
    });
    await worker.run();
  } finally {
    await stopAll();
  }
}

function printBanner(urls: { http: string; temporal: string; temporalUi: string | undefined; database: string; dataDir: string }) {
  const lines = [
    '',
    'Đôn đốc đang chạy.',
    `  Dịch vụ HTTP:     ${urls.http}  (kiểm tra: ${urls.http}/healthz)`,
    `  Temporal:         ${urls.temporal}`,
    ...(urls.temporalUi ? [`  Temporal Web UI:  ${urls.temporalUi}`] : []),
    `  Cơ sở dữ liệu:    ${urls.database}`,
    `  Dữ liệu lưu tại:  ${urls.dataDir}`,
    'Nhấn Ctrl-C để dừng; lần chạy sau tiếp tục từ dữ liệu đã lưu.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

runMain(main);
