import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { importUnits } from '../../db/import/import-units';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { listAudit } from '../../db/audit-log.repository';
import { createPlan, getPlan } from '../../db/plan.repository';
import { buildWorkingCalendar } from '../../domain/calendar/working-calendar-builder';
import { loadPlan } from '../../domain/plan/load-plan';
import { startPlanCycle } from '../../client/plans/start-plan-cycle';
import { planCycleStatusQuery } from '../../workflows/plan-cycle';
import { startDevServerEnvironment } from '../helpers/temporal-servers';
import { openTestDatabase, type TestDatabase } from '../helpers/test-databases';
import { recordingSender } from '../helpers/recording-sender';
import { createTestWorker } from '../helpers/test-worker';

const plan = (code: string) => `format: 1
code: ${code}
title: Kế hoạch khởi động thử
issuer: UBND tỉnh
period: 2035-2035
owner: { unit: SNV, name: Sở Nội vụ }
scope: { units: [{ unit: SGD }], levels: [cấp sở] }
milestones:
  - { id: tong-ket-2035, kind: tổng kết, title: Tổng kết, when: Quý III/2035, reports: [{ id: bao-cao, title: Báo cáo }] }
`;

describe('dondoc plan start, on the dev server with real Postgres', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  beforeAll(async () => {
    [env, database] = await Promise.all([startDevServerEnvironment(), openTestDatabase('postgres')]);
  });
  afterAll(async () => {
    await Promise.all([env?.teardown(), database?.close()]);
  });

  it('starts a loaded plan once: a second start is a no-op that says so', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-start-plan-'));
    writeFileSync(
      path.join(dir, 'units.csv'),
      'code,name,type,parent_code,valid_from,head_name,head_email\n' +
        'SNV,Sở Nội vụ,Sở,,2020-01-01,Giám đốc Sở Nội vụ,gd@snv.example.invalid\n' +
        'SGD,Sở Giáo dục và Đào tạo,Sở,,2020-01-01,Giám đốc Sở GD,gd@sgd.example.invalid\n',
    );
    await importUnits(
      database.db,
      { files: [path.join(dir, 'units.csv')], format: 'csv' },
      { today: '2026-01-01' },
    ).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    const code = `${randomUUID().slice(0, 6)}/KH-UBND`;
    const { plan: definition, resolved } = loadPlan(plan(code), 'plans/thu.yaml', buildWorkingCalendar([]));
    await createPlan(database.db, {
      sourceFile: 'plans/thu.yaml',
      sourceText: plan(code),
      definition,
      resolved,
      actor: 'test',
    });
    const { sent, sendNotification } = recordingSender();
    const { worker, taskQueue } = await createTestWorker({
      env,
      dependencies: { db: database.db },
      activityOverrides: { sendNotification },
    });
    await worker.runUntil(async () => {
      const first = await startPlanCycle(database.db, env.client, { code, taskQueue, actor: 'can-bo' });
      expect(first).toEqual({ outcome: 'started', workflowId: `plan/${code}`, version: 1 });
      const second = await startPlanCycle(database.db, env.client, { code, taskQueue, actor: 'can-bo' });
      expect(second.outcome).toBe('already-running');
      const status = await env.client.workflow.getHandle(first.workflowId).query(planCycleStatusQuery);
      expect(status).toMatchObject({
        planCode: code,
        opened: [],
        next: { id: 'tong-ket-2035', opensAt: '2035-07-01T00:00:00+07:00' },
      });

      // The leaders' digest: a schedule every morning at 07:30 in Vietnam; triggered now, it reports one overdue unit.
      const schedule = env.client.schedule.getHandle(`digest/${code}`);
      const described = await schedule.describe();
      expect(described.spec.timezone).toBe('Asia/Ho_Chi_Minh');
      expect(described.spec.calendars?.[0]).toMatchObject({
        hour: [{ start: 7, end: 7, step: 1 }],
        minute: [{ start: 30, end: 30, step: 1 }],
        comment: 'bản tin lãnh đạo, 07:30 hằng ngày',
      });
      const sgd = await database.db
        .selectFrom('units')
        .select('id')
        .where('code', '=', 'SGD')
        .executeTakeFirstOrThrow();
      const dueAt = new Date(Date.now() - 3 * 86_400_000);
      await database.db
        .insertInto('obligations')
        .values({
          id: `plan/${code}/tong-ket-2035/SGD#bao-cao`,
          workflow_id: `plan/${code}/tong-ket-2035/SGD`,
          plan_code: code,
          plan_version: 1,
          milestone_id: 'tong-ket-2035',
          report_id: 'bao-cao',
          unit_id: sgd.id,
          unit_code: 'SGD',
          unit_name: 'Sở Giáo dục và Đào tạo',
          parent_unit_code: 'SNV',
          assigned_unit_code: null,
          level: 0,
          due_at: dueAt,
          original_due_at: dueAt,
          status: 'overdue',
          submitted_at: null,
          submission_version: 0,
          extended_by: null,
          extension_reason: null,
          exempted_by: null,
          exemption_reason: null,
          escalation_step: 2,
        })
        .execute();
      await schedule.trigger();
      for (let i = 0; i < 100 && !sent.some((n) => n.kind === 'digest'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const digest = sent.find((n) => n.kind === 'digest');
      expect(digest?.idempotencyKey).toMatch(/^digest\/.+\/\d{4}-\d{2}-\d{2}$/);
      expect(digest?.recipient).toMatchObject({ role: 'leader', email: 'gd@snv.example.invalid', unitCode: 'SNV' });
      expect(digest?.extra?.overdue).toBe(1);
      expect(JSON.parse(String(digest?.extra?.rows))).toEqual([
        {
          unitName: 'Sở Giáo dục và Đào tạo (SGD)',
          status: 'quá hạn 3 ngày',
          note: 'mốc tong-ket-2035, đã leo thang bậc 2',
        },
      ]);
      await schedule.delete();
    });
    expect((await getPlan(database.db, code)).status).toBe('running');
    expect((await listAudit(database.db, 'plan', code)).map((entry) => entry.action)).toEqual([
      'plan.create',
      'plan.running',
    ]);
    await env.client.workflow.getHandle(`plan/${code}`).terminate('test over');
  });
});
