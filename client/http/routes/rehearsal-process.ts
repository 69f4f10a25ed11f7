import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../runtime/project-root';
import type { Rehearsal } from '../../plans/rehearse-plan';
import { ApiError, codedApiError } from '../api-error';

const TIMEOUT_MS = 180_000;

/**
 * Runs `dondoc plan rehearse <file> --json` (client/plans/rehearse-plan.ts) in a child process and returns its
 * rehearsal. A child, not this process: the rehearsal installs its own Temporal runtime, starts a time-skipping
 * server and bundles the workflows — none of which may share the HTTP process with a running worker. The plan
 * file's problems come back as a 400 (the CLI's `CODE: message`), a broken environment or a timeout as a 503.
 */
export async function rehearseInChildProcess(
  source: string,
  file: string,
  env?: NodeJS.ProcessEnv,
): Promise<Rehearsal> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-rehearse-'));
  const planFile = path.join(dir, path.basename(file) || 'ke-hoach.yaml');
  try {
    await writeFile(planFile, source, 'utf8');
    const { code, stdout, stderr } = await run(env, [
      '--import',
      'tsx',
      path.join(PROJECT_ROOT, 'client/cli/main.ts'),
      'plan',
      'rehearse',
      planFile,
      '--json',
    ]);
    if (code === 0) return JSON.parse(stdout.slice(stdout.indexOf('{'))) as Rehearsal;
    const message = stderr.trim().split('\n')[0] ?? '';
    if (code === 1 && /^[A-Z][A-Z0-9_]+: /.test(message)) throw codedApiError(400, message);
    throw new ApiError(503, 'REHEARSAL_FAILED', `chạy thử không thành công: ${message || `mã thoát ${code}`}`, null, {
      retryable: true,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(
  env: NodeJS.ProcessEnv | undefined,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Without `env` the child inherits this process's environment: the same DATABASE_URL, DATA_DIR, PGLITE_PORT.
    const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGTERM'), TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
