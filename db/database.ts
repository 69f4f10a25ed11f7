import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

export interface DatabaseOptions {
  /** A `postgres://` URL: a real Postgres, or the embedded PGlite served on loopback (runtime/embedded-postgres.ts). */
  url: string;
  maxConnections?: number;
}

/**
 * Opens the application database. One code path for real Postgres and embedded PGlite: both speak the Postgres wire
 * protocol to a `pg` pool. Connections are made lazily; call `db.destroy()` to close the pool.
 */
export function createDatabase({ url, maxConnections = 10 }: DatabaseOptions): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its server (a Postgres restart) emits 'error'; without a listener Node would exit.
  pool.on('error', () => undefined);
  // So can a client checked out between two statements of a transaction: its next statement fails with the error,
  // but the 'error' event itself would crash the process too (seen in test/integration/fault-restarts.test.ts).
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
