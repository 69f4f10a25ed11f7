import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { VIETNAM_TIME_ZONE } from '../../domain/civil-time';
import { leadersDigestWorkflow } from '../../workflows/leaders-digest';

/** The id of a plan's daily digest schedule. */
export function digestScheduleId(planCode: string): string {
  return `digest/${planCode}`;
}

/**
 * Creates the Temporal Schedule that starts the leaders' overdue digest of a plan every morning at 07:30 in
 * Asia/Ho_Chi_Minh. A day missed while the service was down is caught up within 24 hours (the digest is keyed by
 * day, so a catch-up never repeats one); runs never overlap. Idempotent: an existing schedule is left as it is.
 */
export async function ensureDigestSchedule(
  temporal: Client,
  planCode: string,
  taskQueue: string,
): Promise<'created' | 'exists'> {
  try {
    await temporal.schedule.create({
      scheduleId: digestScheduleId(planCode),
      spec: {
        calendars: [{ hour: 7, minute: 30, comment: 'bản tin lãnh đạo, 07:30 hằng ngày' }],
        timezone: VIETNAM_TIME_ZONE,
      },
      action: {
        type: 'startWorkflow',
        workflowType: leadersDigestWorkflow,
        args: [{ version: 1, planCode }],
        taskQueue,
        workflowId: `digest/${planCode}/run`,
      },
      policies: { catchupWindow: '1 day', overlap: ScheduleOverlapPolicy.SKIP },
    });
    return 'created';
  } catch (error) {
    if (error instanceof ScheduleAlreadyRunning) return 'exists';
    throw error;
  }
}

/** Deletes a plan's digest schedule (when its cycle is cancelled); none is fine. */
export async function deleteDigestSchedule(temporal: Client, planCode: string): Promise<void> {
  await temporal.schedule
    .getHandle(digestScheduleId(planCode))
    .delete()
    .catch((error: unknown) => {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    });
}
