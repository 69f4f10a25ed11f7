import { DEV_SERVER_SQLITE_PRAGMAS } from '../../runtime/temporal-dev-server';

/**
 * The SQLite settings compared by dev-server-pragmas.ts. `defaults` passes no --sqlite-pragma at all, which in
 * the CLI's SQLite build means journal_mode=DELETE and synchronous=FULL: every commit fsyncs the rollback journal
 * and the database file. The others split the effect of the project's choice into its parts.
 */
export const PRAGMA_VARIANTS = {
  defaults: [],
  /** What `npm start` uses (runtime/temporal-dev-server.ts). */
  project: DEV_SERVER_SQLITE_PRAGMAS,
  /** WAL alone: still one fsync of the WAL per commit, so it shows what synchronous=normal adds. */
  'wal-full': ['journal_mode=wal', 'synchronous=full', 'busy_timeout=5000'],
  /** No fsync at all: the ceiling; a power cut may corrupt the file, so not a candidate, only a yardstick. */
  'wal-off': ['journal_mode=wal', 'synchronous=off', 'busy_timeout=5000'],
} as const satisfies Record<string, readonly string[]>;

export type PragmaVariant = keyof typeof PRAGMA_VARIANTS;

export const BASELINE_VARIANT: PragmaVariant = 'defaults';
