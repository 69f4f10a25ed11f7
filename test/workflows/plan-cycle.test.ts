import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { listObligations, listRollups, listSubmissions } from '../../db/obligation.repository';
import { createPlan } from '../../db/plan.repository';
import { importUnits } from '../../db/import/import-units';
import { buildWorkingCalendar } from '../../domain/calendar/working-calendar-builder';
import { parseInstant } from '../../domain/civil-time';
import { planCycleWorkflowId, unitMilestoneWorkflowId } from '../../domain/ids';
import { loadPlan } from '../../domain/plan/load-plan';
import type { ResolvedPlan } from '../../domain/plan/resolved-plan';
import { loadCalendarFiles } from '../../runtime/calendar-files';
import { planCycleWorkflow } from '../../workflows/plan-cycle';
import {
  assignSuccessorUpdate,
  exemptReportUpdate,
  extendDeadlineUpdate,
  submitReportUpdate,
  unitMilestoneStatusQuery,
  type unitMilestoneWorkflow,
} from '../../workflows/unit-milestone';
import { startTimeSkippingEnvironment } from '../helpers/temporal-servers';
import { openTestDatabase, type TestDatabase } from '../helpers/test-databases';
import { recordingSender } from '../helpers/recording-sender';
import { createTestWorker } from '../helpers/test-worker';
import { planText, UNITS_CSV } from './small-province';

