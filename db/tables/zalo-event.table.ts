import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Timestamp } from './timeline-event.table';

/** A verified webhook event from Zalo (a delivery receipt, mostly), stored once per signature. */
export interface ZaloEventTable {
  id: Generated<string>;
  signature: string;
  app_id: string;
  event_name: string;
  msg_id: string | null;
  tracking_id: string | null;
  occurred_at: Timestamp | null;
  payload: ColumnType<unknown, string, string>;
  received_at: Generated<Timestamp>;
}

export type ZaloEvent = Selectable<ZaloEventTable>;
export type NewZaloEvent = Insertable<ZaloEventTable>;
