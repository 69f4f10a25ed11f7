import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { importUnits } from '../../db/import/import-units';
import { createPlan } from '../../db/plan.repository';
import type { Database } from '../../db/schema';
import { buildWorkingCalendar } from '../../domain/calendar/working-calendar-builder';
import { loadPlan } from '../../domain/plan/load-plan';
import { loadCalendarFiles } from '../../runtime/calendar-files';
import { PROJECT_ROOT } from '../../runtime/project-root';
import { registerTempDir, removeTempDir } from './cleanup';

/** The national list of 01/03/2025 (63 provinces, 696 districts, 10,047 communes), read in place. */
export const NATIONAL_UNITS_FILE = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'dvhcvn', 'units-2025-03-01.json');

/** The plan owner of the national plans: an agency with no parent, above the provinces. */
export const NATIONAL_OWNER = 'BNV';

interface Commune {
  level3_id: string;
}
interface District {
  level2_id: string;
  level3s: Commune[];
}
export interface Province {
  level1_id: string;
  name: string;
  level2s: District[];
}

/** The provinces of the national list, with their districts and communes. */
export function readNationalUnits(): Province[] {
  return (JSON.parse(readFileSync(NATIONAL_UNITS_FILE, 'utf8')) as { data: Province[] }).data;
}

/** Every unit code under these provinces, the provinces included: the units a three-level plan over them reaches. */
export function unitCodes(provinces: readonly Province[]): string[] {
  return provinces.flatMap((p) => [
    p.level1_id,
    ...p.level2s.flatMap((d) => [d.level2_id, ...d.level3s.map((c) => c.level3_id)]),
  ]);
}

/** Today in Vietnam (UTC+7), as yyyy-mm-dd. */
export function vietnamToday(now = Date.now()): string {
  return new Date(now + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * A plan of the owner over `scope` that opens today (so the plan cycle opens it at once) with one report due 30 days
 * later, cascading down `levels` three working days apart. The deadline must fall in a year config/calendar/ knows.
 */
export function benchPlanText(options: {
  code: string;
  owner: { unit: string; name: string };
  scope: string;
  levels: readonly string[];
  today: string;
}): string {
  const [year, month, day] = options.today.split('-').map(Number) as [number, number, number];
  const due = new Date(Date.UTC(year, month - 1, day + 30));
  const dueText = `${due.getUTCDate()}/${due.getUTCMonth() + 1}/${due.getUTCFullYear()}`;
  return `format: 1
code: ${options.code}
title: Sơ kết phong trào thi đua yêu nước năm ${year}
issuer: ${options.owner.name}
period: ${year}-${year + 1}
owner: { unit: ${options.owner.unit}, name: ${options.owner.name} }
scope:
  units: ${options.scope}
  levels: [${options.levels.join(', ')}]
milestones:
  - id: so-ket-${year}
    kind: sơ kết
    title: Sơ kết phong trào thi đua yêu nước năm ${year}
    when: ngày ${day}/${month}/${year}
    reports:
      - id: bao-cao-so-ket
        title: Báo cáo sơ kết
        due: chậm nhất ngày ${dueText}
        cascade: { gap: 3 ngày làm việc }
`;
}

/**
 * Imports the national list (valid from 01/01/2021) and a CSV with the owner `owner` (an agency under `ownerParent`,
 * or at the top when undefined) and a reporter and a head for every unit in `provinces`, on example.invalid.
 * Returns the import's figures.
 */
export async function importNationalUnits(
  db: Kysely<Database>,
  options: { provinces: readonly Province[]; owner: { unit: string; name: string }; ownerParent?: string },
): Promise<{ units: number; importMs: number }> {
  const started = performance.now();
  const today = vietnamToday();
  await importUnits(db, { files: [NATIONAL_UNITS_FILE], format: 'dvhcvn', validFrom: '2021-01-01' }, { today });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-bench-units-'));
  registerTempDir(dir);
  try {
    const codes = unitCodes(options.provinces);
    const rows = [
      'code,name,type,parent_code,valid_from,reporter_name,reporter_email,head_name,head_email',
      `${options.owner.unit},${options.owner.name},cơ quan,${options.ownerParent ?? ''},2021-01-01,` +
        `Văn thư ${options.owner.unit},vt@owner.example.invalid,Thủ trưởng ${options.owner.unit},tt@owner.example.invalid`,
      ...codes.map(
        (code) =>
          `${code},,,,2021-01-01,Văn thư ${code},vt-${code}@bench.example.invalid,` +
          `Chủ tịch ${code},ct-${code}@bench.example.invalid`,
      ),
    ];
    const contacts = path.join(dir, 'contacts.csv');
    writeFileSync(contacts, rows.join('\n') + '\n', 'utf8');
    await importUnits(db, { files: [contacts], format: 'csv' }, { today });
    return { units: codes.length, importMs: Math.round(performance.now() - started) };
  } finally {
    removeTempDir(dir);
  }
}

/** Checks and stores the plan text (version 1), as `dondoc plan load` does. */
export async function loadBenchPlan(db: Kysely<Database>, text: string): Promise<void> {
  const calendar = buildWorkingCalendar(await loadCalendarFiles());
  const loaded = loadPlan(text, 'bench/plan.yaml', calendar);
  await createPlan(db, {
    sourceFile: 'bench/plan.yaml',
    sourceText: text,
    definition: loaded.plan,
    resolved: loaded.resolved,
    actor: 'bench',
  });
}
