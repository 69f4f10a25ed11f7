import type { Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findAccount, saveAccount } from '../../db/account.repository';
import { importUnits } from '../../db/import/import-units';
import { createPlan, findPlan, PlanCodeDuplicateError } from '../../db/plan.repository';
import type { Database } from '../../db/schema';
import { findUnitAt } from '../../db/unit.repository';
import type { WorkingCalendar } from '../../domain/calendar/working-calendar';
import type { CivilDate } from '../../domain/civil-time';
import { loadPlan } from '../../domain/plan/load-plan';
import { PlanFileError } from '../../domain/plan/plan-errors';
import { readPlanFile } from '../../domain/plan/read-plan-file';
import { PROJECT_ROOT } from '../../runtime/project-root';
import { hashPassword } from '../http/auth/password-hash';
import { planUnitProblems } from '../plans/check-plan-units';
import { DEMO_PLAN_CODE, demoPlanYaml } from './demo-plan';
import { demoProvinceUnits, demoUnitsCsv, DEMO_VALID_FROM, SEED_PLAN_UNITS } from './demo-units';

/** The demo's accounts: Sở Nội vụ staff, and a leader who follows one district of the made-up province. */
export const DEMO_ADMIN = 'admin';
export const DEMO_LEADER = 'lanh-dao';
export const DEMO_LEADER_UNIT = 'DEMO-H01';

const CAO_BANG_UNITS = path.join(PROJECT_ROOT, 'plans/units/cao-bang-vp-ubnd.csv');

export interface DemoOptions {
  today: CivilDate;
  calendar: WorkingCalendar;
  /** Passwords to set; a missing one is generated for a new account (and printed once), an existing one is kept. */
  adminPassword?: string | undefined;
  leaderPassword?: string | undefined;
  /** The folder of the seed plans; plans/ of the project by default. */
  plansDir?: string;
}

export interface DemoResult {
  units: { outcome: 'imported' | 'unchanged'; count: number };
  plans: Array<{ code: string; file: string; outcome: 'created' | 'unchanged' | 'kept' }>;
  accounts: Array<{
    username: string;
    role: 'admin' | 'leader';
    unitCode: string | null;
    outcome: 'created' | 'updated' | 'kept';
    password?: string;
  }>;
  demoPlanCode: string;
}

/** A demo step that cannot be done (a seed plan that names a unit the demo lacks): `CODE: message`. */
export class DemoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoError';
  }
}

async function loadUnits(db: Kysely<Database>, today: CivilDate): Promise<DemoResult['units']> {
  const rows = [...SEED_PLAN_UNITS, ...demoProvinceUnits()];
  const caoBang = readFileSync(CAO_BANG_UNITS, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(',', 1)[0]!);
  const codes = [...rows.map((row) => row.code), ...caoBang];
  const present = await Promise.all(codes.map((code) => findUnitAt(db, code, DEMO_VALID_FROM)));
  if (present.every(Boolean)) return { outcome: 'unchanged', count: codes.length };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-demo-'));
  try {
    const file = path.join(dir, 'don-vi-demo.csv');
    writeFileSync(file, demoUnitsCsv(rows));
    await importUnits(db, { files: [CAO_BANG_UNITS], format: 'csv' }, { today });
    await importUnits(db, { files: [file], format: 'csv' }, { today });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { outcome: 'imported', count: codes.length };
}

async function loadPlanText(
  db: Kysely<Database>,
  source: string,
  file: string,
  calendar: WorkingCalendar,
): Promise<DemoResult['plans'][number]> {
  const { plan, resolved } = loadPlan(source, file, calendar);
  const problems = await planUnitProblems(db, plan, resolved, readPlanFile(source, file).lineOf);
  if (problems.length > 0) throw new DemoError(new PlanFileError(file, problems).message);
  try {
    const saved = await createPlan(db, {
      sourceFile: file,
      sourceText: source,
      definition: plan,
      resolved,
      actor: 'demo',
    });
    return { code: plan.code, file, outcome: saved.outcome === 'created' ? 'created' : 'unchanged' };
  } catch (error) {
    // Already loaded with other content (amended since, or an older demo plan): left as it is.
    if (error instanceof PlanCodeDuplicateError) return { code: plan.code, file, outcome: 'kept' };
    throw error;
  }
}

async function ensureAccount(
  db: Kysely<Database>,
  username: string,
  role: 'admin' | 'leader',
  unitCode: string | null,
  password: string | undefined,
): Promise<DemoResult['accounts'][number]> {
  const existing = await findAccount(db, username);
  if (existing && password === undefined) return { username, role, unitCode, outcome: 'kept' };
  const chosen = password ?? randomBytes(12).toString('base64url');
  const outcome = await saveAccount(db, { username, passwordHash: await hashPassword(chosen), role, unitCode }, 'demo');
  return { username, role, unitCode, outcome, ...(password === undefined ? { password: chosen } : {}) };
}

/**
 * Loads the demo province into an empty (or demo) database, idempotently: the units the seed plans name
 * (plans/units/cao-bang-vp-ubnd.csv and the owners and scopes of the other plans) and a made-up province with
 * districts and communes (codes DEMO-…, contacts on example.invalid); every seed plan of plans/*.yaml; the demo
 * plan whose dates count from `today` (loaded once: a later run keeps the first one); an admin and a leader account.
 * A second run changes nothing. Throws `DemoError` when a seed plan names a unit that is missing.
 */
export async function loadDemo(db: Kysely<Database>, options: DemoOptions): Promise<DemoResult> {
  const units = await loadUnits(db, options.today);
  const plansDir = options.plansDir ?? path.join(PROJECT_ROOT, 'plans');
  const plans: DemoResult['plans'] = [];
  for (const name of readdirSync(plansDir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()) {
    const file = path.join(plansDir, name);
    plans.push(await loadPlanText(db, readFileSync(file, 'utf8'), path.relative(PROJECT_ROOT, file), options.calendar));
  }
  if (await findPlan(db, DEMO_PLAN_CODE)) {
    plans.push({ code: DEMO_PLAN_CODE, file: '(kế hoạch mẫu)', outcome: 'unchanged' });
  } else {
    plans.push(await loadPlanText(db, demoPlanYaml(options.today), 'ke-hoach-mau.yaml', options.calendar));
  }
  const accounts = [
    await ensureAccount(db, DEMO_ADMIN, 'admin', null, options.adminPassword),
    await ensureAccount(db, DEMO_LEADER, 'leader', DEMO_LEADER_UNIT, options.leaderPassword),
  ];
  return { units, plans, accounts, demoPlanCode: DEMO_PLAN_CODE };
}
