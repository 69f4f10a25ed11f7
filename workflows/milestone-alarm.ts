import { defineQuery, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { formatVietnamInstant, type InstantIso } from '../domain/civil-time';
import { millisecondsUntil } from '../domain/timers';

export interface MilestoneAlarmInput {
  version: 1;
  planCode: string;
  milestoneCode: string;
  /** When the milestone opens, as an instant with its offset, e.g. `2021-07-01T00:00:00+07:00`. */
  opensAt: InstantIso;
}

export interface MilestoneAlarmResult {
  eventId: string;
  firedAt: InstantIso;
}

export type MilestoneAlarmStatus =
  | { state: 'waiting'; opensAt: InstantIso }
  | { state: 'fired'; opensAt: InstantIso; firedAt: InstantIso };

/** Reports whether the alarm is still waiting or has fired, and when. Never mutates. */
export const milestoneAlarmStatusQuery = defineQuery<MilestoneAlarmStatus>('milestoneAlarmStatus');

const { recordTimelineEvent } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  // 1s+2s+4s+…+60s: a database restart of a few minutes is ridden out without failing the workflow.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Sleeps until a milestone's opening instant in Asia/Ho_Chi_Minh, then records the opening as a timeline event.
 * The first slice of the plan cycle: it proves a durable timer that outlives restarts and deployments, and an
 * idempotent write keyed by the workflow id (a retried activity or a replay never writes twice). An opening instant
 * already in the past fires at once.
 */
export async function milestoneAlarmWorkflow(input: MilestoneAlarmInput): Promise<MilestoneAlarmResult> {
  let status: MilestoneAlarmStatus = { state: 'waiting', opensAt: input.opensAt };
  setHandler(milestoneAlarmStatusQuery, () => status);

  const wait = millisecondsUntil(input.opensAt, Date.now());
  if (wait > 0) await sleep(wait);

  const firedAt = formatVietnamInstant(Date.now());
  const { eventId } = await recordTimelineEvent({
    idempotencyKey: `${workflowInfo().workflowId}/opened`,
    planCode: input.planCode,
    milestoneCode: input.milestoneCode,
    kind: 'milestone-opened',
    dueAt: input.opensAt,
    occurredAt: firedAt,
  });
  status = { state: 'fired', opensAt: input.opensAt, firedAt };
  return { eventId, firedAt };
}
