import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EnvironmentError } from './environment-error';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims `dataDir` for this process: two `npm start` on one data folder would open the same PGlite and SQLite files
 * and corrupt them. A lock left by a process that died is taken over. Returns the release function.
 */
export function acquireInstanceLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'dondoc.pid');
  let holder: number | undefined;
  try {
    holder = Number(readFileSync(file, 'utf8').trim());
  } catch {
    holder = undefined;
  }
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new EnvironmentError(
      'ALREADY_RUNNING',
      `Đôn đốc đang chạy với thư mục dữ liệu ${dataDir} (tiến trình ${holder}). Hãy dừng nó (Ctrl-C) hoặc đặt DATA_DIR khác.`,
    );
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}
