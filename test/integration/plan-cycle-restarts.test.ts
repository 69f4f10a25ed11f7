import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { listObligations } from '../../db/obligation.repository';
import { listTimelineEvents } from '../../db/timeline-event.repository';
import { formatVietnamInstant, vietnamCivilDate } from '../../domain/civil-time';
import { planCycleWorkflowId, unitMilestoneWorkflowId } from '../../domain/ids';
import type { ResolvedPlan } from '../../domain/plan/resolved-plan';
import { amendPlanSignal, planCycleStatusQuery, planCycleWorkflow } from '../../workflows/plan-cycle';
import { submitReportUpdate, type unitMilestoneWorkflow } from '../../workflows/unit-milestone';
import { startDevServerEnvironment } from '../helpers/temporal-servers';
import { openTestDatabase, type TestDatabase } from '../helpers/test-databases';
import { recordingSender } from '../helpers/recording-sender';
import { createTestWorker } from '../helpers/test-worker';
import { importUnitsCsv } from '../client/http/helpers/api-seed';
import { provinceUnitsCsv, quickPlan, storeQuickPlan } from './helpers/quick-plan';

/** The quick plan's timeline, in seconds after t0: A submits at 23, on time; B at 37, late, after the escalation. */
const TIMELINE = { opens: 2, reminders: [10, 20], due: 28, escalation: 34 };

describe('a plan cycle on the dev server survives worker and server restarts', () => {
  let database: TestDatabase;
  let stateDir: string;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    stateDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-restarts-'));
    await importUnitsCsv(database.db, provinceUnitsCsv(['A', 'B']));
  });
  afterAll(async () => {
    await database?.close();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  it('sends every notice exactly once across two restarts, and every obligation ends right', async () => {
    const { sent, sendNotification } = recordingSender();
    const code = `R-${randomUUID().slice(0, 8)}`;
    const t0 = Date.now();
    const plan = quickPlan(code, t0, TIMELINE);
    await storeQuickPlan(database.db, plan);
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
    const v1: ResolvedPlan = {
      ...quickPlan(code, t0, TIMELINE),
      milestones: [milestone('dau', 3), milestone('sau', 40)],
    };
    const v2: ResolvedPlan = { ...v1, milestones: [milestone('dau', 3), milestone('sau', 14)] };
    await storeQuickPlan(database.db, v1);
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
