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

/** A plan owned by SNV, asking SGD and SYT for one report with nominations in the year's milestone. */
export function planYaml(code: string): string {
  return `format: 1
code: ${code}
title: Kế hoạch thử API
issuer: UBND tỉnh
period: ${YEAR}-${YEAR}
owner: { unit: SNV, name: Sở Nội vụ }
scope: { units: [{ unit: SGD }, { unit: SYT }], levels: [cấp sở] }
milestones:
  - id: tong-ket
    kind: tổng kết
    title: Tổng kết năm
    when: năm ${YEAR}
    reports:
      - id: bao-cao
        title: Báo cáo tổng kết
        nominations: { forms: [tập thể, cá nhân], quota: 3 }
`;
}

export const calendar = () => Promise.resolve(buildWorkingCalendar([]));

/** Imports the test units (idempotent). */
export async function seedUnits(db: Kysely<Database>): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-api-units-'));
  try {
    writeFileSync(path.join(dir, 'don-vi.csv'), UNITS_CSV);
    await importUnits(db, { files: [path.join(dir, 'don-vi.csv')], format: 'csv' }, { today: `${YEAR}-01-01` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Loads the test plan under a fresh số hiệu; returns the code. */
export async function seedPlan(db: Kysely<Database>): Promise<string> {
  const code = `${randomUUID().slice(0, 6)}/KH-UBND`;
  const { plan, resolved } = loadPlan(planYaml(code), 'ke-hoach.yaml', buildWorkingCalendar([]));
  await createPlan(db, {
    sourceFile: 'ke-hoach.yaml',
    sourceText: planYaml(code),
    definition: plan,
    resolved,
    actor: 'test',
  });
  return code;
}

/** The id of a unit's obligation in the test plan (as the workflow makes it). */
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
