import { randomInt } from 'node:crypto';
import {
  countNominations,
  getComplianceOutline,
  getUnitMilestoneHistory,
  listComplianceCells,
  listComplianceLevel,
  listComplianceMatrix,
  listComplianceRows,
  listOverdueObligations,
  listReportingAncestors,
  summarizeCompliance,
  summarizeMilestones,
} from '../../db/compliance.repository';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../helpers/test-databases';
import { NOW, seedCompliance } from './compliance-fixture';

describe.each(DATABASE_KINDS)('compliance read queries on %s', (kind) => {
  let database: TestDatabase;
  const code = `${randomInt(100, 999)}/KH-UBND`;
  const soKet = { planCode: code, milestoneId: 'so-ket-2031' };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedCompliance(database.db, code);
  });
  afterAll(async () => database?.close());

  it('labels the plan from its current version, and names an unknown one', async () => {
    const outline = await getComplianceOutline(database.db, code);
    expect(outline).toMatchObject({
      code,
      title: 'Kế hoạch thi đua thử nghiệm giai đoạn 2031 - 2032',
      issuer: 'UBND tỉnh Thử Nghiệm',
      levels: ['cấp huyện', 'cấp xã'],
      owner: { unit: 'T1-SNV', name: 'Sở Nội vụ' },
    });
    expect(outline.milestones.map((m) => [m.id, m.title, m.reports.map((r) => r.id)])).toEqual([
      ['so-ket-2031', 'Sơ kết năm 2031', ['bao-cao']],
      ['tong-ket-2032', 'Tổng kết năm 2032', ['bao-cao']],
    ]);
    await expect(getComplianceOutline(database.db, '99/KH-KHONG')).rejects.toThrow(
      'PLAN_NOT_FOUND: không có kế hoạch số hiệu "99/KH-KHONG"',
    );
  });

  it('counts a closed milestone per level as the workflows rolled it up, with percentages of what was owed', async () => {
    const summary = await summarizeCompliance(database.db, soKet, NOW);
    expect(summary.levels.map((l) => [l.level, l.total, l.onTime, l.late, l.missing, l.exempt, l.extended])).toEqual([
      [0, 2, 2, 0, 0, 0, 1],
      [1, 4, 1, 1, 1, 1, 0],
    ]);
    expect(summary.levels[1]).toMatchObject({
      expected: 3,
      submitted: 2,
      percent: { onTime: 33.3, late: 33.3, missing: 33.3, submitted: 66.7, exempt: 25 },
    });
    // The same figures as the owner's roll-up in the plan-cycle test: 6 units, 3 on time, 1 late, 1 missing, 1 exempt.
    expect(summary.overall).toEqual({
      total: 6,
      onTime: 3,
      late: 1,
      missing: 1,
      overdue: 0,
      open: 0,
      exempt: 1,
      cancelled: 0,
      extended: 1,
      expected: 5,
      submitted: 4,
      percent: {
        onTime: 60,
        late: 20,
        submitted: 80,
        missing: 20,
        overdue: 0,
        open: 0,
        extended: 20,
        exempt: 16.7,
        cancelled: 0,
      },
    });
  });

  it('reads a running milestone at `now`: past its deadline is overdue, a submission counts by its time', async () => {
    const running = await summarizeCompliance(database.db, { planCode: code, milestoneId: 'tong-ket-2032' }, NOW);
    expect(running.overall).toMatchObject({ total: 6, onTime: 1, late: 1, overdue: 2, open: 1, cancelled: 1 });
    // Just before the communes' deadline nothing was overdue yet.
    const before = await summarizeCompliance(
      database.db,
      { planCode: code, milestoneId: 'tong-ket-2032' },
      '2032-09-17T23:59:00+07:00',
    );
    expect(before.overall).toMatchObject({ overdue: 0, open: 3 });
    const whole = await summarizeCompliance(database.db, { planCode: code }, NOW);
    expect(whole.overall).toMatchObject({ total: 12, onTime: 4, late: 2, missing: 1, overdue: 2, open: 1 });
    expect(whole.overall.percent.onTime).toBe(40);
  });

  it("scopes to a leader's subtree, a level, or the owner's whole tree", async () => {
    const h2 = await summarizeCompliance(database.db, { ...soKet, under: 'H2' }, NOW);
    expect(h2.levels.map((l) => [l.level, l.total, l.onTime, l.missing, l.exempt])).toEqual([
      [0, 1, 1, 0, 0],
      [1, 2, 0, 1, 1],
    ]);
    expect((await summarizeCompliance(database.db, { ...soKet, under: 'X11' }, NOW)).overall.total).toBe(1);
    expect((await summarizeCompliance(database.db, { ...soKet, under: 'T1-SNV' }, NOW)).overall.total).toBe(6);
    expect((await summarizeCompliance(database.db, { ...soKet, under: 'H9' }, NOW)).overall.total).toBe(0);
    const communes = await summarizeCompliance(database.db, { planCode: code, level: 1, under: 'H1' }, NOW);
    expect(communes.levels.map((l) => [l.level, l.total, l.onTime, l.late, l.overdue])).toEqual([[1, 4, 1, 1, 2]]);
    expect((await summarizeCompliance(database.db, { planCode: '99/KH-KHONG' }, NOW)).overall.total).toBe(0);
  });

  it('lists units × milestones in tree order, coloured by status, extension marked', async () => {
    const matrix = await listComplianceMatrix(database.db, { planCode: code }, NOW);
    expect(matrix.milestoneIds).toEqual(['so-ket-2031', 'tong-ket-2032']);
    expect(
      matrix.units.map((u) => [
        u.unitCode,
        u.parentUnitCode,
        u.cells['so-ket-2031']?.status,
        u.cells['tong-ket-2032']?.status,
        u.cells['so-ket-2031']?.extended,
      ]),
    ).toEqual([
      ['H1', 'T1-SNV', 'on-time', 'on-time', false],
      ['X11', 'H1', 'on-time', 'overdue', false],
      ['X12', 'H1', 'late', 'overdue', false],
      ['H2', 'T1-SNV', 'on-time', 'open', true],
      ['X21', 'H2', 'missing', 'late', false],
      ['X22', 'H2', 'exempt', 'cancelled', false],
    ]);
    const underH1 = await listComplianceMatrix(database.db, { planCode: code, under: 'H1' }, NOW);
    expect(underH1.units.map((u) => u.unitCode)).toEqual(['H1', 'X11', 'X12']);
  });

  it('gives each row its parent, last day, submission and days late', async () => {
    const rows = await listComplianceRows(database.db, { ...soKet, level: 1 }, NOW);
    expect(rows.map((r) => [r.unitCode, r.parentUnitName, r.lastDay, r.status, r.daysLate])).toEqual([
      ['X11', 'Huyện Một', '2031-09-17', 'on-time', 0],
      ['X12', 'Huyện Một', '2031-09-17', 'late', 2],
      ['X21', 'Huyện Hai', '2031-09-17', 'missing', 369],
      ['X22', 'Huyện Hai', '2031-09-17', 'exempt', null],
    ]);
    const h2 = (await listComplianceRows(database.db, { ...soKet, level: 0 }, NOW)).find((r) => r.unitCode === 'H2');
    expect(h2).toMatchObject({
      parentUnitName: 'Sở Nội vụ',
      dueAt: '2031-09-27T00:00:00+07:00',
      originalDueAt: '2031-09-23T00:00:00+07:00',
      lastDay: '2031-09-26',
      submittedAt: '2031-09-25T09:00:00+07:00',
      extended: true,
      extendedBy: 'giam-doc@snv',
    });
  });

  it('lists what is overdue, most days late first', async () => {
    const overdue = await listOverdueObligations(database.db, { planCode: code }, NOW);
    expect(overdue.map((r) => [r.milestoneId, r.unitCode, r.status, r.daysLate, r.escalationStep])).toEqual([
      ['so-ket-2031', 'X21', 'missing', 369, 3],
      ['tong-ket-2032', 'X11', 'overdue', 3, 0],
      ['tong-ket-2032', 'X12', 'overdue', 3, 1],
    ]);
    expect(overdue[1]).toMatchObject({ parentUnitName: 'Huyện Một', lastDay: '2032-09-17' });
    expect(
      (await listOverdueObligations(database.db, { planCode: code, under: 'H2' }, NOW)).map((r) => r.unitCode),
    ).toEqual(['X21']);
  });

  it('reads one page of the overdue list: the same rows in the same order, parents named', async () => {
    const all = await listOverdueObligations(database.db, { planCode: code }, NOW);
    const page = await listOverdueObligations(database.db, { planCode: code }, NOW, { offset: 1, limit: 2 });
    expect(page).toEqual(all.slice(1, 3));
    expect(page.map((r) => [r.unitCode, r.parentUnitName])).toEqual([
      ['X11', 'Huyện Một'],
      ['X12', 'Huyện Một'],
    ]);
    expect(await listOverdueObligations(database.db, { planCode: code }, NOW, { offset: 3, limit: 2 })).toEqual([]);
  });

  it("opens the tree on its top level, each unit with its subtree's exact figures and how many report to it", async () => {
    const tongKet = { planCode: code, milestoneId: 'tong-ket-2032' };
    const top = await listComplianceLevel(database.db, tongKet, { offset: 0, limit: 10 }, NOW);
    expect(top.total).toBe(2);
    expect(
      top.units.map((u) => [
        u.unitCode,
        u.unitName,
        u.children,
        u.subtree?.total,
        u.subtree?.onTime,
        u.subtree?.overdue,
      ]),
    ).toEqual([
      ['H1', 'Huyện Một', 2, 3, 1, 2],
      ['H2', 'Huyện Hai', 2, 3, 0, 0],
    ]);
    expect(top.units[1]!.subtree).toMatchObject({ open: 1, late: 1, cancelled: 1, expected: 2, submitted: 1 });
    // The subtrees add up to the whole milestone: nothing is lost by listing only the top level.
    const whole = await summarizeCompliance(database.db, tongKet, NOW);
    expect(top.units.reduce((sum, u) => sum + u.subtree!.total, 0)).toBe(whole.overall.total);

    const h1 = await listComplianceLevel(database.db, { ...tongKet, under: 'H1' }, { offset: 0, limit: 10 }, NOW);
    expect(h1.units.map((u) => [u.unitCode, u.children, u.subtree?.total ?? null])).toEqual([
      ['H1', 2, null],
      ['X11', 0, 1],
      ['X12', 0, 1],
    ]);
    const communes = await listComplianceLevel(database.db, { ...tongKet, level: 1 }, { offset: 2, limit: 1 }, NOW);
    expect([communes.total, communes.units.map((u) => u.unitCode)]).toEqual([4, ['X21']]);
    const h2Communes = { ...tongKet, level: 1, under: 'H2' };
    expect((await listComplianceLevel(database.db, h2Communes, { offset: 0, limit: 10 }, NOW)).total).toBe(2);
    expect(await listComplianceLevel(database.db, tongKet, { offset: 10, limit: 10 }, NOW)).toEqual({
      total: 2,
      units: [],
    });
  });

  it("gives the cells of a page's units across milestones, the trend per milestone, and a unit's ancestors", async () => {
    const cells = await listComplianceCells(database.db, { planCode: code, under: 'H1' }, ['X11', 'X21'], NOW);
    expect(cells.map((c) => [c.milestoneId, c.unitCode, c.status])).toEqual([
      ['so-ket-2031', 'X11', 'on-time'],
      ['tong-ket-2032', 'X11', 'overdue'],
    ]);
    expect(await listComplianceCells(database.db, { planCode: code }, [], NOW)).toEqual([]);

    const trend = await summarizeMilestones(database.db, { planCode: code, milestoneId: 'so-ket-2031' }, NOW);
    expect(trend.map((m) => [m.milestoneId, m.total, m.onTime, m.late, m.missing, m.overdue, m.open])).toEqual([
      ['so-ket-2031', 6, 3, 1, 1, 0, 0],
      ['tong-ket-2032', 6, 1, 1, 0, 2, 1],
    ]);
    const h2 = await summarizeMilestones(database.db, { planCode: code, under: 'H2' }, NOW);
    expect(h2.map((m) => m.total)).toEqual([3, 3]);

    expect(await listReportingAncestors(database.db, { ...soKet, unitCode: 'X12' })).toEqual([
      { unitCode: 'H1', unitName: 'Huyện Một' },
      { unitCode: 'X12', unitName: 'Xã Một Hai' },
    ]);
    expect(await listReportingAncestors(database.db, { ...soKet, unitCode: 'H9' })).toEqual([]);
  });

  it('counts nominations of the version that counts, by field and form', async () => {
    expect(await countNominations(database.db, soKet)).toEqual([
      { field: 'Kinh tế', form: 'tập thể', count: 1, units: 1 },
      { field: 'Văn hoá - xã hội', form: 'cá nhân', count: 1, units: 1 },
    ]);
    // X21 sent one nomination, then replaced its report with two: only the second version counts.
    expect(await countNominations(database.db, { planCode: code })).toEqual([
      { field: 'Kinh tế', form: 'hộ gia đình', count: 1, units: 1 },
      { field: 'Kinh tế', form: 'tập thể', count: 2, units: 2 },
      { field: 'Văn hoá - xã hội', form: 'cá nhân', count: 1, units: 1 },
      { field: null, form: 'cá nhân', count: 1, units: 1 },
    ]);
  });

  it("tells one unit's story for a milestone: escalations and its own notices, nothing of others", async () => {
    const history = await getUnitMilestoneHistory(database.db, { ...soKet, unitCode: 'X21' }, NOW);
    expect(history).toMatchObject({ unitCode: 'X21', unitName: 'Xã Hai Một', parentUnitCode: 'H2', level: 1 });
    const [report] = history!.reports;
    expect(report!.row).toMatchObject({ status: 'missing', daysLate: 369, escalationStep: 3 });
    expect(report!.submissions).toEqual([]);
    expect(report!.escalations).toEqual([
      { step: 1, at: '2031-09-18T08:00:00+07:00', notified: ['ct@x21.example.invalid'] },
      { step: 2, at: '2031-09-22T08:00:00+07:00', notified: ['ct@h2.example.invalid'] },
      { step: 3, at: '2031-09-24T08:00:00+07:00', notified: ['giam-doc@snv.example.invalid'] },
    ]);
    expect(report!.notifications.map((n) => [n.kind, n.recipientRole, n.address, n.status]).sort()).toEqual([
      ['escalation', 'parent-head', 'ct@h2.example.invalid', 'sent'],
      ['overdue', 'reporter', 'vt@x21.example.invalid', 'sent'],
      ['reminder', 'reporter', 'vt@x21.example.invalid', 'sent'],
    ]);
    expect(await getUnitMilestoneHistory(database.db, { ...soKet, unitCode: 'X99' }, NOW)).toBeUndefined();
  });

  it('shows the extension, and the names of nominated people only to roles allowed to see them', async () => {
    const h2 = await getUnitMilestoneHistory(database.db, { ...soKet, unitCode: 'H2' }, NOW);
    expect(h2!.reports[0]!.extension).toEqual({
      by: 'giam-doc@snv',
      reason: 'Huyện xin thêm thời gian tổng hợp',
      fromLastDay: '2031-09-22',
      toLastDay: '2031-09-26',
    });
    const hidden = await getUnitMilestoneHistory(database.db, { ...soKet, unitCode: 'X11' }, NOW);
    expect(hidden!.reports[0]!.submissions[0]!.nominations).toEqual([
      { form: 'tập thể', field: 'Kinh tế', name: 'Tổ dân phố số 3', achievements: 'Dẫn đầu phong trào thi đua' },
      { form: 'cá nhân', field: 'Văn hoá - xã hội', name: null, achievements: 'Dẫn đầu phong trào thi đua' },
    ]);
    const shown = await getUnitMilestoneHistory(database.db, { ...soKet, unitCode: 'X11' }, NOW, {
      personalData: true,
    });
    expect(shown!.reports[0]!.submissions[0]).toMatchObject({
      version: 1,
      late: false,
      submittedAt: '2031-09-10T10:00:00+07:00',
      nominations: [
        { name: 'Tổ dân phố số 3' },
        { name: 'Nguyễn Văn A', birthDate: '1980-01-01', position: 'Chủ tịch Hội Nông dân' },
      ],
    });
  });
});
