import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { createDatabase } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import type { Database } from '../../db/schema';
import { startEmbeddedPostgres } from '../../runtime/embedded-postgres';

export const DATABASE_KINDS = ['postgres', 'pglite'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

export interface TestDatabase {
  kind: DatabaseKind;
  url: string;
  db: Kysely<Database>;
  close(): Promise<void>;
}

/** The real Postgres that scripts/test.sh starts on a private port; a test without it fails rather than skips. */
export function testPostgresUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the suite with `npm test`, which starts Postgres');
  return url;
}

/**
 * A fresh, migrated database of the given kind: a new database on the test Postgres server (dropped on close), or
 * an in-memory PGlite served on a loopback port — in both cases reached through the same `pg` code path as production.
 */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const embedded = await startEmbeddedPostgres({ dataDir: undefined, port: 0 });
    const db = createDatabase({ url: embedded.url });
    await migrateToLatest(db);
    return {
      kind,
      url: embedded.url,
      db,
      close: async () => {
        await db.destroy();
        await embedded.stop();
      },
    };
  }
  const serverUrl = testPostgresUrl();
  const name = `dondoc_test_${randomUUID().replaceAll('-', '')}`;
  const admin = createDatabase({ url: serverUrl, maxConnections: 1 });
  await sql`create database ${sql.id(name)}`.execute(admin);
  const url = withDatabaseName(serverUrl, name);
  const db = createDatabase({ url });
  await migrateToLatest(db);
  return {
    kind,
    url,
    db,
    close: async () => {
      await db.destroy();
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
      await admin.destroy();
    },
  };
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
