import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { listTimelineEvents } from '../../db/timeline-event.repository';
import { formatVietnamInstant, parseInstant } from '../../domain/civil-time';
import { milestoneAlarmWorkflowId } from '../../domain/ids';
import { milestoneAlarmStatusQuery, milestoneAlarmWorkflow } from '../../workflows/milestone-alarm';
import { startDevServerEnvironment } from '../helpers/temporal-servers';
import { openTestDatabase, type TestDatabase } from '../helpers/test-databases';
import { createTestWorker } from '../helpers/test-worker';

/** An opening instant a few seconds ahead, on a whole second as plans write them. */
const secondsFromNow = (seconds: number) =>
  formatVietnamInstant(Math.ceil((Date.now() + seconds * 1000) / 1000) * 1000);

describe('milestone alarm on the Temporal dev server, records in real Postgres', () => {
  let database: TestDatabase;
  let stateDir: string;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    stateDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-dev-server-'));
  });
  afterAll(async () => {
    await database.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('fires at the opening instant on the real clock', async () => {
    const env = await startDevServerEnvironment();
    try {
      const { worker, taskQueue } = await createTestWorker({ env, dependencies: { db: database.db } });
      const planCode = `KH-${randomUUID()}`;
      const opensAt = secondsFromNow(3);
      const result = await worker.runUntil(
        env.client.workflow.execute(milestoneAlarmWorkflow, {
          workflowId: milestoneAlarmWorkflowId(planCode, 'm1'),
          taskQueue,
          args: [{ version: 1, planCode, milestoneCode: 'm1', opensAt }],
        }),
      );
      const lateMs = parseInstant(result.firedAt) - parseInstant(opensAt);
      expect(lateMs).toBeGreaterThanOrEqual(0);
      expect(lateMs).toBeLessThan(5_000);
      expect(await listTimelineEvents(database.db, planCode)).toHaveLength(1);
    } finally {
      await env.teardown();
    }
  });

  it('survives a restart of the dev server and the worker while the timer runs, and records once', async () => {
    const dbFilename = path.join(stateDir, 'temporal.sqlite');
    const planCode = `KH-${randomUUID()}`;
    const workflowId = milestoneAlarmWorkflowId(planCode, 'm2');
    const opensAt = secondsFromNow(8);

    const first = await startDevServerEnvironment({ dbFilename });
    const { worker, taskQueue } = await createTestWorker({ env: first, dependencies: { db: database.db } });
    await worker.runUntil(async () => {
      const handle = await first.client.workflow.start(milestoneAlarmWorkflow, {
        workflowId,
        taskQueue,
        args: [{ version: 1, planCode, milestoneCode: 'm2', opensAt }],
      });
      expect(await handle.query(milestoneAlarmStatusQuery)).toEqual({ state: 'waiting', opensAt });
    });
    await first.teardown();

    const second = await startDevServerEnvironment({ dbFilename });
    try {
      // A new worker process on the same task queue, as after a deployment.
      const resumed = await createTestWorker({ env: second, dependencies: { db: database.db }, taskQueue });
      const handle = second.client.workflow.getHandle<typeof milestoneAlarmWorkflow>(workflowId);
      const result = await resumed.worker.runUntil(handle.result());
      expect(parseInstant(result.firedAt)).toBeGreaterThanOrEqual(parseInstant(opensAt));
      expect(await listTimelineEvents(database.db, planCode)).toHaveLength(1);
    } finally {
      await second.teardown();
    }
  });
});
