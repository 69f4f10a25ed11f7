import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { CivilDate } from '../../domain/civil-time';
import { planCsvImport } from '../../domain/units/plan-csv-import';
import { planNationalImport } from '../../domain/units/plan-national-import';
import { planReform } from '../../domain/units/plan-reform';
import {
  applyUnitChanges,
  summariseUnitChanges,
  type UnitChanges,
  type UnitChangeSummary,
} from '../../domain/units/unit-changes';
import { UnitError } from '../../domain/units/unit-issue';
import type { UnitSnapshot } from '../../domain/units/unit-snapshot';
import { validateUnitTree } from '../../domain/units/validate-unit-tree';
import type { Database } from '../schema';
import { writeUnitChanges } from '../unit-changes.repository';
import { loadUnitSnapshot } from '../unit-snapshot.repository';
import { silentProgress, type ImportProgress } from './import-progress';
import { prepareUnitImport, type PreparedUnitImport, type UnitImportRequest } from './prepare-unit-import';
import type { UnitFileFormat } from './unit-file-format';

export interface UnitImportResult {
  format: UnitFileFormat;
  files: string[];
  /** The day the imported tree starts (dvhcvn) or the reform takes effect; undefined for a CSV. */
  validFrom: CivilDate | undefined;
  summary: UnitChangeSummary;
  /** Where the time went: reading and parsing the files, checking against the store, writing. */
  timingsMs: { read: number; plan: number; write: number; total: number };
}

export interface UnitImportOptions {
  /** Today in Vietnam: the date a CSV's contacts-only rows look their unit up on, when they give none. */
  today: CivilDate;
  progress?: ImportProgress;
  newId?: () => string;
}

/** One import at a time: each checks its changes against the whole tree, which another must not change meanwhile. */
const IMPORT_LOCK = 20250701;

/**
 * Imports a file of units — the national list, a reform mapping, or an agency's CSV — all or nothing: the files are
 * read and parsed, then in one transaction (holding an advisory lock, so imports queue) the stored tree is loaded,
 * the file's changes are computed and the resulting tree is checked against every rule (domain/units); only then are
 * the changes written, in batches. Throws `UnitError` listing every problem with its file, line or JSON path and
 * field, having written nothing; a database failure rolls back the same way.
 */
export async function importUnits(
  db: Kysely<Database>,
  request: UnitImportRequest,
  options: UnitImportOptions,
): Promise<UnitImportResult> {
  const started = performance.now();
  const prepared = prepareUnitImport(request);
  const result = await importPreparedUnits(db, prepared, options);
  const read = Math.round(performance.now() - started) - result.timingsMs.total;
  return { ...result, timingsMs: { ...result.timingsMs, read, total: result.timingsMs.total + read } };
}

/**
 * `importUnits` for files already read and parsed by `prepareUnitImport` (the CLI reads them before it opens the
 * database, so a broken file is reported at once); `timingsMs.read` is 0.
 */
export async function importPreparedUnits(
  db: Kysely<Database>,
  prepared: PreparedUnitImport,
  options: UnitImportOptions,
): Promise<UnitImportResult> {
  const started = performance.now();
  let planned = started;
  let changes: UnitChanges | undefined;
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(trx);
    changes = planUnitImport(await loadUnitSnapshot(trx), prepared, options);
    planned = performance.now();
    await writeUnitChanges(trx, changes, options.progress ?? silentProgress);
  });
  const written = performance.now();
  return {
    format: prepared.format,
    files: prepared.files,
    validFrom:
      prepared.format === 'reform'
        ? prepared.input.effectiveOn
        : prepared.format === 'dvhcvn'
          ? changes!.createdUnits[0]?.validFrom
          : undefined,
    summary: summariseUnitChanges(changes!),
    timingsMs: {
      read: 0,
      plan: Math.round(planned - started),
      write: Math.round(written - planned),
      total: Math.round(written - started),
    },
  };
}

/** The changes a prepared import makes to the snapshot, checked; throws `UnitError` when any rule fails. */
export function planUnitImport(
  snapshot: UnitSnapshot,
  prepared: PreparedUnitImport,
  options: { today: CivilDate; newId?: () => string },
): UnitChanges {
  const newId = options.newId ?? randomUUID;
  const changes =
    prepared.format === 'dvhcvn'
      ? planNationalImport(prepared.input, { validFrom: prepared.validFrom, newId })
      : prepared.format === 'reform'
        ? planReform(snapshot, prepared.input, { newId })
        : planCsvImport(snapshot, prepared.input, {
            defaultValidFrom: prepared.validFrom,
            today: options.today,
            newId,
          });
  const issues = validateUnitTree(applyUnitChanges(snapshot, changes), changes.sources);
  if (issues.length > 0) throw new UnitError(issues);
  return changes;
}
