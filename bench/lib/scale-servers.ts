import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createDatabase } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import type { Database } from '../../db/schema';
import { PROJECT_ROOT } from '../../runtime/project-root';

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ (`getconf CLK_TCK`)

/** A process the benchmark started through a script: stopped on exit, on Ctrl-C and on failure. */
interface Stoppable {
  stop: () => void;
}

const started: Stoppable[] = [];
process.once('exit', () => {
  for (const item of started.reverse()) item.stop();
});

function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const result = spawnSync('bash', [path.join(PROJECT_ROOT, 'scripts', script), ...args], { encoding: 'utf8', env });
  if (result.status !== 0) throw new Error(`scripts/${script} ${args.join(' ')} failed:\n${result.stderr}`);
  return Object.fromEntries([...result.stdout.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
}

function once(stop: () => void): Stoppable {
  let done = false;
  const item = {
    stop: () => {
      if (done) return;
      done = true;
      stop();
    },
  };
  started.push(item);
  return item;
}

/**
 * A private PostgreSQL from scripts/test-postgres.sh (fsync off, loopback), stopped when the process exits.
 * `cpuSeconds` counts the postmaster, its live backends and the children it has reaped.
 */
export function startPrivatePostgres(): { url: string; cpuSeconds: () => number; stop: () => void } {
  const vars = runScript('test-postgres.sh', ['start']);
  const item = once(() => void runScript('test-postgres.sh', ['stop', vars.TEST_PG_DIR!]));
  const postmaster = Number(
    readFileSync(path.join(vars.TEST_PG_DIR!, 'data', 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  return { url: vars.TEST_DATABASE_URL!, cpuSeconds: () => processTreeCpuSeconds(postmaster), stop: item.stop };
}

/** CPU seconds of a process, its reaped children, and its live children (one level: PostgreSQL's backends). */
function processTreeCpuSeconds(pid: number): number {
  let total = processCpuSeconds(pid, true);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const seconds = ppid === pid ? processCpuSeconds(Number(entry)) : 0;
      if (Number.isFinite(seconds)) total += seconds;
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

export interface ProductionTemporal {
  address: string;
  /** Milliseconds the start script took: schema set-up, server start, namespace registered. */
  startMs: number;
  /** User + system CPU seconds the server process has used so far. */
  cpuSeconds: () => number;
  stop: () => void;
}

/**
 * The production-shaped Temporal of scripts/temporal-server.sh on the PostgreSQL at `postgresUrl` (its `temporal`
 * and `temporal_visibility` databases, which must not exist yet or belong to an earlier run of the same server).
 */
export function startProductionTemporal(postgresUrl: string): ProductionTemporal {
  const startedAt = performance.now();
  const vars = runScript('temporal-server.sh', ['start'], { ...process.env, TEMPORAL_PG_URL: postgresUrl });
  const dir = vars.TEMPORAL_SERVER_DIR!;
  const pid = Number(readFileSync(path.join(dir, 'server.pid'), 'utf8'));
  const item = once(() => void runScript('temporal-server.sh', ['stop', dir]));
  return {
    address: vars.TEMPORAL_ADDRESS!,
    startMs: Math.round(performance.now() - startedAt),
    cpuSeconds: () => processCpuSeconds(pid),
    stop: item.stop,
  };
}

/**
 * utime + stime of a process, from /proc/<pid>/stat (fields 14 and 15, counted after the command's parenthesis),
 * plus cutime + cstime (16, 17: children it has waited for) when `withReapedChildren`. NaN once it has exited.
 */
export function processCpuSeconds(pid: number, withReapedChildren = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = Number(fields[11]) + Number(fields[12]);
    const children = withReapedChildren ? Number(fields[13]) + Number(fields[14]) : 0;
    return (own + children) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** A new, migrated database on the server at `serverUrl`, dropped by `close`. */
export async function freshDatabase(
  serverUrl: string,
  name: string,
  maxConnections = 20,
): Promise<{ db: Kysely<Database>; close(): Promise<void> }> {
  const admin = createDatabase({ url: serverUrl, maxConnections: 1 });
  await sql`create database ${sql.id(name)}`.execute(admin);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = createDatabase({ url: url.toString(), maxConnections });
  await migrateToLatest(db);
  return {
    db,
    close: async () => {
      await db.destroy();
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
      await admin.destroy();
    },
  };
}
