import { build } from 'esbuild';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../runtime/project-root';

const CHILD = path.join(PROJECT_ROOT, 'test/integration/helpers/kill-worker-child.ts');

/** A kill-worker-child.ts process: loaded and waiting (`ready`), then polling once told to `go`. */
export interface WorkerProcess {
  child: ChildProcess;
  /** Everything loaded and the worker built; it does not poll yet. */
  ready: Promise<void>;
  /** Starts polling; resolves once it does. */
  go(): Promise<void>;
  /** SIGKILL; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: the worker drains and exits. */
  stop(): Promise<void>;
}

/**
 * Bundles kill-worker-child.ts into one JavaScript file at `outfile` (the Temporal packages, with their native
 * core, stay in node_modules): under load, tsx compiling the project's TypeScript at each restart took 4–10 s.
 */
export async function bundleWorkerProcess(outfile: string): Promise<void> {
  await build({
    entryPoints: [CHILD],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    external: ['@temporalio/*', 'pg-native'],
    nodePaths: [path.join(PROJECT_ROOT, 'node_modules')],
    logLevel: 'warning',
  });
}

/**
 * Starts the fault tests' worker (the file bundleWorkerProcess wrote) in a child process, with `env` (FAULT_*) on top
 * of this process's environment.
 */
export function startWorkerProcess(bundle: string, env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, [bundle], {
    cwd: PROJECT_ROOT,
    // The bundle leaves @temporalio/* outside; they resolve from the project's node_modules wherever it lies.
    env: { ...process.env, NODE_OPTIONS: '', NODE_PATH: path.join(PROJECT_ROOT, 'node_modules'), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ word: string; resolve: () => void }> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const waiter of waiters) if (stdout.includes(waiter.word)) waiter.resolve();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    // What the worker says goes on to the test's output, so a stalled run shows why.
    process.stderr.write(`[worker ${child.pid}] ${chunk.toString()}`);
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const printed = (word: string) => {
    const seen = new Promise<void>((resolve, reject) => {
      waiters.push({ word, resolve });
      child.on('exit', (code, signal) =>
        reject(new Error(`worker exited (${code ?? signal}) before "${word}": ${stderr}`)),
      );
    });
    seen.catch(() => undefined);
    return seen;
  };
  const ready = printed('ready');
  const running = printed('running');
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    ready,
    async go() {
      await ready;
      child.stdin.write('go\n');
      await running;
    },
    async kill() {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (alive()) child.kill('SIGTERM');
      await exited;
    },
  };
}
