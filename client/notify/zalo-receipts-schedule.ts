import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { Config } from '../../runtime/config';
import { zaloReceiptsWorkflow } from '../../workflows/zalo-receipts';

/** The id of the one receipt-check schedule of a namespace (one per deployment, whatever the number of workers). */
export const ZALO_RECEIPTS_SCHEDULE_ID = 'zalo-receipts';

/**
 * Creates the Temporal Schedule that runs the Zalo receipt check (workflows/zalo-receipts.ts) every 10 minutes, when
 * Zalo is configured; nothing otherwise. Runs never overlap, and after an outage one run catches up (the check looks
 * at everything still without a receipt, so the missed runs add nothing). Idempotent, safe for every worker to call
 * at start: an existing schedule is left as it is.
 */
export async function ensureZaloReceiptsSchedule(
  temporal: Client,
  config: Pick<Readonly<Config>, 'zalo'> & { temporal: { taskQueue: string } },
): Promise<'created' | 'exists' | 'disabled'> {
  if (config.zalo.mode === 'disabled') return 'disabled';
  try {
    await temporal.schedule.create({
      scheduleId: ZALO_RECEIPTS_SCHEDULE_ID,
      spec: { intervals: [{ every: '10 minutes' }] },
      action: {
        type: 'startWorkflow',
        workflowType: zaloReceiptsWorkflow,
        args: [{ version: 1, limit: 500 }],
        taskQueue: config.temporal.taskQueue,
        workflowId: `${ZALO_RECEIPTS_SCHEDULE_ID}/run`,
      },
      policies: { catchupWindow: '10 minutes', overlap: ScheduleOverlapPolicy.SKIP },
    });
    return 'created';
  } catch (error) {
    if (error instanceof ScheduleAlreadyRunning) return 'exists';
    throw error;
  }
}
