import { rmSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';

const children = new Set<ChildProcess>();
const dirs = new Set<string>();

/**
 * Last-resort cleanup for an interrupted benchmark: on exit (normal, an uncaught error, Ctrl-C or SIGTERM) every
 * child still registered is killed and every temp dir still registered is removed. The normal path stops its
 * servers gracefully and unregisters them first; this only catches what an interruption left behind.
 */
export function registerChild(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

export function registerTempDir(dir: string): void {
  dirs.add(dir);
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

function cleanUpNow(): void {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

process.once('exit', cleanUpNow);
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    process.stderr.write(`[bench] ${signal}: stopping servers and removing temp dirs\n`);
    process.exit(code);
  });
}
