// Import time of the national unit tree and of the 2025 reform, on Postgres and on PGlite, against a baseline
// measured in the same run: the same rows written with Kysely's plain multi-row `insert … values (…), (…)` in
// batches of 1,000. Prints one JSON object on stdout; progress goes to stderr. See bench/README.md.
//   node --import tsx bench/unit-import.ts [rounds]     (default 3; Postgres: TEST_DATABASE_URL, else a private one)
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createDatabase } from '../db/database';
import { importUnits } from '../db/import/import-units';
import { planUnitImport } from '../db/import/import-units';
import { prepareUnitImport } from '../db/import/prepare-unit-import';
import { migrateToLatest } from '../db/migrate';
import type { Database } from '../db/schema';
import { buildUnitSnapshot } from '../domain/units/unit-snapshot';
import { startEmbeddedPostgres } from '../runtime/embedded-postgres';
import { PROJECT_ROOT } from '../runtime/project-root';
import { median, round } from './lib/stats';

const DATA = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'dvhcvn');
const NATIONAL = { files: [path.join(DATA, 'units-2025-03-01.json')], validFrom: '2021-01-01' };
const REFORM = { files: [path.join(DATA, 'reform-2025-07-01-merges.json')] };
const today = '2025-09-01';
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

type Kind = 'postgres' | 'pglite';
interface Fresh {
  db: Kysely<Database>;
  close(): Promise<void>;
}

/** A fresh, migrated database: a new one on the Postgres server, or a new in-memory PGlite. */
async function freshDatabase(kind: Kind, serverUrl: string, index: number): Promise<Fresh> {
  if (kind === 'pglite') {
    const embedded = await startEmbeddedPostgres({ dataDir: undefined, port: 0 });
    const db = createDatabase({ url: embedded.url });
    await migrateToLatest(db);
    return { db, close: async () => (await db.destroy(), await embedded.stop()) };
  }
  const name = `dondoc_bench_units_${process.pid}_${index}`;
  const admin = createDatabase({ url: serverUrl, maxConnections: 1 });
  await sql`create database ${sql.id(name)}`.execute(admin);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = createDatabase({ url: url.toString() });
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

/** Ours: the importer end to end (read, check against the store, write with one array parameter per column). */
async function ours(db: Kysely<Database>) {
  const national = await importUnits(db, NATIONAL, { today });
  const reform = await importUnits(db, REFORM, { today });
  return { national: national.timingsMs, reform: reform.timingsMs, summaries: [national.summary, reform.summary] };
}

/** Baseline: the same planned rows of the national tree, written with Kysely's multi-row VALUES, 1,000 a statement. */
async function baseline(db: Kysely<Database>) {
  const started = performance.now();
  const changes = planUnitImport(buildUnitSnapshot([], []), prepareUnitImport(NATIONAL), { today });
  const planned = performance.now();
  await db.transaction().execute(async (trx) => {
    const units = changes.createdUnits.map((u) => ({
      id: u.id,
      code: u.code,
      valid_from: u.validFrom,
      valid_to: u.validTo,
      source: u.source,
    }));
    const versions = changes.createdVersions.map((v) => ({
      id: v.id,
      unit_id: v.unitId,
      name: v.name,
      type: v.type,
      parent_unit_id: v.parentUnitId,
      valid_from: v.validFrom,
      valid_to: v.validTo,
    }));
    for (let i = 0; i < units.length; i += 1000)
      await trx
        .insertInto('units')
        .values(units.slice(i, i + 1000))
        .execute();
    for (let i = 0; i < versions.length; i += 1000) {
      await trx
        .insertInto('unit_versions')
        .values(versions.slice(i, i + 1000))
        .execute();
    }
  });
  const written = performance.now();
  return { national: { planAndReadMs: planned - started, writeMs: written - planned, totalMs: written - started } };
}

function privatePostgres(): { url: string; stop(): void } {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, stop: () => undefined };
  const started = spawnSync('bash', [path.join(PROJECT_ROOT, 'scripts/test-postgres.sh'), 'start'], {
    encoding: 'utf8',
  });
  if (started.status !== 0) throw new Error(`could not start a private PostgreSQL: ${started.stderr}`);
  const vars: Record<string, string> = Object.fromEntries(
    [...started.stdout.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]),
  );
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    spawnSync('bash', [path.join(PROJECT_ROOT, 'scripts/test-postgres.sh'), 'stop', vars.TEST_PG_DIR!]);
  };
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  return { url: vars.TEST_DATABASE_URL!, stop };
}

async function main() {
  const rounds = Number(process.argv[2] ?? 3);
  const loadAverageAtStart = round(os.loadavg()[0]!);
  const postgres = privatePostgres();
  const samples: Record<
    Kind,
    { ours: Array<Awaited<ReturnType<typeof ours>>>; baseline: Array<Awaited<ReturnType<typeof baseline>>> }
  > = {
    postgres: { ours: [], baseline: [] },
    pglite: { ours: [], baseline: [] },
  };
  try {
    let index = 0;
    for (let r = 0; r < rounds; r++) {
      // Variants interleaved, the order rotated each round, so drift over the run spreads across all of them.
      const order = (['ours', 'baseline'] as const)
        .slice(r % 2)
        .concat((['ours', 'baseline'] as const).slice(0, r % 2));
      for (const kind of ['postgres', 'pglite'] as const) {
        for (const variant of order) {
          const fresh = await freshDatabase(kind, postgres.url, index++);
          try {
            if (variant === 'ours') samples[kind].ours.push(await ours(fresh.db));
            else samples[kind].baseline.push(await baseline(fresh.db));
          } finally {
            await fresh.close();
          }
          log(`round ${r + 1}/${rounds} ${kind} ${variant} done`);
        }
      }
    }
  } finally {
    postgres.stop();
  }
  const [national, reform] = samples.postgres.ours[0]!.summaries;
  const rows = { national: national!.createdUnits + national!.createdVersions };
  const figures = Object.fromEntries(
    (['postgres', 'pglite'] as const).map((kind) => {
      const o = samples[kind].ours;
      const b = samples[kind].baseline;
      const oursWrite = median(o.map((s) => s.national.write));
      const baseWrite = median(b.map((s) => s.national.writeMs));
      return [
        kind,
        {
          ours: {
            national: {
              readMs: median(o.map((s) => s.national.read)),
              planMs: median(o.map((s) => s.national.plan)),
              writeMs: oursWrite,
              totalMs: median(o.map((s) => s.national.total)),
              writeRowsPerSecond: Math.round(rows.national / (oursWrite / 1000)),
            },
            reform: {
              readMs: median(o.map((s) => s.reform.read)),
              planMs: median(o.map((s) => s.reform.plan)),
              writeMs: median(o.map((s) => s.reform.write)),
              totalMs: median(o.map((s) => s.reform.total)),
            },
            perRoundNationalWriteMs: o.map((s) => s.national.write),
          },
          baseline: {
            national: {
              writeMs: Math.round(baseWrite),
              writeRowsPerSecond: Math.round(rows.national / (baseWrite / 1000)),
            },
            perRoundNationalWriteMs: b.map((s) => Math.round(s.national.writeMs)),
          },
          ratiosVsBaseline: { nationalWriteThroughput: round(baseWrite / oursWrite) },
        },
      ];
    }),
  );
  process.stdout.write(
    JSON.stringify(
      { bench: 'unit-import', rounds, cpus: os.cpus().length, loadAverageAtStart, national, reform, ...figures },
      null,
      2,
    ) + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
