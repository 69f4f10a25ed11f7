/**
 * `npm start`: the whole service in one process tree, on embedded defaults. Starts (or connects to) Temporal and the
 * database, migrates, runs the worker and the HTTP server, prints where everything answers, and on Ctrl-C stops them
 * in reverse order. A second start resumes every workflow and record from DATA_DIR.
 */
import { loadConfig } from '../runtime/config';
import { runMain } from '../runtime/entry-point';
import { acquireInstanceLock } from '../runtime/instance-lock';
import { createLogger } from '../runtime/logger';
import { connectTemporalClient } from '../runtime/temporal-connection';
import { installTemporalRuntime } from '../runtime/temporal-runtime';
import { createNotifyProviders, type NotifyProviders } from '../client/notify/notify-providers';
import { ensureZaloReceiptsSchedule } from '../client/notify/zalo-receipts-schedule';
import { listenHttp } from './http-server';
import { Lifecycle } from './lifecycle';
import { startDatabase, startTemporal } from './services';
import { startWorker } from './temporal-worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger('dondoc', config.logLevel);
  installTemporalRuntime(log);

  const lifecycle = new Lifecycle(log);
  try {
    const release = acquireInstanceLock(config.dataDir);
    lifecycle.add({ stop: () => Promise.resolve(release()) });
    // The database first: it is the quicker to fail (an unreachable DATABASE_URL), before a server is spawned.
    const database = await startDatabase(config, log);
    lifecycle.add(database);
    const notify = createNotifyProviders(config, database.db, log);
    lifecycle.add(notify);
    const temporal = await startTemporal(config, process.env.PATH);
    lifecycle.add(temporal);

    const client = await connectTemporalClient(config.temporal, temporal.address);
    lifecycle.add({ stop: () => client.connection.close() });
    const worker = await startWorker(lifecycle, config.temporal, temporal.address, {
      db: database.db,
      ...notify.activityDependencies,
    });
    lifecycle.running(() => worker.shutdown());
    await ensureZaloReceiptsSchedule(client, config);

    const http = await listenHttp(lifecycle, config.http, {
      temporal: client,
      db: database.db,
      log,
      api: { sendNotification: notify.sendNotification },
    });

    printBanner({
      http,
      temporal: temporal.address,
      temporalUi: temporal.uiUrl,
      database: database.description,
      dataDir: config.dataDir,
      notify: notify.summary,
    });
    await worker.run();
  } finally {
    await lifecycle.stopAll();
  }
}

function printBanner(urls: {
  http: string;
  temporal: string;
  temporalUi: string | undefined;
  database: string;
  dataDir: string;
  notify: NotifyProviders['summary'];
}) {
  const lines = [
    '',
    'Đôn đốc đang chạy.',
    `  Dịch vụ HTTP:     ${urls.http}  (kiểm tra: ${urls.http}/healthz)`,
    `  API và tài liệu:  ${urls.http}/api/docs`,
    `  Temporal:         ${urls.temporal}`,
    ...(urls.temporalUi ? [`  Temporal Web UI:  ${urls.temporalUi}`] : []),
    `  Cơ sở dữ liệu:    ${urls.database}`,
    `  Dữ liệu lưu tại:  ${urls.dataDir}`,
    `  Thư đi:           ${urls.notify.email}`,
    `  Zalo:             ${urls.notify.zalo}`,
    'Nhấn Ctrl-C để dừng; lần chạy sau tiếp tục từ dữ liệu đã lưu.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

runMain(main);
