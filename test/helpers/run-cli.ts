import { spawn, type ChildProcessByStdio } from 'node:child_process';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { PROJECT_ROOT } from '../../runtime/project-root';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts `bin/dondoc` with arguments and extra environment, as a person would from the project folder, for a test
 * that talks to the running command (types on its stdin, presses Ctrl-C); `result` resolves when it exits.
 */
export function startCli(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcessByStdio<Writable, Readable, Readable>; result: Promise<CliRun> } {
  const child = spawn(path.join(PROJECT_ROOT, 'bin/dondoc'), args, {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const result = new Promise<CliRun>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, result };
}

/** Runs `bin/dondoc` with arguments and extra environment and nothing on its stdin; resolves when it exits. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const { child, result } = startCli(args, env);
  child.stdin.end();
  return result;
}
