import { closeSync, openSync, readSync, statSync } from 'node:fs';

export interface SqliteFileFacts {
  /** From the file header (byte 18: 1 = rollback journal, 2 = WAL), so it shows what the pragmas really did. */
  journalMode: 'rollback' | 'wal' | 'unknown';
  dbBytes: number;
  /** The -wal file left beside the database (0 when absent): pages not yet checkpointed into the main file. */
  walBytes: number;
}

/** Reads the facts of a SQLite file that no process is writing any more. */
export function sqliteFileFacts(file: string): SqliteFileFacts {
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  const writeVersion = header[18];
  const journalMode = writeVersion === 2 ? 'wal' : writeVersion === 1 ? 'rollback' : 'unknown';
  return { journalMode, dbBytes: statSync(file).size, walBytes: sizeOrZero(`${file}-wal`) };
}

function sizeOrZero(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
