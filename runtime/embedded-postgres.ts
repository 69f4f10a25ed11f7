import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { EnvironmentError } from './environment-error';
import { assertPortFree } from './ports';

export interface EmbeddedPostgres {
  /** A `postgres://` URL for a `pg` pool. */
  url: string;
  stop(): Promise<void>;
}

/** Connections the socket server multiplexes onto PGlite's one; a transaction holds the others until it ends. */
const MAX_CONNECTIONS = 10;

/**
 * Starts PGlite (Postgres compiled to WASM) with its data in `dataDir` (or in memory when `dataDir` is undefined)
 * and serves it on a loopback port, so the application talks `pg` to it exactly as to a real Postgres.
 * Throws `EnvironmentError` when the port is taken or the data folder cannot be opened; it never deletes data.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string | undefined;
  port: number;
}): Promise<EmbeddedPostgres> {
  if (options.port !== 0) await assertPortFree(options.port, 'PGLITE_PORT', 'cơ sở dữ liệu nhúng PGlite');
  const db = await openPglite(options.dataDir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port, maxConnections: MAX_CONNECTIONS });
  await server.start();
  const port = Number(server.getServerConn().split(':').at(-1));
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

async function openPglite(dataDir: string | undefined): Promise<PGlite> {
  if (!dataDir) return PGlite.create();
  mkdirSync(path.dirname(dataDir), { recursive: true });
  try {
    const db = await PGlite.create(dataDir);
    await db.query('select 1');
    return db;
  } catch (error) {
    throw new EnvironmentError(
      'DATA_DIR_UNREADABLE',
      `không mở được cơ sở dữ liệu nhúng tại ${dataDir} (${String(error)}). Không có gì bị xoá. ` +
        `Nếu thư mục bị hỏng, hãy chuyển nó đi (ví dụ \`mv ${dataDir} ${dataDir}.hong\`) rồi chạy lại để bắt đầu với dữ liệu trống.`,
      { cause: error },
    );
  }
}
