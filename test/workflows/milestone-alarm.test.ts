import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { listTimelineEvents } from '../../db/timeline-event.repository';
import { parseInstant, vietnamInstant } from '../../domain/civil-time';
import { milestoneAlarmWorkflowId } from '../../domain/ids';
import { milestoneAlarmStatusQuery, milestoneAlarmWorkflow } from '../../workflows/milestone-alarm';
import { startTimeSkippingEnvironment } from '../helpers/temporal-servers';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../helpers/test-databases';
import { createTestWorker } from '../helpers/test-worker';

describe.each(DATABASE_KINDS)('milestone alarm on the time-skipping server, records in %s', (kind) => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  beforeAll(async () => {
    [env, database] = await Promise.all([startTimeSkippingEnvironment(), openTestDatabase(kind)]);
  });
  afterAll(async () => {
    await Promise.all([env?.teardown(), database?.close()]);
  });

  it('sleeps years until the opening instant in Vietnam, then records it once', async () => {
    const { worker, taskQueue } = await createTestWorker({ env, dependencies: { db: database.db } });
    const planCode = `960/KH-UBND-${randomUUID()}`;
    const opensAt = vietnamInstant('2031-07-01'); // Quý III/2031: five years after the server's clock
    const startedAtMs = await env.currentTimeMs();

    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(milestoneAlarmWorkflow, {
        workflowId: milestoneAlarmWorkflowId(planCode, 'quy-3-2031'),
        taskQueue,
        args: [{ version: 1, planCode, milestoneCode: 'quy-3-2031', opensAt }],
      });
      expect(await handle.query(milestoneAlarmStatusQuery)).toEqual({ state: 'waiting', opensAt });
      return handle.result();
    });

    // Fired on the opening instant itself: the server skipped the years, not the timer's precision.
    expect(parseInstant(result.firedAt)).toBe(parseInstant(opensAt));
    expect(result.firedAt).toBe('2031-07-01T00:00:00+07:00');
    expect(parseInstant(opensAt) - startedAtMs).toBeGreaterThan(4 * 365 * 24 * 3600 * 1000);

    const events = await listTimelineEvents(database.db, planCode);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      id: result.eventId,
      kind: 'milestone-opened',
      milestone_code: 'quy-3-2031',
      idempotency_key: `alarm/${planCode}/quy-3-2031/opened`,
    });
    expect(events[0]!.due_at.toISOString()).toBe('2031-06-30T17:00:00.000Z');
  });

  it('fires at once for an opening instant already past (a plan loaded late)', async () => {
    const { worker, taskQueue } = await createTestWorker({ env, dependencies: { db: database.db } });
    const planCode = `KH-${randomUUID()}`;
    const opensAt = vietnamInstant('2021-07-01');
    const result = await worker.runUntil(
      env.client.workflow.execute(milestoneAlarmWorkflow, {
        workflowId: milestoneAlarmWorkflowId(planCode, 'quy-3-2021'),
        taskQueue,
        args: [{ version: 1, planCode, milestoneCode: 'quy-3-2021', opensAt }],
      }),
    );
    expect(parseInstant(result.firedAt)).toBeGreaterThan(parseInstant(opensAt));
    expect(await listTimelineEvents(database.db, planCode)).toHaveLength(1);
  });
});
