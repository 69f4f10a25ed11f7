import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importUnits } from '../../../../db/import/import-units';
import { createPlan } from '../../../../db/plan.repository';
import type { Database } from '../../../../db/schema';
import type { NewObligation } from '../../../../db/tables/obligation.table';
import { buildWorkingCalendar } from '../../../../domain/calendar/working-calendar-builder';
import { vietnamCivilDate } from '../../../../domain/civil-time';
import { loadPlan } from '../../../../domain/plan/load-plan';

/** The units of the API tests: the owner, two sở, and a phòng under one of them. */
export const UNITS_CSV =
  'code,name,type,parent_code,valid_from,reporter_name,reporter_email,head_name,head_email\n' +
  'SNV,Sở Nội vụ,so,,2020-01-01,,,Giám đốc Sở Nội vụ,gd@snv.example.invalid\n' +
  'SGD,Sở Giáo dục và Đào tạo,so,,2020-01-01,Nguyễn Văn An,an@sgd.example.invalid,Giám đốc SGD,gd@sgd.example.invalid\n' +
  'PGD,Phòng Giáo dục mầm non,phong,SGD,2020-01-01,Lê Thị Bình,binh@sgd.example.invalid,,\n' +
  'SYT,Sở Y tế,so,,2020-01-01,Trần Văn Cường,cuong@syt.example.invalid,Giám đốc SYT,gd@syt.example.invalid\n';

/** This year in Vietnam: the test plan's one milestone is "năm <year>", open now, due on 31/12. */
export const YEAR = Number(vietnamCivilDate(Date.now()).slice(0, 4));

/**
 * A plan owned by `owner` asking each of `units` for one report in this year's milestone ("năm <year>", open now,
 * due at the end of 31/12), so the submission window is open while the test runs; with `nominations`, the report
 * asks for up to 3 nominated examples (tập thể, cá nhân); `scope` (YAML) replaces the one level of `units`.
 */
export function yearPlanYaml(
  code: string,
  owner: string,
  units: readonly string[],
  options: { title?: string; nominations?: boolean; scope?: string } = {},
): string {
  const scope =
    options.scope ?? `{ units: [${units.map((unit) => `{ unit: ${unit} }`).join(', ')}], levels: [cấp sở] }`;
  return `format: 1
code: ${code}
title: ${options.title ?? 'Kế hoạch thử chịu lỗi'}
issuer: UBND tỉnh
period: ${YEAR}-${YEAR}
owner: { unit: ${owner}, name: Sở Nội vụ }
scope: ${scope}
milestones:
  - id: tong-ket
    kind: tổng kết
    title: Tổng kết năm
    when: năm ${YEAR}
    reports:
      - id: bao-cao
        title: Báo cáo tổng kết
${options.nominations ? '        nominations: { forms: [tập thể, cá nhân], quota: 3 }\n' : ''}`;
}

/** The API tests' plan: owned by SNV, asking SGD and SYT for one report with nominations in the year's milestone. */
export function planYaml(code: string): string {
  return yearPlanYaml(code, 'SNV', ['SGD', 'SYT'], { title: 'Kế hoạch thử API', nominations: true });
}

export const calendar = () => Promise.resolve(buildWorkingCalendar([]));

/** Imports a units CSV through the importer the CLI uses (all or nothing; importing the same rows again is a no-op). */
export async function importUnitsCsv(db: Kysely<Database>, csv: string): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-test-units-'));
  try {
    writeFileSync(path.join(dir, 'don-vi.csv'), csv);
    await importUnits(db, { files: [path.join(dir, 'don-vi.csv')], format: 'csv' }, { today: `${YEAR}-01-01` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Imports the test units (idempotent). */
export function seedUnits(db: Kysely<Database>): Promise<void> {
  return importUnitsCsv(db, UNITS_CSV);
}

/** Loads a plan (the test plan unless `text` is given) under a fresh số hiệu; returns the code. */
export async function seedPlan(db: Kysely<Database>, text: (code: string) => string = planYaml): Promise<string> {
  const code = `${randomUUID().slice(0, 6)}/KH-UBND`;
  const { plan, resolved } = loadPlan(text(code), 'ke-hoach.yaml', buildWorkingCalendar([]));
  await createPlan(db, {
    sourceFile: 'ke-hoach.yaml',
    sourceText: text(code),
    definition: plan,
    resolved,
    actor: 'test',
  });
  return code;
}

/** The id of a unit's obligation in a plan of yearPlanYaml, the test plan's too (as the workflow makes it). */
export function obligationId(code: string, unit: string): string {
  return `plan/${code}/tong-ket/${unit}#bao-cao`;
}

/**
 * Writes an obligation's read model as the workflow would (for read-only tests that need no workflow): open, due
 * at the end of the year, reporting to `parent` at `level`.
 */
export async function seedObligation(
  db: Kysely<Database>,
  code: string,
  unitCode: string,
  options: { parent: string; level: number; status?: NewObligation['status'] },
): Promise<string> {
  const unit = await db.selectFrom('units').select('id').where('code', '=', unitCode).executeTakeFirstOrThrow();
  const id = obligationId(code, unitCode);
  const dueAt = `${YEAR + 1}-01-01T00:00:00+07:00`;
  await db
    .insertInto('obligations')
    .values({
      id,
      workflow_id: id.split('#')[0]!,
      plan_code: code,
      plan_version: 1,
      milestone_id: 'tong-ket',
      report_id: 'bao-cao',
      unit_id: unit.id,
      unit_code: unitCode,
      unit_name: unitCode,
      parent_unit_code: options.parent,
      assigned_unit_code: null,
      level: options.level,
      due_at: dueAt,
      original_due_at: dueAt,
      status: options.status ?? 'open',
      submitted_at: null,
      submission_version: 0,
      extended_by: null,
      extension_reason: null,
      exempted_by: null,
      exemption_reason: null,
      escalation_step: 0,
    })
    .execute();
  return id;
}
