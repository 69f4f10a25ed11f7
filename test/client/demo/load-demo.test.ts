import { DEMO_LEADER_UNIT, loadDemo } from '../../../client/demo/load-demo';
import { DEMO_PLAN_CODE } from '../../../client/demo/demo-plan';
import { verifyPassword } from '../../../client/http/auth/password-hash';
import { findAccount } from '../../../db/account.repository';
import { getPlanVersion } from '../../../db/plan.repository';
import { listUnitContacts } from '../../../db/unit-contact.repository';
import { findUnitAt } from '../../../db/unit.repository';
import { buildWorkingCalendar } from '../../../domain/calendar/working-calendar-builder';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-databases';

const TABLES = ['units', 'unit_contacts', 'plans', 'plan_versions', 'accounts', 'audit_log'] as const;

describe('dondoc demo load', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await database?.close();
  });

  async function counts(): Promise<Record<string, number>> {
    const entries = await Promise.all(
      TABLES.map(async (table) => {
        const row = await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        return [table, Number(row.n)] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  it('loads the province, the seed plans, a plan dated from today and two accounts; a second run changes nothing', async () => {
    // Monday 23/11/2026: the current milestone's report is due 14 days later, Monday 07/12/2026.
    const options = { today: '2026-11-23', calendar: buildWorkingCalendar([]), adminPassword: 'mat-khau-admin-1' };
    const first = await loadDemo(database.db, options);
    expect(first.units.outcome).toBe('imported');
    expect(first.plans.map((plan) => [plan.code, plan.outcome])).toEqual([
      ['KH-STTTT-BP-2023', 'created'],
      ['960/KH-UBND', 'created'],
      ['KH-VP-CB-2021', 'created'],
      ['KH-UBND-HN-2023', 'created'],
      ['KH-UBND-NH-2021', 'created'],
      [DEMO_PLAN_CODE, 'created'],
    ]);
    expect(first.accounts).toEqual([
      { username: 'admin', role: 'admin', unitCode: null, outcome: 'created' },
      {
        username: 'lanh-dao',
        role: 'leader',
        unitCode: DEMO_LEADER_UNIT,
        outcome: 'created',
        password: expect.any(String),
      },
    ]);
    expect(await verifyPassword('mat-khau-admin-1', (await findAccount(database.db, 'admin'))!.password_hash)).toBe(
      true,
    );

    const commune = await findUnitAt(database.db, 'DEMO-H01-X1', '2026-11-23');
    const district = await findUnitAt(database.db, 'DEMO-H01', '2026-11-23');
    expect(commune).toMatchObject({ name: 'Xã An Phú', type: 'xa', parentId: district!.id });
    const contacts = await listUnitContacts(database.db, commune!.id);
    expect(contacts.map((contact) => contact.email).sort()).toEqual([
      'thu-truong.demo-h01-x1@demo.example.invalid',
      'van-thu.demo-h01-x1@demo.example.invalid',
    ]);
    expect(await findUnitAt(database.db, '04-VPUB-TTTT', '2021-07-01')).toMatchObject({ name: 'Trung tâm Thông tin' });

    const { resolved } = await getPlanVersion(database.db, DEMO_PLAN_CODE);
    const current = resolved.milestones.find((m) => m.id === 'so-ket-dien-hinh')!;
    expect(current.opensOn).toBe('2026-11-01');
    expect(current.reports[0]!.levels.map((level) => [level.level, level.lastDay])).toEqual([
      ['cấp huyện', '2026-12-07'],
      ['cấp xã', '2026-12-03'],
    ]);
    expect(current.reports[0]!.nominations).toMatchObject({ forms: ['tập thể', 'hộ gia đình', 'cá nhân'], quota: 3 });
    const past = resolved.milestones.find((m) => m.id === 'bao-cao-thang-truoc')!;
    expect(past.reports[0]!.levels[0]!.lastDay).toBe('2026-11-03');

    const before = await counts();
    const second = await loadDemo(database.db, { ...options, today: '2026-11-30', adminPassword: undefined });
    expect(second.units.outcome).toBe('unchanged');
    expect(second.plans.every((plan) => plan.outcome === 'unchanged')).toBe(true);
    expect(second.accounts.map((account) => account.outcome)).toEqual(['kept', 'kept']);
    expect(second.accounts.some((account) => 'password' in account)).toBe(false);
    expect(await counts()).toEqual(before);
  });
});
