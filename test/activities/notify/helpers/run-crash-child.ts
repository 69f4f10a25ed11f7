import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../../runtime/project-root';

const CHILD = path.join(PROJECT_ROOT, 'test/activities/notify/helpers/crash-child.ts');

export interface CrashRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
}

/**
 * Starts crash-child.ts with `env` on top of this process's environment (CRASH_DATABASE_URL, CRASH_SMTP_URL,
 * CRASH_REQUEST, KILL_AT, CRASH_ZALO_URL…). `exited` resolves with how it ended; its stderr is echoed when it failed
 * without being killed.
 */
export function runCrashChild(env: Record<string, string>): { child: ChildProcess; exited: Promise<CrashRun> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<CrashRun>((resolve) =>
    child.on('exit', (code, signal) => {
      if (code !== 0 && !signal) process.stderr.write(stderr);
      resolve({ code, signal, stdout });
    }),
  );
  return { child, exited };
}
