import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { importUnits } from '../../db/import/import-units';
import { listObligations } from '../../db/obligation.repository';
import { listTimelineEvents } from '../../db/timeline-event.repository';
import { createPlan } from '../../db/plan.repository';
import { formatVietnamInstant, vietnamCivilDate } from '../../domain/civil-time';
import { planCycleWorkflowId, unitMilestoneWorkflowId } from '../../domain/ids';
import type { ResolvedPlan } from '../../domain/plan/resolved-plan';
import { amendPlanSignal, planCycleStatusQuery, planCycleWorkflow } from '../../workflows/plan-cycle';
import { submitReportUpdate, type unitMilestoneWorkflow } from '../../workflows/unit-milestone';
import { startDevServerEnvironment } from '../helpers/temporal-servers';
import { openTestDatabase, type TestDatabase } from '../helpers/test-databases';
import { recordingSender } from '../helpers/recording-sender';
import { createTestWorker } from '../helpers/test-worker';

const UNITS = `code,name,type,parent_code,valid_from,reporter_name,reporter_email,head_name,head_email
P,Tỉnh P,Tỉnh,,2020-01-01,,,,
P-SNV,Sở Nội vụ P,Sở,P,2020-01-01,Cán bộ,tdkt@p.example.invalid,Giám đốc,gd@p.example.invalid
A,Sở A,Sở,P,2020-01-01,Văn thư A,vt@a.example.invalid,Giám đốc A,gd@a.example.invalid
B,Sở B,Sở,P,2020-01-01,Văn thư B,vt@b.example.invalid,Giám đốc B,gd@b.example.invalid
`;

