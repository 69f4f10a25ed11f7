/**
 * The Temporal worker alone, for production (the `worker` service in docker-compose.yml): connects to the Temporal
 * cluster at TEMPORAL_ADDRESS and the Postgres at DATABASE_URL, migrates, and runs every workflow and activity on the
 * task queue until SIGINT/SIGTERM, which drains the worker before the connections close. Run as many as needed.
 * Refuses to start on embedded defaults: that is `npm start`.
 */
import { loadConfig } from '../runtime/config';
import { runMain } from '../runtime/entry-point';
import { createLogger } from '../runtime/logger';
import { installTemporalRuntime } from '../runtime/temporal-runtime';
import { connectTemporalClient } from '../runtime/temporal-connection';
import { createNotifyProviders } from '../client/notify/notify-providers';
import { ensureZaloReceiptsSchedule } from '../client/notify/zalo-receipts-schedule';
import { requireExternalServices } from './external-services';
import { Lifecycle } from './lifecycle';
import { startDatabase } from './services';
import { startWorker } from './temporal-worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const { temporal } = requireExternalServices(config, 'app/worker.ts');
  const log = createLogger('dondoc-worker', config.logLevel);
  installTemporalRuntime(log);

  const lifecycle = new Lifecycle(log);
  try {
    const database = await startDatabase(config, log);
    lifecycle.add(database);
    const notify = createNotifyProviders(config, database.db, log);
    lifecycle.add(notify);
    const worker = await startWorker(lifecycle, temporal, temporal.address, {
      db: database.db,
      ...notify.activityDependencies,
    });
    lifecycle.running(() => worker.shutdown());
    const client = await connectTemporalClient(temporal, temporal.address);
    lifecycle.add({ stop: () => client.connection.close() });
    await ensureZaloReceiptsSchedule(client, config);

    log.info(
      {
        temporal: temporal.address,
        namespace: temporal.namespace,
        taskQueue: temporal.taskQueue,
        database: database.description,
        email: notify.summary.email,
        zalo: notify.summary.zalo,
      },
      'worker running',
    );
    await worker.run();
  } finally {
    await lifecycle.stopAll();
  }
}

runMain(main);
