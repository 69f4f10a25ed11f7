/**
 * The HTTP API alone, for production (the `http` service in docker-compose.yml): connects to the Temporal cluster at
 * TEMPORAL_ADDRESS and the Postgres at DATABASE_URL, migrates, and serves on HTTP_HOST:HTTP_PORT until SIGINT/SIGTERM,
 * which closes the server (in-flight requests finish) and then the connections. Runs no worker.
 * Refuses to start on embedded defaults: that is `npm start`.
 */
import { loadConfig } from '../runtime/config';
import { runMain } from '../runtime/entry-point';
import { createLogger } from '../runtime/logger';
import { connectTemporalClient } from '../runtime/temporal-connection';
import { requireExternalServices } from './external-services';
import { listenHttp } from './http-server';
import { Lifecycle } from './lifecycle';
import { startDatabase } from './services';

async function main(): Promise<void> {
  const config = loadConfig();
  const { temporal } = requireExternalServices(config, 'app/http.ts');
  const log = createLogger('dondoc-http', config.logLevel);
  // No Runtime.install: this process has no worker, and the client's connection does not use the SDK's core runtime.

  const lifecycle = new Lifecycle(log);
  try {
    const database = await startDatabase(config, log);
    lifecycle.add(database);
    const client = await connectTemporalClient(temporal, temporal.address);
    lifecycle.add({ stop: () => client.connection.close() });

    const stopped = new Promise<void>((resolve) => lifecycle.running(resolve));
    const url = await listenHttp(lifecycle, config.http, { temporal: client, db: database.db, log });
    log.info({ url, temporal: temporal.address, database: database.description }, 'http server listening');
    await stopped;
  } finally {
    await lifecycle.stopAll();
  }
}

runMain(main);
