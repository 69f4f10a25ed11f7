import { listAwaitingReceipt, recordDeliveryReceipt } from '../../db/notification-log.repository';
import type { NotifyDependencies } from './notify-dependencies';

export interface CheckZaloReceiptsResult {
  checked: number;
  received: number;
}

/**
 * Activity `checkZaloReceipts`: asks Zalo's status endpoint about sent messages that have no receipt yet (the
 * webhook may be unreachable, or a receipt lost) and records what it says. Safe to run on a schedule and to retry;
 * a failed status call is left for the next run.
 */
export function checkZaloReceiptsActivity(deps: NotifyDependencies) {
  return async function checkZaloReceipts(input: { limit?: number } = {}): Promise<CheckZaloReceiptsResult> {
    if (!deps.zalo) return { checked: 0, received: 0 };
    const rows = await listAwaitingReceipt(deps.db, input.limit ?? 100);
    let received = 0;
    for (const row of rows) {
      const receipt = await deps.zalo.receipt(row.provider_message_id!, row.address);
      if (receipt.status === 'unknown') continue;
      received += await recordDeliveryReceipt(
        deps.db,
        { msgId: row.provider_message_id! },
        { status: receipt.status, at: receipt.at ?? new Date(deps.clock.now()).toISOString() },
      );
    }
    return { checked: rows.length, received };
  };
}
