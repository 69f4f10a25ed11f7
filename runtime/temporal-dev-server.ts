import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { EnvironmentError } from './environment-error';
import { assertPortFree } from './ports';

export interface TemporalDevServer {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

export interface TemporalDevServerOptions {
  cliPath: string;
  /** The folder for the SQLite file; the file survives restarts, which is what makes `npm start` resumable. */
  dataDir: string;
  port: number;
  uiPort: number;
  namespace: string;
}

/**
 * SQLite pragmas for the dev server's one database file. WAL lets readers proceed while the single writer commits,
 * and synchronous=NORMAL fsyncs at checkpoints instead of at every commit: a power cut may lose the last
 * transactions, never corrupt the file — the right trade for a local dev server. bench/dev-server-pragmas.ts
 * measures the effect on workflow throughput against SQLite's defaults.
 */
export const DEV_SERVER_SQLITE_PRAGMAS = ['journal_mode=wal', 'synchronous=normal', 'busy_timeout=5000'] as const;

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const OUTPUT_TAIL_LINES = 30;

/** The arguments of `temporal server start-dev` for these options (exported for tests and benchmarks). */
export function devServerArgs(
  options: Omit<TemporalDevServerOptions, 'cliPath'>,
  pragmas: readonly string[],
): string[] {
  return [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--db-filename',
    path.join(options.dataDir, 'temporal.sqlite'),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    ...pragmas.flatMap((pragma) => ['--sqlite-pragma', pragma]),
  ];
}

/**
 * Starts `temporal server start-dev` with its state in `dataDir`, and resolves once its frontend answers gRPC.
 * Throws `EnvironmentError` when a port is taken, or when the server exits during start-up (with the end of its
 * output, and a hint when the SQLite file is unreadable); nothing is ever deleted.
 */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const pidFile = path.join(options.dataDir, 'server.pid');
  await stopOrphan(pidFile);
  await assertPortFree(options.port, 'TEMPORAL_PORT', 'Temporal gRPC');
  await assertPortFree(options.uiPort, 'TEMPORAL_UI_PORT', 'Temporal Web UI');

  // Its own process group: Ctrl-C reaches our process only, which stops the worker first and the server last.
  const child = spawn(options.cliPath, devServerArgs(options, DEV_SERVER_SQLITE_PRAGMAS), {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid) writeFileSync(pidFile, String(child.pid));
  const output = captureTail(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const address = `127.0.0.1:${options.port}`;

  const ready = await Promise.race([waitForFrontend(address, options.namespace), exited.then(() => false)]);
  if (!ready) {
    child.kill('SIGKILL');
    rmSync(pidFile, { force: true });
    throw startFailure(options.dataDir, output());
  }
  return {
    address,
    uiUrl: `http://127.0.0.1:${options.uiPort}`,
    stop: async () => {
      await stopChild(child, exited);
      rmSync(pidFile, { force: true });
    },
  };
}

/**
 * A dev server left running by a start that was killed (SIGKILL, a closed terminal) still holds the SQLite file
 * and the ports; it is ours, recorded in the pid file, so it is stopped before a new one starts.
 */
async function stopOrphan(pidFile: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!commandLine.includes('start-dev')) return;
  } catch {
    return;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (Date.now() < deadline && isRunning(pid)) await new Promise((resolve) => setTimeout(resolve, 100));
  if (isRunning(pid)) process.kill(pid, 'SIGKILL');
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function captureTail(child: ChildProcess): () => string {
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - OUTPUT_TAIL_LINES));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => lines.join('\n');
}

/** Resolves true once a Temporal frontend at `address` answers for `namespace`, false after `timeoutMs`. */
export async function waitForFrontend(
  address: string,
  namespace: string,
  timeoutMs = START_TIMEOUT_MS,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: '1s' });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return true;
      } finally {
        await connection.close();
      }
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return false;
}

function startFailure(dataDir: string, output: string): EnvironmentError {
  const corrupt = /malformed|not a database|file is encrypted|SQLITE_CORRUPT|SQLITE_NOTADB/i.test(output);
  const file = path.join(dataDir, 'temporal.sqlite');
  const hint = corrupt
    ? // The -wal and -shm files belong to the database file: pairing an old WAL with a new file corrupts it.
      `Tệp dữ liệu Temporal ${file} có vẻ bị hỏng. Không có gì bị xoá: hãy chuyển cả tệp và các tệp -wal, -shm đi ` +
      `(\`mkdir ${dataDir}.hong && mv ${file}* ${dataDir}.hong/\`) rồi chạy lại; các workflow cũ sẽ không còn, ` +
      'dữ liệu nghiệp vụ trong cơ sở dữ liệu vẫn giữ nguyên.'
    : 'Xem phần cuối nhật ký của máy chủ ở trên.';
  return new EnvironmentError(
    corrupt ? 'DATA_DIR_UNREADABLE' : 'SERVER_EXITED',
    `máy chủ Temporal dev không khởi động được. ${hint}\n${output}`,
  );
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
