import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../runtime/project-root';
import { registerChild } from './cleanup';

const READY_TIMEOUT_MS = 120_000;

export interface BenchChild {
  pid: number;
  /** SIGKILL: no drain, no goodbye; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Runs a TypeScript file of bench/ in a child Node process (tsx) with `env` added, and resolves once it printed
 * `ready` on stdout; every other stdout line goes to `onLine`. Its stderr passes through; it is killed when the
 * benchmark exits, fails or is interrupted.
 */
export async function startBenchChild(
  script: string,
  env: Record<string, string>,
  onLine: (line: string) => void = () => undefined,
): Promise<BenchChild> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, script)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  registerChild(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (line !== 'ready') onLine(line);
        else {
          clearTimeout(timer);
          resolve(true);
        }
      }
    });
    void exited.then(() => resolve(false));
  });
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error(`${script} did not become ready`);
  }
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    pid: child.pid!,
    kill: async () => {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    stop: async (graceMs = 10_000) => {
      if (gone()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
