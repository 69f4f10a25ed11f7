import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Timestamp } from './timeline-event.table';

type Json = ColumnType<unknown, string | null, never>;

/** Every state change: who, what, when, before and after (Nghị định 13/2023 accountability). Append-only. */
export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Timestamp>;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json;
  after: Json;
  reason: string | null;
}

export type AuditEntry = Selectable<AuditLogTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
