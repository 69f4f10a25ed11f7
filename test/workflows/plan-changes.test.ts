import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { listAudit } from '../../db/audit-log.repository';
import { importUnits } from '../../db/import/import-units';
import { listObligations, listRollups } from '../../db/obligation.repository';
import { createPlan } from '../../db/plan.repository';
import { buildWorkingCalendar } from '../../domain/calendar/working-calendar-builder';
import { parseInstant } from '../../domain/civil-time';
import { planCycleWorkflowId, unitMilestoneWorkflowId } from '../../domain/ids';
import { loadPlan } from '../../domain/plan/load-plan';
import { loadCalendarFiles } from '../../runtime/calendar-files';
import { amendPlanSignal, cancelPlanSignal, planCycleWorkflow } from '../../workflows/plan-cycle';
import {
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

const MILESTONE = 'so-ket-2031';

/** A cycle of the small province's plan on a fresh time-skipping server, with helpers to drive it. */
async function runCycle(
  database: TestDatabase,
  text: (code: string) => string,
  scenario: (cycle: {
    code: string;
    env: TestWorkflowEnvironment;
    load: (planText: string) => ReturnType<typeof loadPlan>['resolved'];
    unit: (code: string) => WorkflowHandle<typeof unitMilestoneWorkflow>;
    advanceTo: (iso: string) => Promise<void>;
  }) => Promise<void>,
) {
  const code = `KH-${randomUUID().slice(0, 8)}`;
  const calendar = buildWorkingCalendar(await loadCalendarFiles());
  const load = (planText: string) => loadPlan(planText, 'plans/thu.yaml', calendar).resolved;
  const { plan, resolved } = loadPlan(text(code), 'plans/thu.yaml', calendar);
  await createPlan(database.db, {
    sourceFile: 'plans/thu.yaml',
    sourceText: text(code),
    definition: plan,
    resolved,
    actor: 'test',
  });
  const { sent, sendNotification } = recordingSender();
  // A fresh server per cycle: one time-skipping server's clock is shared by everything on it.
  const env = await startTimeSkippingEnvironment();
  try {
    const { worker, taskQueue } = await createTestWorker({
      env,
      dependencies: { db: database.db },
      activityOverrides: { sendNotification },
    });
    await worker.runUntil(async () => {
      await env.client.workflow.start(planCycleWorkflow, {
        workflowId: planCycleWorkflowId(code),
        taskQueue,
        args: [{ version: 1, planVersion: 1, plan: resolved, opened: [] }],
      });
      await scenario({
        code,
        env,
        load,
        unit: (unitCode) =>
          env.client.workflow.getHandle<typeof unitMilestoneWorkflow>(
            unitMilestoneWorkflowId(code, MILESTONE, unitCode),
          ),
        advanceTo: async (iso) => env.sleep(Math.max(0, parseInstant(iso) - (await env.currentTimeMs()))),
      });
    });
  } finally {
    await env.teardown();
  }
  return { code, sent };
}

const submission = (unitCode: string) => ({
  unitCode,
  milestoneId: MILESTONE,
  reportId: 'bao-cao',
  submittedBy: `vt@${unitCode.toLowerCase()}.example.invalid`,
  text: `Báo cáo sơ kết của ${unitCode}`,
});

describe('changing a running cycle on the time-skipping server', () => {
  let database: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-changes-'));
    writeFileSync(path.join(dir, 'units.csv'), UNITS_CSV);
    await importUnits(database.db, { files: [path.join(dir, 'units.csv')], format: 'csv' }, { today: '2026-11-22' });
  });
  afterAll(async () => {
    await database?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('cancelling the plan stops every timer, tells the units that still owed a report, and records why', async () => {
    const { code, sent } = await runCycle(database, planText, async ({ code, env, unit, advanceTo }) => {
      await advanceTo('2031-09-10T10:00:00+07:00');
      await unit('X11').executeUpdate(submitReportUpdate, { args: [submission('X11')] });
      const cycle = env.client.workflow.getHandle<typeof planCycleWorkflow>(planCycleWorkflowId(code));
      await cycle.signal(cancelPlanSignal, { actor: 'giam-doc@snv', reason: 'Kế hoạch được thay bằng kế hoạch mới' });
      expect(await cycle.result()).toMatchObject({
        opened: [MILESTONE],
        cancelled: { actor: 'giam-doc@snv', reason: 'Kế hoạch được thay bằng kế hoạch mới' },
      });
      // The whole tree ends at once, on the day of the cancellation, and counts what it had.
      const root = await unit('T1-SNV').result();
      expect(root.rollup).toMatchObject({ units: 6, onTime: 1, cancelled: 5, missing: 0 });
      expect(await env.currentTimeMs()).toBeLessThan(parseInstant('2031-09-11T00:00:00+07:00'));
      await expect(unit('X12').executeUpdate(submitReportUpdate, { args: [submission('X12')] })).rejects.toThrow();
    });

    const cancellations = sent.filter((n) => n.kind === 'cancellation');
    expect(cancellations.map((n) => [n.recipient.unitCode, n.recipient.role]).sort()).toEqual(
      ['H1', 'H2', 'X12', 'X21', 'X22'].flatMap((unitCode) => [
        [unitCode, 'head'],
        [unitCode, 'reporter'],
      ]),
    );
    expect(cancellations[0]!.extra).toMatchObject({ reason: 'Kế hoạch được thay bằng kế hoạch mới' });
    expect(cancellations.every((n) => n.now.startsWith('2031-09-10'))).toBe(true);
    // Nothing after the cancellation but the cancellation notices themselves.
    expect(sent.filter((n) => n.kind !== 'cancellation' && n.now >= '2031-09-10T10')).toEqual([
      expect.objectContaining({ kind: 'receipt', recipient: expect.objectContaining({ unitCode: 'X11' }) }),
    ]);
    const rows = await listObligations(database.db, code, MILESTONE);
    expect(rows.map((row) => [row.unit_code, row.status])).toEqual([
      ['H1', 'cancelled'],
      ['H2', 'cancelled'],
      ['X11', 'on-time'],
      ['X12', 'cancelled'],
      ['X21', 'cancelled'],
      ['X22', 'cancelled'],
    ]);
    expect((await listRollups(database.db, code, MILESTONE)).every((rollup) => rollup.closed)).toBe(true);
    expect((await listAudit(database.db, 'plan', code)).filter((entry) => entry.action === 'plan.cancel')).toEqual([
      expect.objectContaining({
        actor: 'giam-doc@snv',
        action: 'plan.cancel',
        reason: 'Kế hoạch được thay bằng kế hoạch mới',
      }),
    ]);
  });

  it('an amendment moves the open reports of an opened milestone later, never earlier, and keeps later extensions', async () => {
    const later = (code: string) => planText(code).replace('chậm nhất ngày 20/9', 'chậm nhất ngày 30/9');
    const earlier = (code: string) => planText(code).replace('chậm nhất ngày 20/9', 'chậm nhất ngày 15/9');
    const { code, sent } = await runCycle(database, planText, async ({ code, env, load, unit, advanceTo }) => {
      const cycle = env.client.workflow.getHandle<typeof planCycleWorkflow>(planCycleWorkflowId(code));
      await advanceTo('2031-08-01T10:00:00+07:00');
      await unit('X11').executeUpdate(submitReportUpdate, { args: [submission('X11')] });
      // H2 already has an extension to 06/10, later than the amendment's 30/09: it keeps it.
      await unit('H2').executeUpdate(extendDeadlineUpdate, {
        args: [{ reportId: 'bao-cao', lastDay: '2031-10-06', actor: 'giam-doc@snv', reason: 'Huyện xin thêm' }],
      });
      await cycle.signal(amendPlanSignal, { planVersion: 2, plan: load(earlier(code)) });
      await advanceTo('2031-08-02T10:00:00+07:00');
      expect((await unit('X21').query(unitMilestoneStatusQuery)).obligations[0]).toMatchObject({
        lastDay: '2031-09-17',
      });
      await cycle.signal(amendPlanSignal, { planVersion: 3, plan: load(later(code)) });
      await advanceTo('2031-08-03T10:00:00+07:00');
      // 30/09/2031 is a Tuesday; communes report three working days earlier, Thursday 25/09.
      expect((await unit('X21').query(unitMilestoneStatusQuery)).obligations[0]).toMatchObject({
        lastDay: '2031-09-25',
      });
      expect((await unit('H1').query(unitMilestoneStatusQuery)).obligations[0]).toMatchObject({
        lastDay: '2031-09-30',
      });
      expect((await unit('H2').query(unitMilestoneStatusQuery)).obligations[0]).toMatchObject({
        lastDay: '2031-10-06',
      });
      // X12 reports on 20/09: late under the first deadline (17/09), on time under the amended one.
      await advanceTo('2031-09-20T10:00:00+07:00');
      expect(await unit('X12').executeUpdate(submitReportUpdate, { args: [submission('X12')] })).toMatchObject({
        late: false,
      });
      expect((await unit('T1-SNV').result()).rollup).toMatchObject({ units: 6, onTime: 2, missing: 4, extended: 1 });
      // The cycle ends with its last tree.
      expect(await cycle.result()).toMatchObject({ planVersion: 3, opened: [MILESTONE], finished: [MILESTONE] });
    });

    const amended = sent.filter((n) => n.kind === 'extension' && n.extra?.reason?.toString().includes('điều chỉnh'));
    expect(amended.map((n) => [n.recipient.unitCode, n.recipient.role, n.dueAt]).sort()).toEqual([
      ['H1', 'head', '2031-10-01T00:00:00+07:00'],
      ['H1', 'reporter', '2031-10-01T00:00:00+07:00'],
      ['X12', 'head', '2031-09-26T00:00:00+07:00'],
      ['X12', 'reporter', '2031-09-26T00:00:00+07:00'],
      ['X21', 'head', '2031-09-26T00:00:00+07:00'],
      ['X21', 'reporter', '2031-09-26T00:00:00+07:00'],
      ['X22', 'head', '2031-09-26T00:00:00+07:00'],
      ['X22', 'reporter', '2031-09-26T00:00:00+07:00'],
    ]);
    expect(amended[0]!.extra).toMatchObject({ reason: 'Kế hoạch được điều chỉnh (phiên bản 3)' });
    // The reminders follow the new deadline: X21's come 7, 3 and 1 working days before 25/09.
    expect(
      sent
        .filter((n) => n.recipient.unitCode === 'X21' && ['reminder', 'due-today'].includes(n.kind))
        .map((n) => n.now.slice(0, 16)),
    ).toEqual(['2031-09-16T08:00', '2031-09-22T08:00', '2031-09-24T08:00', '2031-09-25T08:00']);
    const x21 = `${unitMilestoneWorkflowId(code, MILESTONE, 'X21')}#bao-cao`;
    // The earlier deadline (15/09 → communes 10/09) was refused, the later one applied; both audited.
    expect(
      (await listAudit(database.db, 'obligation', x21)).map((entry) => [entry.action, entry.before, entry.after]),
    ).toEqual([
      ['obligation.amend-not-applied', { lastDay: '2031-09-17' }, expect.objectContaining({ lastDay: '2031-09-10' })],
      ['obligation.amend', { lastDay: '2031-09-17' }, expect.objectContaining({ lastDay: '2031-09-25' })],
    ]);
  });
});