describe('a plan cycle on the time-skipping server: reminders, submissions, extension, exemption, escalation, roll-up', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let dir: string;
  const { sent, sendNotification } = recordingSender();

  beforeAll(async () => {
    [env, database] = await Promise.all([startTimeSkippingEnvironment(), openTestDatabase('pglite')]);
    dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-cycle-'));
    writeFileSync(path.join(dir, 'units.csv'), UNITS_CSV);
    await importUnits(database.db, { files: [path.join(dir, 'units.csv')], format: 'csv' }, { today: '2026-11-22' });
  });
  afterAll(async () => {
    await Promise.all([env?.teardown(), database?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs the milestone over a three-level tree and rolls every outcome up to the owner', async () => {
    const code = `KH-${randomUUID().slice(0, 8)}`;
    const calendar = buildWorkingCalendar(await loadCalendarFiles());
    const { plan, resolved } = loadPlan(planText(code), 'plans/thu.yaml', calendar);
    await createPlan(database.db, {
      sourceFile: 'plans/thu.yaml',
      sourceText: planText(code),
      definition: plan,
      resolved,
      actor: 'test',
    });
    const report = resolved.milestones[0]!.reports[0]!;
    const [district, commune] = report.levels as [
      ResolvedPlan['milestones'][0]['reports'][0]['levels'][0],
      ResolvedPlan['milestones'][0]['reports'][0]['levels'][0],
    ];
    // Saturday 20/09/2031 moves to Monday 22/09 (Điều 148); communes report 3 working days earlier.
    expect([district.lastDay, commune.lastDay]).toEqual(['2031-09-22', '2031-09-17']);

    const { worker, taskQueue } = await createTestWorker({
      env,
      dependencies: { db: database.db },
      activityOverrides: { sendNotification },
    });
    await worker.runUntil(async () => {
      const cycle = await env.client.workflow.start(planCycleWorkflow, {
        workflowId: planCycleWorkflowId(code),
        taskQueue,
        args: [{ version: 1, planVersion: 1, plan: resolved, opened: [] }],
      });
      const unit = (unitCode: string) =>
        env.client.workflow.getHandle<typeof unitMilestoneWorkflow>(
          unitMilestoneWorkflowId(code, 'so-ket-2031', unitCode),
        );
      const advanceTo = async (iso: string) => env.sleep(Math.max(0, parseInstant(iso) - (await env.currentTimeMs())));
      const submission = (unitCode: string, extra: object = {}) => ({
        unitCode,
        milestoneId: 'so-ket-2031',
        reportId: 'bao-cao',
        submittedBy: `vt@${unitCode.toLowerCase()}.example.invalid`,
        text: `Báo cáo sơ kết của ${unitCode}`,
        ...extra,
      });

      await advanceTo('2031-07-01T09:00:00+07:00');
      expect((await unit('X11').query(unitMilestoneStatusQuery)).obligations[0]).toMatchObject({
        state: 'open',
        lastDay: '2031-09-17',
      });

      // X11 on time, with two nominations; a third is over quota and another unit's report is refused, changing nothing.
      const nominations = [
        { form: 'tập thể', name: 'Tổ dân phố số 3', achievements: 'Dẫn đầu phong trào' },
        {
          form: 'cá nhân',
          name: 'Nguyễn Văn A',
          achievements: 'Sáng kiến cải cách hành chính',
          birthDate: '1980-01-01',
        },
      ];
      await expect(
        unit('X11').executeUpdate(submitReportUpdate, {
          args: [submission('X11', { nominations: [...nominations, nominations[0]] })],
        }),
      ).rejects.toMatchObject({
        cause: { message: expect.stringMatching(/SUBMISSION_OVER_QUOTA: 3 điển hình, kế hoạch cho phép không quá 02/) },
      });
      await expect(unit('X11').executeUpdate(submitReportUpdate, { args: [submission('X12')] })).rejects.toMatchObject({
        cause: {
          message: expect.stringMatching(
            /SUBMISSION_WRONG_UNIT: báo cáo của đơn vị X12 không thể nộp vào nghĩa vụ của đơn vị X11/,
          ),
        },
      });
      await advanceTo('2031-09-10T10:00:00+07:00');
      const receipt = await unit('X11').executeUpdate(submitReportUpdate, {
        args: [submission('X11', { nominations })],
      });
      expect(receipt).toMatchObject({
        version: 1,
        late: false,
        submittedAt: expect.stringMatching(/^2031-09-10T10:00/),
      });
      expect(receipt.receiptNumber).toMatch(/^BN-20310910-X11-1-[0-9A-F]{6}$/);

      // X22 is exempted; H2 gets an extension of its deadline to 26/09.
      await unit('X22').executeUpdate(exemptReportUpdate, {
        args: [{ reportId: 'bao-cao', actor: 'giam-doc@snv', reason: 'Xã đang sáp nhập' }],
      });
      const extended = await unit('H2').executeUpdate(extendDeadlineUpdate, {
        args: [
          {
            reportId: 'bao-cao',
            lastDay: '2031-09-26',
            actor: 'giam-doc@snv',
            reason: 'Huyện xin thêm thời gian tổng hợp',
          },
        ],
      });
      expect(extended).toMatchObject({ lastDay: '2031-09-26', dueAt: '2031-09-27T00:00:00+07:00' });
      await expect(
        unit('H2').executeUpdate(extendDeadlineUpdate, {
          args: [{ reportId: 'bao-cao', lastDay: '2031-09-20', actor: 'x', reason: 'y' }],
        }),
      ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/EXTENSION_NOT_LATER/) } });

      // After the communes' deadline: X12 late; X11 may no longer replace its on-time report.
      await advanceTo('2031-09-19T15:00:00+07:00');
      expect(await unit('X12').executeUpdate(submitReportUpdate, { args: [submission('X12')] })).toMatchObject({
        late: true,
      });
      // (X11's workflow finished at its deadline, having nothing left to wait for: the server refuses the update.)
      await expect(unit('X11').executeUpdate(submitReportUpdate, { args: [submission('X11')] })).rejects.toThrow();

      // H1 on time; H2 after its original deadline but within the extension.
      await advanceTo('2031-09-22T16:00:00+07:00');
      await unit('H1').executeUpdate(submitReportUpdate, { args: [submission('H1')] });
      await advanceTo('2031-09-25T09:00:00+07:00');
      expect(await unit('H2').executeUpdate(submitReportUpdate, { args: [submission('H2')] })).toMatchObject({
        late: false,
      });

      const root = await unit('T1-SNV').result();
      // Histories stay bounded: report the largest of the scenario.
      const sizes = await Promise.all(
        ['T1-SNV', 'H1', 'H2', 'X11', 'X12', 'X21', 'X22'].map(
          async (c) => [c, (await unit(c).fetchHistory()).events?.length ?? 0] as const,
        ),
      );
      const [largest, events] = sizes.reduce((a, b) => (b[1] > a[1] ? b : a));
      process.stdout.write(`largest workflow history in the scenario: ${events} events (${largest})\n`);
      expect(events).toBeLessThan(1000);
      expect(root.rollup).toMatchObject({ units: 6, onTime: 3, late: 1, missing: 1, exempt: 1, extended: 1 });
      expect(root.rollup.nominations).toEqual({ '|tập thể': 1, '|cá nhân': 1 });
      expect(await cycle.result()).toMatchObject({ opened: ['so-ket-2031'] });
    });

    // The missing commune, X21: reminders on the plan's dates to its reporter, then the ladder.
    const toX21 = sent
      .filter((n) => n.recipient.unitCode === 'X21')
      .map((n) => [n.kind, n.recipient.role, n.recipient.email, n.now.slice(0, 16)]);
    expect(toX21).toEqual([
      ['assignment', 'reporter', 'vt@x21.example.invalid', '2031-07-01T00:00'],
      ['assignment', 'head', 'ct@x21.example.invalid', '2031-07-01T00:00'],
      ['reminder', 'reporter', 'vt@x21.example.invalid', '2031-09-08T08:00'],
      ['reminder', 'reporter', 'vt@x21.example.invalid', '2031-09-12T08:00'],
      ['reminder', 'reporter', 'vt@x21.example.invalid', '2031-09-16T08:00'],
      ['due-today', 'reporter', 'vt@x21.example.invalid', '2031-09-17T08:00'],
      ['overdue', 'reporter', 'vt@x21.example.invalid', '2031-09-18T08:00'],
      ['overdue', 'head', 'ct@x21.example.invalid', '2031-09-18T08:00'],
      ['escalation', 'parent-head', 'ct@h2.example.invalid', '2031-09-22T08:00'],
      ['escalation', 'owner', 'giam-doc@snv.example.invalid', '2031-09-24T08:00'],
      ['escalation', 'leader', 'giam-doc@snv.example.invalid', '2031-09-24T08:00'],
    ]);
    // Each notice once: the idempotency keys never repeat.
    const keys = sent.map((n) => n.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(
      sent
        .filter((n) => n.kind === 'receipt')
        .map((n) => n.recipient.unitCode)
        .sort(),
    ).toEqual(['H1', 'H2', 'X11', 'X12']);
    expect(sent.filter((n) => n.kind === 'extension').map((n) => [n.recipient.unitCode, n.dueAt])).toEqual([
      ['H2', '2031-09-27T00:00:00+07:00'],
      ['H2', '2031-09-27T00:00:00+07:00'],
    ]);

    // The read model the dashboards use.
    const rows = await listObligations(database.db, code, 'so-ket-2031');
    expect(rows.map((row) => [row.unit_code, row.level, row.status, row.escalation_step])).toEqual([
      ['H1', 0, 'on-time', 0],
      ['H2', 0, 'on-time', 0],
      ['X11', 1, 'on-time', 0],
      ['X12', 1, 'late', 1],
      ['X21', 1, 'missing', 3],
      ['X22', 1, 'exempt', 0],
    ]);
    expect(rows.find((row) => row.unit_code === 'H2')).toMatchObject({
      extended_by: 'giam-doc@snv',
      extension_reason: 'Huyện xin thêm thời gian tổng hợp',
    });
    const rollups = await listRollups(database.db, code, 'so-ket-2031');
    expect(rollups.map((r) => [r.unit_code, r.closed, r.rollup.units, r.rollup.onTime, r.rollup.missing])).toEqual([
      ['T1-SNV', true, 6, 3, 1],
      ['H1', true, 3, 2, 0],
      ['H2', true, 3, 1, 1],
      ['X11', true, 1, 1, 0],
      ['X12', true, 1, 0, 0],
      ['X21', true, 1, 0, 1],
      ['X22', true, 1, 0, 0],
    ]);
    const x11 = rows.find((row) => row.unit_code === 'X11')!;
    expect((await listSubmissions(database.db, x11.id)).map((s) => [s.version, s.late, s.nominations.length])).toEqual([
      [1, false, 2],
    ]);
  });
});

