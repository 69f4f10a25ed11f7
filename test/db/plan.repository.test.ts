import { readFileSync } from 'node:fs';
import path from 'node:path';
import { listAudit } from '../../db/audit-log.repository';
import {
  amendPlan,
  createPlan,
  getPlanVersion,
  listPlans,
  PlanCodeDuplicateError,
  PlanNotFoundError,
} from '../../db/plan.repository';
import { buildWorkingCalendar } from '../../domain/calendar/working-calendar-builder';
import { loadPlan } from '../../domain/plan/load-plan';
import { PROJECT_ROOT } from '../../runtime/project-root';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../helpers/test-databases';

const calendar = buildWorkingCalendar([]);
const seed = readFileSync(path.join(PROJECT_ROOT, 'plans/cao-bang-vp-ubnd-2021-2025.yaml'), 'utf8');

/** The Cao Bằng seed under a fresh số hiệu, optionally edited. */
function planInput(code: string, edit: (source: string) => string = (s) => s) {
  const sourceText = edit(seed.replace(/^code: .*$/m, `code: ${code}`));
  const { plan, resolved } = loadPlan(sourceText, 'plans/cao-bang.yaml', calendar);
  return { sourceFile: 'plans/cao-bang.yaml', sourceText, definition: plan, resolved, actor: 'can-bo-snv' };
}

describe.each(DATABASE_KINDS)('plans on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  it('loads a plan as version 1 with an audit entry, and loading the same text again writes nothing', async () => {
    const code = `KH-${kind}-1`;
    expect(await createPlan(database.db, planInput(code))).toEqual({ outcome: 'created', version: 1 });
    expect(await createPlan(database.db, planInput(code))).toEqual({ outcome: 'unchanged', version: 1 });
    const version = await getPlanVersion(database.db, code);
    expect(version.resolved.milestones.map((m) => m.id)).toEqual([
      'lua-chon-2021',
      'so-ket-2023',
      'tong-ket-2025',
      'hoi-nghi-2025',
      'dai-hoi-2025',
    ]);
    expect(version.definition.owner.unit).toBe('04-VPUB-HCTC');
    expect((await listAudit(database.db, 'plan', code)).map((entry) => [entry.action, entry.actor])).toEqual([
      ['plan.create', 'can-bo-snv'],
    ]);
    expect((await listPlans(database.db)).map((plan) => plan.code)).toContain(code);
  });

  it('refuses a different plan under a số hiệu already loaded, and writes nothing', async () => {
    const code = `KH-${kind}-2`;
    await createPlan(database.db, planInput(code));
    const other = planInput(code, (source) => source.replace('when: Quý III/2023', 'when: Quý IV/2023'));
    await expect(createPlan(database.db, other)).rejects.toThrow(PlanCodeDuplicateError);
    await expect(createPlan(database.db, other)).rejects.toThrow(/^PLAN_CODE_DUPLICATE: đã có kế hoạch số hiệu/);
    expect((await getPlanVersion(database.db, code)).version).toBe(1);
  });

  it('keeps every version when a plan is amended, with the reason in the audit log', async () => {
    const code = `KH-${kind}-3`;
    await createPlan(database.db, planInput(code));
    const moved = planInput(code, (source) => source.replace('when: Quý III/2023', 'when: Quý IV/2023'));
    expect(await amendPlan(database.db, moved, 'Lùi sơ kết sang Quý IV')).toEqual({ outcome: 'amended', version: 2 });
    expect((await getPlanVersion(database.db, code, 1)).resolved.milestones[1]!.opensOn).toBe('2023-07-01');
    expect((await getPlanVersion(database.db, code)).resolved.milestones[1]!.opensOn).toBe('2023-10-01');
    const audit = await listAudit(database.db, 'plan', code);
    expect(audit.map((entry) => [entry.action, entry.reason])).toEqual([
      ['plan.create', null],
      ['plan.amend', 'Lùi sơ kết sang Quý IV'],
    ]);
    await expect(amendPlan(database.db, planInput(`KH-${kind}-khong-co`), 'x')).rejects.toThrow(PlanNotFoundError);
  });
});
