import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../runtime/project-root';

/**
 * A PostgreSQL of the test's own, from scripts/test-postgres.sh (its data folder, a loopback port, run as the
 * `postgres` user when we are root), that the test may stop and start again on the same port and data: the fault
 * tests restart it under a running cycle. `remove()` stops it and deletes its folder.
 */
export interface PrivatePostgres {
  url: string;
  stop(): void;
  start(): void;
  remove(): void;
}

const SCRIPT = path.join(PROJECT_ROOT, 'scripts/test-postgres.sh');

function pgCtl(): string {
  const root = '/usr/lib/postgresql';
  const version = readdirSync(root)
    .sort((a, b) => Number(a) - Number(b))
    .at(-1);
  return path.join(root, version!, 'bin', 'pg_ctl');
}

function asOwner(command: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  execFileSync(root ? 'runuser' : command, root ? ['-u', 'postgres', '--', command, ...args] : args, {
    stdio: 'ignore',
  });
}

/** Starts a private PostgreSQL (as `npm test` does for the suite) and returns its URL and controls. */
export function startPrivatePostgres(): PrivatePostgres {
  const exports = execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8' });
  const url = /TEST_DATABASE_URL=(\S+)/.exec(exports)![1]!;
  const dir = /TEST_PG_DIR=(\S+)/.exec(exports)![1]!;
  const port = new URL(url).port;
  const data = path.join(dir, 'data');
  return {
    url,
    // -m immediate: like a crash or a kill, open connections are cut without a goodbye.
    stop: () => asOwner(pgCtl(), ['-D', data, '-m', 'immediate', '-w', 'stop']),
    start: () =>
      asOwner(pgCtl(), [
        '-D',
        data,
        '-l',
        path.join(dir, 'server.log'),
        '-w',
        '-t',
        '60',
        '-o',
        `-F -p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
        'start',
      ]),
    remove: () => execFileSync('bash', [SCRIPT, 'stop', dir], { stdio: 'ignore' }),
  };
}
