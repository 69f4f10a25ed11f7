/**
 * Records the event histories that test/workflows/replay.test.ts replays: one file per workflow type and input
 * version, run on the time-skipping server against embedded PGlite. Run it when a workflow type or an input version
 * is added — never to "fix" a failing replay, which means the change would break cycles already running. Files that
 * exist are kept (RECORD_ALL=1 rewrites them):
 *   node --import tsx test/workflows/record-histories.ts
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { format, resolveConfig } from 'prettier';
import { vietnamInstant } from '../../domain/civil-time';
import type { NotificationRequest } from '../../activities/notify/send-notification';
import { importUnits } from '../../db/import/import-units';
import { createPlan } from '../../db/plan.repository';
import { buildWorkingCalendar } from '../../domain/calendar/working-calendar-builder';
import { milestoneAlarmWorkflowId, planCycleWorkflowId, unitMilestoneWorkflowId } from '../../domain/ids';
import { loadPlan } from '../../domain/plan/load-plan';
import { milestoneAlarmWorkflow } from '../../workflows/milestone-alarm';
import { leadersDigestWorkflow } from '../../workflows/leaders-digest';
import { amendPlanSignal, cancelPlanSignal, planCycleWorkflow } from '../../workflows/plan-cycle';
import { submitReportUpdate } from '../../workflows/unit-milestone';
import { zaloReceiptsWorkflow } from '../../workflows/zalo-receipts';
import { startTimeSkippingEnvironment } from '../helpers/temporal-servers';
import { openTestDatabase } from '../helpers/test-databases';
import { createTestWorker } from '../helpers/test-worker';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const [env, database] = await Promise.all([startTimeSkippingEnvironment(), openTestDatabase('pglite')]);
  try {
    const { worker, taskQueue } = await createTestWorker({ env, dependencies: { db: database.db } });
    const planCode = '960/KH-UBND';
    const workflowId = milestoneAlarmWorkflowId(planCode, 'tong-ket-2030');
    await worker.runUntil(
      env.client.workflow.execute(milestoneAlarmWorkflow, {
        workflowId,
        taskQueue,
        args: [{ version: 1, planCode, milestoneCode: 'tong-ket-2030', opensAt: vietnamInstant('2030-07-01') }],
      }),
    );
    await save(env.client, workflowId, 'milestone-alarm.v1.json');
    // The Zalo receipt check (one activity call; Zalo off here, so it reports nothing checked).
    const receipts = await createTestWorker({ env, dependencies: { db: database.db, zalo: null } });
    await receipts.worker.runUntil(
      env.client.workflow.execute(zaloReceiptsWorkflow, {
        workflowId: 'zalo-receipts/run',
        taskQueue: receipts.taskQueue,
        args: [{ version: 1, limit: 500 }],
      }),
    );
    await save(env.client, 'zalo-receipts/run', 'zalo-receipts.v1.json');
  } finally {
    await Promise.all([env.teardown(), database.close()]);
  }
  // A fresh server (its clock at today) for the plan cycle.
  const [cycleEnv, cycleDatabase] = await Promise.all([startTimeSkippingEnvironment(), openTestDatabase('pglite')]);
  try {
    await recordPlanCycle(cycleEnv, cycleDatabase.db);
  } finally {
    await Promise.all([cycleEnv.teardown(), cycleDatabase.close()]);
  }
  const [changesEnv, changesDatabase] = await Promise.all([startTimeSkippingEnvironment(), openTestDatabase('pglite')]);
  try {
    await recordPlanChanges(changesEnv, changesDatabase.db);
  } finally {
    await Promise.all([changesEnv.teardown(), changesDatabase.close()]);
  }
}

async function save(client: Client, workflowId: string, name: string, runId?: string): Promise<void> {
  const file = path.join(__dirname, 'histories', name);
  // A recorded history is the contract running workflows hold us to: never overwritten unless asked.
  if (existsSync(file) && !process.env.RECORD_ALL) return;
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  // Written as Prettier writes JSON, so `npm test`'s format check passes on a fresh recording.
  const options = { ...(await resolveConfig(file)), parser: 'json' };
  writeFileSync(file, await format(JSON.stringify(JSON.parse(historyToJSON(history))), options));
  process.stdout.write(`wrote ${file} (${history.events?.length} events)\n`);
}

const UNITS = `code,name,type,parent_code,valid_from,reporter_name,reporter_email,head_name,head_email
T9,Tỉnh Ghi Lịch Sử,Tỉnh,,2020-01-01,,,,
T9-SNV,Sở Nội vụ,Sở,T9,2020-01-01,Cán bộ,tdkt@snv.example.invalid,Giám đốc,gd@snv.example.invalid
H9,Huyện Chín,Huyện,T9,2020-01-01,Văn thư,vt@h9.example.invalid,Chủ tịch,ct@h9.example.invalid
X91,Xã Chín Một,Xã,H9,2020-01-01,Văn thư,vt@x91.example.invalid,Chủ tịch,ct@x91.example.invalid
X92,Xã Chín Hai,Xã,H9,2020-01-01,Văn thư,vt@x92.example.invalid,Chủ tịch,ct@x92.example.invalid
`;

const PLAN = `format: 1
code: 9/KH-UBND
title: Kế hoạch ghi lịch sử
issuer: UBND tỉnh
period: 2030-2030
owner: { unit: T9-SNV, name: Sở Nội vụ }
scope:
  units: [{ children_of: T9 }]
  levels: [cấp huyện, cấp xã]
milestones:
  - { id: so-ket-2030, kind: sơ kết, title: Sơ kết, when: Quý III/2030, reports: [{ id: bao-cao, title: Báo cáo }] }
`;

/** A plan cycle over a district and two communes: one submits on time, one never does (the whole ladder). */
async function recordPlanCycle(
  env: Awaited<ReturnType<typeof startTimeSkippingEnvironment>>,
  db: Awaited<ReturnType<typeof openTestDatabase>>['db'],
) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-histories-'));
  try {
    writeFileSync(path.join(dir, 'units.csv'), UNITS);
    await importUnits(db, { files: [path.join(dir, 'units.csv')], format: 'csv' }, { today: '2026-01-01' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const { plan, resolved } = loadPlan(PLAN, 'plans/lich-su.yaml', buildWorkingCalendar([]));
  await createPlan(db, {
    sourceFile: 'plans/lich-su.yaml',
    sourceText: PLAN,
    definition: plan,
    resolved,
    actor: 'ghi-lich-su',
  });
  const sendNotification = (request: NotificationRequest) =>
    Promise.resolve({ deliveries: request.channels.map((channel) => ({ channel, status: 'sent' as const })) });
  const { worker, taskQueue } = await createTestWorker({
    env,
    dependencies: { db },
    activityOverrides: { sendNotification },
  });
  const unit = (code: string) => unitMilestoneWorkflowId(resolved.code, 'so-ket-2030', code);
  await worker.runUntil(async () => {
    const cycle = await env.client.workflow.start(planCycleWorkflow, {
      workflowId: planCycleWorkflowId(resolved.code),
      taskQueue,
      args: [{ version: 1, planVersion: 1, plan: resolved, opened: [] }],
    });
    const firstRun = cycle.firstExecutionRunId;

    await env.sleep(Date.parse('2030-08-01T00:00:00+07:00') - (await env.currentTimeMs()));
    await env.client.workflow.getHandle(unit('X91')).executeUpdate(submitReportUpdate, {
      args: [
        { unitCode: 'X91', milestoneId: 'so-ket-2030', reportId: 'bao-cao', submittedBy: 'vt@x91', text: 'Báo cáo' },
      ],
    });
    await env.client.workflow.getHandle(unit('T9-SNV')).result();
    await save(env.client, cycle.workflowId, 'plan-cycle.v1.json', firstRun);
    await save(env.client, unit('X92'), 'unit-milestone.v1-missing.json');
    await save(env.client, unit('H9'), 'unit-milestone.v1-district.json');
    // Since `start-children-together`: the district's communes started in one batch, its writes numbered.
    await save(env.client, unit('H9'), 'unit-milestone.v1-children-together.json');
    // Since listReportingUnits returns each unit's contacts: a commune started with them, asking no activity.
    await save(env.client, unit('X92'), 'unit-milestone.v1-contacts-from-parent.json');
    // Since `open-in-fewer-tasks` and `notify-recipients-together`: a commune asks for no units below it, writes its
    // roll-up with its obligation, notifies reporter and head at once; the district writes its first roll-up so too.
    await save(env.client, unit('X92'), 'unit-milestone.v1-commune-fewer-tasks.json');
    await save(env.client, unit('H9'), 'unit-milestone.v1-district-fewer-tasks.json');
    await env.client.workflow.execute(leadersDigestWorkflow, {
      workflowId: `digest/${resolved.code}/run`,
      taskQueue,
      args: [{ version: 1, planCode: resolved.code }],
    });
    await save(env.client, `digest/${resolved.code}/run`, 'leaders-digest.v1.json');
  });
}

const CHANGING_UNITS = `code,name,type,parent_code,valid_from,valid_to,reporter_name,reporter_email,head_name,head_email
T8,Tỉnh Tám,Tỉnh,,2020-01-01,,,,,
T8-SNV,Sở Nội vụ,Sở,T8,2020-01-01,,Cán bộ,tdkt@snv8.example.invalid,Giám đốc,gd@snv8.example.invalid
H8,Huyện Tám,Huyện,T8,2020-01-01,,Văn thư,vt@h8.example.invalid,Chủ tịch,ct@h8.example.invalid
X81,Xã Tám Một,Xã,H8,2020-01-01,,Văn thư,vt@x81.example.invalid,Chủ tịch,ct@x81.example.invalid
X82,Xã Tám Hai,Xã,H8,2020-01-01,2030-09-01,Văn thư,vt@x82.example.invalid,Chủ tịch,ct@x82.example.invalid
`;

/**
 * The behaviours added after the first recordings (each behind `patched()`): the tree started by an activity, an
 * amendment that moves an opened milestone's deadline, a commune dissolved with no successor (exempted), and a
 * cancellation passed down the tree while the cycle waits for it.
 */
async function recordPlanChanges(
  env: Awaited<ReturnType<typeof startTimeSkippingEnvironment>>,
  db: Awaited<ReturnType<typeof openTestDatabase>>['db'],
) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-histories-'));
  try {
    writeFileSync(path.join(dir, 'units.csv'), CHANGING_UNITS);
    await importUnits(db, { files: [path.join(dir, 'units.csv')], format: 'csv' }, { today: '2026-01-01' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const text = (due: string) =>
    PLAN.replace('code: 9/KH-UBND', 'code: 8/KH-UBND')
      .replace('unit: T9-SNV', 'unit: T8-SNV')
      .replace('children_of: T9', 'children_of: T8')
      .replace('reports: [{ id: bao-cao, title: Báo cáo }]', `reports: [{ id: bao-cao, title: Báo cáo, due: ${due} }]`);
  const calendar = buildWorkingCalendar([]);
  const v1 = loadPlan(text('chậm nhất ngày 20/9'), 'plans/thay-doi.yaml', calendar);
  const v2 = loadPlan(text('chậm nhất ngày 30/9'), 'plans/thay-doi.yaml', calendar).resolved;
  await createPlan(db, {
    sourceFile: 'plans/thay-doi.yaml',
    sourceText: text('chậm nhất ngày 20/9'),
    definition: v1.plan,
    resolved: v1.resolved,
    actor: 'ghi-lich-su',
  });
  const sendNotification = (request: NotificationRequest) =>
    Promise.resolve({ deliveries: request.channels.map((channel) => ({ channel, status: 'sent' as const })) });
  const { worker, taskQueue } = await createTestWorker({
    env,
    dependencies: { db },
    activityOverrides: { sendNotification },
  });
  const unit = (code: string) => unitMilestoneWorkflowId(v1.resolved.code, 'so-ket-2030', code);
  await worker.runUntil(async () => {
    const cycle = await env.client.workflow.start(planCycleWorkflow, {
      workflowId: planCycleWorkflowId(v1.resolved.code),
      taskQueue,
      args: [{ version: 1, planVersion: 1, plan: v1.resolved, opened: [] }],
    });
    const firstRun = cycle.firstExecutionRunId;
    await env.sleep(Date.parse('2030-08-01T00:00:00+07:00') - (await env.currentTimeMs()));
    await cycle.signal(amendPlanSignal, { planVersion: 2, plan: v2 });
    await env.sleep(Date.parse('2030-09-10T00:00:00+07:00') - (await env.currentTimeMs()));
    await cycle.signal(cancelPlanSignal, { actor: 'gd@snv8', reason: 'Ghi lịch sử' });
    await cycle.result();
    await env.client.workflow.getHandle(unit('T8-SNV')).result();
    await save(env.client, cycle.workflowId, 'plan-cycle.v1-opened-by-activity.json', firstRun);
    await save(env.client, cycle.workflowId, 'plan-cycle.v1-amended-cancelled.json');
    await save(env.client, unit('T8-SNV'), 'unit-milestone.v1-root-cancelled.json');
    await save(env.client, unit('X81'), 'unit-milestone.v1-amended-cancelled.json');
    await save(env.client, unit('X82'), 'unit-milestone.v1-dissolved.json');
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