describe('the 2025 reform during a milestone: an open report moves to the successor unit', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let dir: string;
  const { sent, sendNotification } = recordingSender();
  // C1 ends on 10/09/2031, merged into N1, a new commune directly under the province (no district level any more);
  // C3 ends the same day, split between N1 and N2: a person must choose who reports for it.
  const units = `code,name,type,parent_code,valid_from,valid_to,reporter_name,reporter_email,head_name,head_email
P2,Tỉnh Cải Cách,Tỉnh,,2020-01-01,,,,,
P2-SNV,Sở Nội vụ,Sở,P2,2020-01-01,,Cán bộ,tdkt@p2.example.invalid,Giám đốc,gd@p2.example.invalid
D1,Huyện Cũ,Huyện,P2,2020-01-01,,Văn thư D1,vt@d1.example.invalid,Chủ tịch D1,ct@d1.example.invalid
C1,Xã Sáp Nhập,Xã,D1,2020-01-01,2031-09-10,Văn thư C1,vt@c1.example.invalid,Chủ tịch C1,ct@c1.example.invalid
C2,Xã Giữ Nguyên,Xã,D1,2020-01-01,,Văn thư C2,vt@c2.example.invalid,Chủ tịch C2,ct@c2.example.invalid
C3,Xã Chia Đôi,Xã,D1,2020-01-01,2031-09-10,Văn thư C3,vt@c3.example.invalid,Chủ tịch C3,ct@c3.example.invalid
N1,Xã Mới,Xã,P2,2031-09-10,,Văn thư N1,vt@n1.example.invalid,Chủ tịch N1,ct@n1.example.invalid
N2,Xã Mới Hai,Xã,P2,2031-09-10,,Văn thư N2,vt@n2.example.invalid,Chủ tịch N2,ct@n2.example.invalid
`;

  beforeAll(async () => {
    [env, database] = await Promise.all([startTimeSkippingEnvironment(), openTestDatabase('pglite')]);
    dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-reform-'));
    writeFileSync(path.join(dir, 'units.csv'), units);
    await importUnits(database.db, { files: [path.join(dir, 'units.csv')], format: 'csv' }, { today: '2026-11-22' });
    const id = async (code: string) =>
      (await database.db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const succession = async (from: string, to: string, kind: 'full' | 'partial') => ({
      predecessor_id: await id(from),
      successor_id: await id(to),
      kind,
      effective_on: '2031-09-10',
    });
    await database.db
      .insertInto('unit_successions')
      .values([
        await succession('C1', 'N1', 'full'),
        await succession('C3', 'N1', 'partial'),
        await succession('C3', 'N2', 'partial'),
      ])
      .execute();
  });
  afterAll(async () => {
    await Promise.all([env?.teardown(), database?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sends the rest of the reminders to the successor, takes its report, and counts it where the unit stood', async () => {
    const code = `KH-${randomUUID().slice(0, 8)}`;
    const text = planText(code).replace('children_of: T1', 'children_of: P2').replace('unit: T1-SNV', 'unit: P2-SNV');
    const { plan, resolved } = loadPlan(text, 'plans/cai-cach.yaml', buildWorkingCalendar(await loadCalendarFiles()));
    await createPlan(database.db, {
      sourceFile: 'plans/cai-cach.yaml',
      sourceText: text,
      definition: plan,
      resolved,
      actor: 'test',
    });
    const { worker, taskQueue } = await createTestWorker({
      env,
      dependencies: { db: database.db },
      activityOverrides: { sendNotification },
    });
    const unit = (c: string) =>
      env.client.workflow.getHandle<typeof unitMilestoneWorkflow>(unitMilestoneWorkflowId(code, 'so-ket-2031', c));
    const submission = (c: string) => ({
      unitCode: c,
      milestoneId: 'so-ket-2031',
      reportId: 'bao-cao',
      submittedBy: c,
      text: 'Báo cáo',
    });
    await worker.runUntil(async () => {
      await env.client.workflow.start(planCycleWorkflow, {
        workflowId: planCycleWorkflowId(code),
        taskQueue,
        args: [{ version: 1, planVersion: 1, plan: resolved, opened: [] }],
      });
      await env.sleep(parseInstant('2031-09-11T10:00:00+07:00') - (await env.currentTimeMs()));
      // C3 was split: nobody takes its report until a person chooses, among its successors only.
      const assign = (unitCode: string) =>
        unit('C3').executeUpdate(assignSuccessorUpdate, {
          args: [{ reportId: 'bao-cao', unitCode, actor: 'gd@p2', reason: 'Phần lớn dân cư chuyển về Xã Mới Hai' }],
        });
      await expect(assign('C2')).rejects.toMatchObject({
        cause: {
          message: 'ASSIGN_NOT_A_SUCCESSOR: C2 không kế thừa Xã Chia Đôi; chọn một trong: N1 (Xã Mới), N2 (Xã Mới Hai)',
        },
      });
      expect(await assign('N2')).toEqual({ unitCode: 'N2' });
      await expect(assign('N1')).rejects.toMatchObject({
        cause: { message: expect.stringMatching(/^ASSIGN_NOT_NEEDED/) },
      });
      await env.sleep(parseInstant('2031-09-12T10:00:00+07:00') - (await env.currentTimeMs()));
      expect(await unit('C3').executeUpdate(submitReportUpdate, { args: [submission('N2')] })).toMatchObject({
        unitCode: 'N2',
        late: false,
      });
      // N1 answers for C1 now; C1 itself no longer exists.
      expect(await unit('C1').executeUpdate(submitReportUpdate, { args: [submission('N1')] })).toMatchObject({
        late: false,
        unitCode: 'N1',
      });
      await env.sleep(parseInstant('2031-09-19T10:00:00+07:00') - (await env.currentTimeMs()));
      expect(await unit('C2').executeUpdate(submitReportUpdate, { args: [submission('C2')] })).toMatchObject({
        late: true,
      });
      await unit('D1').executeUpdate(submitReportUpdate, { args: [submission('D1')] });
      expect((await unit('P2-SNV').result()).rollup).toMatchObject({ units: 4, onTime: 3, late: 1, missing: 0 });
    });

    const toC1 = sent
      .filter((n) => n.idempotencyKey.startsWith(unitMilestoneWorkflowId(code, 'so-ket-2031', 'C1')))
      .map((n) => [n.kind, n.recipient.unitCode, n.recipient.email, n.now.slice(0, 10)]);
    expect(toC1).toEqual([
      ['assignment', 'C1', 'vt@c1.example.invalid', '2031-07-01'],
      ['assignment', 'C1', 'ct@c1.example.invalid', '2031-07-01'],
      ['reminder', 'C1', 'vt@c1.example.invalid', '2031-09-08'],
      ['assignment', 'N1', 'vt@n1.example.invalid', '2031-09-10'],
      ['assignment', 'N1', 'ct@n1.example.invalid', '2031-09-10'],
      ['reminder', 'N1', 'vt@n1.example.invalid', '2031-09-12'], // 08:00, three working days before 17/09
      ['receipt', 'N1', 'vt@n1.example.invalid', '2031-09-12'],
    ]);
    const rows = await listObligations(database.db, code, 'so-ket-2031');
    expect(rows.map((row) => [row.unit_code, row.parent_unit_code, row.assigned_unit_code, row.status])).toEqual([
      ['C1', 'D1', 'N1', 'on-time'],
      ['C2', 'D1', null, 'late'],
      ['C3', 'D1', 'N2', 'on-time'],
      ['D1', 'P2-SNV', null, 'on-time'],
    ]);
    const toC3 = sent
      .filter((n) => n.idempotencyKey.startsWith(unitMilestoneWorkflowId(code, 'so-ket-2031', 'C3')))
      .filter((n) => n.now >= '2031-09-10')
      .map((n) => [n.kind, n.recipient.unitCode, n.recipient.email, n.now.slice(0, 10)]);
    expect(toC3).toEqual([
      ['assignment', 'N2', 'vt@n2.example.invalid', '2031-09-11'],
      ['assignment', 'N2', 'ct@n2.example.invalid', '2031-09-11'],
      ['reminder', 'N2', 'vt@n2.example.invalid', '2031-09-12'],
      ['receipt', 'N2', 'vt@n2.example.invalid', '2031-09-12'],
    ]);
  });
});
