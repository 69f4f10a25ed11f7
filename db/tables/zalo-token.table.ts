import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Timestamp } from './timeline-event.table';

/**
 * The current Zalo token pair of an app. Each refresh token works once, so the row is only ever replaced under a
 * row lock by the worker that used it. These columns are secrets: never select them into anything that is logged.
 */
export interface ZaloTokenTable {
  app_id: string;
  access_token: string;
  refresh_token: string;
  access_expires_at: Timestamp;
  refresh_count: Generated<number>;
  refreshed_at: Timestamp | null;
  updated_at: Generated<Timestamp>;
}

export type ZaloToken = Selectable<ZaloTokenTable>;
export type NewZaloToken = Insertable<ZaloTokenTable>;
export type ZaloTokenUpdate = Updateable<ZaloTokenTable>;
