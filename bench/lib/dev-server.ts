import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { devServerArgs, waitForFrontend } from '../../runtime/temporal-dev-server';
import { freePort } from '../../runtime/ports';
import { registerChild } from './cleanup';

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on every Linux we run on (`getconf CLK_TCK`)

export interface BenchDevServer {
  address: string;
  namespace: string;
  /** Milliseconds from spawn until the frontend answered DescribeNamespace. */
  startMs: number;
  /** User + system CPU seconds the server process has used so far (from /proc). */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/**
 * Spawns `temporal server start-dev` on free loopback ports with its SQLite file in `dataDir` and exactly these
 * pragmas (none: SQLite's own defaults), the way runtime/temporal-dev-server.ts does apart from the pragmas.
 * Throws with the end of the server's output when it exits or is not ready within a minute.
 */
export async function startBenchDevServer(
  cliPath: string,
  dataDir: string,
  pragmas: readonly string[],
): Promise<BenchDevServer> {
  const namespace = 'default';
  const options = { dataDir, port: await freePort(), uiPort: await freePort(), namespace };
  const startedAt = performance.now();
  const child = spawn(cliPath, devServerArgs(options, pragmas), { stdio: ['ignore', 'pipe', 'pipe'] });
  registerChild(child);
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const address = `127.0.0.1:${options.port}`;
  const ready = await Promise.race([waitForFrontend(address, namespace, READY_TIMEOUT_MS), exited.then(() => false)]);
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error(`dev server did not start (${devServerArgs(options, pragmas).join(' ')}):\n${output}`);
  }
  const startMs = performance.now() - startedAt;

  return {
    address,
    namespace,
    startMs,
    cpuSeconds: () => processCpuSeconds(child.pid!),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** utime + stime of a process, from /proc/<pid>/stat (fields 14 and 15, counted after the command's parenthesis). */
function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so utime (14) and stime (15) are at 11 and 12.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}
