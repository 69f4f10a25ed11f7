import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { NotificationRequest } from '../../activities/notify/send-notification';
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
    const sent: NotificationRequest[] = [];
    const sendNotification = (request: NotificationRequest) => {
      sent.push(request);
      return Promise.resolve({ deliveries: request.channels.map((channel) => ({ channel, status: 'sent' as const })) });
    };
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
    });
    expect((await getPlan(database.db, code)).status).toBe('running');
    expect((await listAudit(database.db, 'plan', code)).map((entry) => entry.action)).toEqual([
      'plan.create',
      'plan.running',
    ]);
    await env.client.workflow.getHandle(`plan/${code}`).terminate('test over');
  });
});
