import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { CheckZaloReceiptsResult } from '../activities/notify/check-zalo-receipts';

export interface ZaloReceiptsInput {
  version: 1;
  /** Messages asked about per run; the rest wait for the next run (Zalo's status endpoint is rate-limited too). */
  limit: number;
}

const { checkZaloReceipts } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '2 minutes',
  // 5s+10s+20s: a Zalo hiccup is ridden out within the run; anything longer waits for the next scheduled run.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumAttempts: 4 },
});

/**
 * One pass of the Zalo receipt check, started every 10 minutes by the Temporal Schedule `zalo-receipts`
 * (client/notify/zalo-receipts-schedule.ts): asks Zalo's status endpoint about sent ZNS messages without a receipt
 * and records what it says. Idempotent; a failed run changes nothing that the next run will not redo.
 */
export async function zaloReceiptsWorkflow(input: ZaloReceiptsInput): Promise<CheckZaloReceiptsResult> {
  return checkZaloReceipts({ limit: input.limit });
}