/** A one-level plan whose whole timeline fits in a minute of real time (built directly, not from phrases). */
function quickPlan(code: string, t0: number): ResolvedPlan {
  const at = (seconds: number) => formatVietnamInstant(t0 + seconds * 1000);
  const today = vietnamCivilDate(t0);
  return {
    version: 1,
    code,
    title: 'Kế hoạch nhanh',
    issuer: 'UBND tỉnh P',
    period: { from: 2026, to: 2026 },
    deadlineReading: 'strictly-before',
    owner: { unit: 'P-SNV', name: 'Sở Nội vụ' },
    scope: { units: [{ children_of: 'P' }], levels: ['cấp sở'] },
    reminderPolicy: { before: [], channels: ['email'] },
    escalationPolicy: [],
    amendable: true,
    milestones: [
      {
        id: 'nhanh',
        kind: 'báo cáo',
        title: 'Báo cáo nhanh',
        when: 'hôm nay',
        opensOn: today,
        closesOn: today,
        opensAt: at(2),
        reports: [
          {
            id: 'bao-cao',
            title: 'Báo cáo',
            text: true,
            fields: [],
            levels: [
              {
                level: 'cấp sở',
                lastDay: today,
                dueAt: at(28),
                reminders: [
                  { offset: 'r1', at: at(10) },
                  { offset: 'r2', at: at(20) },
                ],
                escalations: [
                  { step: 1, after: 'e1', at: at(34), notify: ['người báo cáo', 'thủ trưởng đơn vị'] },
                  { step: 2, after: 'e2', at: at(40), notify: ['cơ quan chủ trì'] },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

describe('a plan cycle on the dev server survives worker and server restarts', () => {
  let database: TestDatabase;
  let stateDir: string;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    stateDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-restarts-'));
    writeFileSync(path.join(stateDir, 'units.csv'), UNITS);
    await importUnits(
      database.db,
      { files: [path.join(stateDir, 'units.csv')], format: 'csv' },
      { today: '2026-01-01' },
    );
  });
  afterAll(async () => {
    await database?.close();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  it('sends every notice exactly once across two restarts, and every obligation ends right', async () => {
    const { sent, sendNotification } = recordingSender();
    const code = `R-${randomUUID().slice(0, 8)}`;
    const t0 = Date.now();
    const plan = quickPlan(code, t0);
    await createPlan(database.db, {
      sourceFile: 'quick',
      sourceText: code,
      definition: { code, title: plan.title, issuer: plan.issuer } as never,
      resolved: plan,
      actor: 'test',
    });
    const dbFilename = path.join(stateDir, 'temporal.sqlite');
    const taskQueue = `restarts-${randomUUID()}`;
    const until = (seconds: number) =>
      new Promise((resolve) => setTimeout(resolve, Math.max(0, t0 + seconds * 1000 - Date.now())));
    const unit = (env: TestWorkflowEnvironment, c: string) =>
      env.client.workflow.getHandle<typeof unitMilestoneWorkflow>(unitMilestoneWorkflowId(code, 'nhanh', c));
    const submission = (c: string) => ({
      unitCode: c,
      milestoneId: 'nhanh',
      reportId: 'bao-cao',
      submittedBy: c,
      text: 'Báo cáo',
    });

    /** One life of the service: a dev server on the same SQLite file and a new worker, stopped after `work`. */
    const run = async <T>(work: (env: TestWorkflowEnvironment) => Promise<T>): Promise<T> => {
      const env = await startDevServerEnvironment({ dbFilename });
      try {
        const { worker } = await createTestWorker({
          env,
          dependencies: { db: database.db },
          activityOverrides: { sendNotification },
          taskQueue,
        });
        return await worker.runUntil(() => work(env));
      } finally {
        await env.teardown();
      }
    };

    // Run 1: start, open, assignment and the first reminder; then everything stops.
    await run(async (env) => {
      await env.client.workflow.start(planCycleWorkflow, {
        workflowId: planCycleWorkflowId(code),
        taskQueue,
        args: [{ version: 1, planVersion: 1, plan, opened: [] }],
      });
      await until(13);
    });
    // Run 2: a new server on the same file, a new worker; A submits on time.
    await run(async (env) => {
      await until(23);
      await unit(env, 'A').executeUpdate(submitReportUpdate, { args: [submission('A')] });
      await until(30);
    });
    // Run 3: B submits late after the first escalation; the tree closes.
    const result = await run(async (env) => {
      await until(37);
      expect(await unit(env, 'B').executeUpdate(submitReportUpdate, { args: [submission('B')] })).toMatchObject({
        late: true,
      });
      return unit(env, 'P-SNV').result();
    });

    const notices = sent.map((n) => `${n.recipient.unitCode} ${n.kind} ${n.recipient.role}`).sort();
    process.stdout.write(
      `notices across 3 runs: ${sent.length}, distinct keys: ${new Set(sent.map((n) => n.idempotencyKey)).size}\n`,
    );
    expect(notices).toEqual(
      [
        'A assignment reporter',
        'A assignment head',
        'A reminder reporter',
        'A reminder reporter',
        'A receipt reporter',
        'B assignment reporter',
        'B assignment head',
        'B reminder reporter',
        'B reminder reporter',
        'B overdue reporter',
        'B overdue head',
        'B receipt reporter',
      ].sort(),
    );
    expect(new Set(sent.map((n) => n.idempotencyKey)).size).toBe(sent.length);
    expect(result.rollup).toMatchObject({ units: 2, onTime: 1, late: 1, missing: 0 });
    expect((await listObligations(database.db, code, 'nhanh')).map((o) => [o.unit_code, o.status])).toEqual([
      ['A', 'on-time'],
      ['B', 'late'],
    ]);
  });

  it('brings an amendment to the running cycle: the milestone not yet opened opens on its new date', async () => {
    const code = `A-${randomUUID().slice(0, 8)}`;
    const t0 = Date.now();
    const milestone = (id: string, seconds: number) => ({
      id,
      kind: 'hội nghị' as const,
      title: id,
      when: 'hôm nay',
      opensOn: vietnamCivilDate(t0),
      closesOn: vietnamCivilDate(t0),
      opensAt: formatVietnamInstant(t0 + seconds * 1000),
      reports: [],
    });
    const v1: ResolvedPlan = { ...quickPlan(code, t0), milestones: [milestone('dau', 3), milestone('sau', 40)] };
    const v2: ResolvedPlan = { ...v1, milestones: [milestone('dau', 3), milestone('sau', 14)] };
    await createPlan(database.db, {
      sourceFile: 'amend',
      sourceText: code,
      definition: { code, title: v1.title, issuer: v1.issuer } as never,
      resolved: v1,
      actor: 'test',
    });
    const env = await startDevServerEnvironment();
    try {
      const { worker, taskQueue } = await createTestWorker({ env, dependencies: { db: database.db } });
      const result = await worker.runUntil(async () => {
        const cycle = await env.client.workflow.start(planCycleWorkflow, {
          workflowId: planCycleWorkflowId(code),
          taskQueue,
          args: [{ version: 1, planVersion: 1, plan: v1, opened: [] }],
        });
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, t0 + 8000 - Date.now())));
        expect(await cycle.query(planCycleStatusQuery)).toMatchObject({
          opened: ['dau'],
          next: { id: 'sau', opensAt: v1.milestones[1]!.opensAt },
        });
        await cycle.signal(amendPlanSignal, { planVersion: 2, plan: v2 });
        return cycle.result();
      });
      expect(result).toMatchObject({ planVersion: 2, opened: ['dau', 'sau'] });
      const events = await listTimelineEvents(database.db, code);
      expect(events.map((event) => [event.milestone_code, event.due_at.getTime()])).toEqual([
        ['dau', Math.floor((t0 + 3000) / 1000) * 1000],
        ['sau', Math.floor((t0 + 14000) / 1000) * 1000],
      ]);
      expect(Date.now() - t0).toBeLessThan(40_000);
    } finally {
      await env.teardown();
    }
  });
});
