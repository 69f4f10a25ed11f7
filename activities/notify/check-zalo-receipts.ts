import { recordDeliveryReceipt, takeAwaitingReceipt } from '../../db/notification-log.repository';
import type { NotifyDependencies } from './notify-dependencies';

export interface CheckZaloReceiptsResult {
  checked: number;
  received: number;
}

/** How far back the status endpoint is asked: a phone that has not received a message in a week is not waited for. */
const RECEIPT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Activity `checkZaloReceipts`: asks Zalo's status endpoint about ZNS messages of the last week that have no receipt
 * yet (the webhook may be unreachable, or a receipt lost) and records what it says. Each run takes the `limit`
 * least recently asked, so messages Zalo never reports do not starve the rest. Run every few minutes by the
 * `zalo-receipts` Schedule (workflows/zalo-receipts.ts). Safe to retry: a failed status call throws and the next
 * attempt or run asks again. OA messages have no status endpoint; their receipts come by webhook only.
 */
export function checkZaloReceiptsActivity(deps: NotifyDependencies) {
  return async function checkZaloReceipts(input: { limit?: number } = {}): Promise<CheckZaloReceiptsResult> {
    if (!deps.zalo || deps.zalo.kind !== 'zns') return { checked: 0, received: 0 };
    const now = deps.clock.now();
    const rows = await takeAwaitingReceipt(deps.db, {
      sentSince: new Date(now - RECEIPT_WINDOW_MS),
      checkedAt: new Date(now),
      limit: input.limit ?? 100,
    });
    let received = 0;
    for (const row of rows) {
      const receipt = await deps.zalo.receipt(row.provider_message_id!, row.address);
      if (receipt.status === 'unknown') continue;
      received += await recordDeliveryReceipt(
        deps.db,
        { msgId: row.provider_message_id! },
        { status: receipt.status, at: receipt.at ?? new Date(now).toISOString() },
      );
    }
    return { checked: rows.length, received };
  };
}
