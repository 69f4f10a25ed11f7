import path from 'node:path';
import type { Kysely } from 'kysely';
import { pingDatabase } from '../db/check-connection';
import { createDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import type { Database } from '../db/schema';
import type { Config } from '../runtime/config';
import { startEmbeddedPostgres } from '../runtime/embedded-postgres';
import { EnvironmentError, redactUrl } from '../runtime/environment-error';
import type { Logger } from '../runtime/logger';
import { startTemporalDevServer } from '../runtime/temporal-dev-server';
import { resolveTemporalCli } from '../runtime/tools';

/** A started dependency: where it answers, and how to stop it (a no-op for external services). */
export interface Started {
  stop(): Promise<void>;
}

export interface TemporalEndpoint extends Started {
  address: string;
  uiUrl: string | undefined;
}

/** The configured Temporal: the embedded dev server with its state in DATA_DIR, or TEMPORAL_ADDRESS as it is. */
export async function startTemporal(
  config: Readonly<Config>,
  searchPath: string | undefined,
): Promise<TemporalEndpoint> {
  const temporal = config.temporal;
  if (temporal.mode === 'external') return { address: temporal.address, uiUrl: undefined, stop: async () => {} };
  const server = await startTemporalDevServer({
    cliPath: resolveTemporalCli(temporal.cliPath, searchPath),
    dataDir: path.join(config.dataDir, 'temporal'),
    port: temporal.port,
    uiPort: temporal.uiPort,
    namespace: temporal.namespace,
  });
  return { address: server.address, uiUrl: server.uiUrl, stop: () => server.stop() };
}

export interface DatabaseEndpoint extends Started {
  db: Kysely<Database>;
  description: string;
}

/**
 * The configured database, reachable and migrated: embedded PGlite with its files in DATA_DIR, or DATABASE_URL.
 * Throws `EnvironmentError('SERVICE_UNREACHABLE')` naming the URL (without its password) when it does not answer.
 */
export async function startDatabase(config: Readonly<Config>, log: Logger): Promise<DatabaseEndpoint> {
  const embedded =
    config.database.mode === 'embedded'
      ? await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'pglite'), port: config.database.port })
      : undefined;
  const url = embedded?.url ?? (config.database.mode === 'external' ? config.database.url : '');
  const db = createDatabase({ url });
  const stop = async () => {
    await db.destroy();
    await embedded?.stop();
  };
  try {
    await pingDatabase(db).catch((error: unknown) => {
      throw new EnvironmentError(
        'SERVICE_UNREACHABLE',
        `không kết nối được cơ sở dữ liệu ${redactUrl(url)} (${String(error)}). Kiểm tra Postgres đang chạy và ` +
          'DATABASE_URL đúng; bỏ DATABASE_URL để dùng PGlite nhúng.',
        { cause: error },
      );
    });
    const applied = await migrateToLatest(db);
    log.info({ migrations: applied.map((m) => m.migrationName) }, 'schema is up to date');
  } catch (error) {
    await stop();
    throw error;
  }
  const description = embedded ? `PGlite nhúng (${path.join(config.dataDir, 'pglite')}, ${url})` : redactUrl(url);
  return { db, description, stop };
}
