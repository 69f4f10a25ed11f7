import path from 'node:path';
import type { Kysely } from 'kysely';
import { createDatabase } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import type { Database } from '../../db/schema';
import type { Config } from '../../runtime/config';
import { startEmbeddedPostgres } from '../../runtime/embedded-postgres';
import { acquireInstanceLock } from '../../runtime/instance-lock';
import { isPortListening } from '../../runtime/ports';

export interface CliDatabase {
  db: Kysely<Database>;
  close(): Promise<void>;
}

/**
 * The database a CLI command works on: DATABASE_URL when set; otherwise the embedded PGlite of DATA_DIR — through
 * the running service's socket when `npm start` is up (PGlite has one owner), or opened by this command for its
 * duration when it is not. Migrated to the latest schema either way.
 */
export async function openCliDatabase(config: Readonly<Config>): Promise<CliDatabase> {
  if (config.database.mode === 'external')
    return migrated(createDatabase({ url: config.database.url }), async () => {});
  const url = `postgres://postgres@127.0.0.1:${config.database.port}/postgres`;
  if (await isPortListening(config.database.port)) return migrated(createDatabase({ url }), async () => {});
  const release = acquireInstanceLock(config.dataDir);
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'pglite'), port: 0 });
  return migrated(createDatabase({ url: embedded.url, maxConnections: 4 }), async () => {
    await embedded.stop();
    release();
  });
}

async function migrated(db: Kysely<Database>, stopServer: () => Promise<void>): Promise<CliDatabase> {
  const close = async () => {
    await db.destroy();
    await stopServer();
  };
  try {
    await migrateToLatest(db);
  } catch (error) {
    await close();
    throw error;
  }
  return { db, close };
}
