import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const STARTED = temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;

/**
 * What Temporal does on its own once the timeouts of a dead worker's tasks run out, done at once so a test with ten
 * kills fits in a minute: every activity the dead worker had started is failed by id (the workflow's retry policy
 * then schedules it again — `sendNotification` would otherwise wait out its 2-minute start-to-close timeout), and
 * each workflow's sticky queue is reset, so its next task goes to the shared queue instead of the dead worker's.
 * Workflow tasks the dead worker held still wait out their 10 s timeout. Returns how many activities were failed.
 */
export async function releaseDeadWorkerTasks(client: Client, workflowIds: readonly string[]): Promise<number> {
  const counts = await Promise.all(
    workflowIds.map(async (workflowId) => {
      const handle = client.workflow.getHandle(workflowId);
      const description = await handle.describe().catch(() => undefined);
      if (!description || description.status.name !== 'RUNNING') return 0;
      await client.workflowService
        .resetStickyTaskQueue({
          namespace: client.options.namespace,
          execution: { workflowId, runId: description.runId },
        })
        .catch(() => undefined);
      const started = (description.raw.pendingActivities ?? []).filter((activity) => activity.state === STARTED);
      const failed = await Promise.all(
        started.map((activity) =>
          client.activity
            .fail(
              { workflowId, runId: description.runId, activityId: activity.activityId! },
              new Error('the worker running this activity was killed (SIGKILL)'),
            )
            .then(
              () => 1,
              () => 0,
            ),
        ),
      );
      return failed.reduce<number>((sum, n) => sum + n, 0);
    }),
  );
  return counts.reduce((sum, n) => sum + n, 0);
}

/** A small seeded generator (mulberry32): the same seed gives the same kill moments. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
