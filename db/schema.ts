import type { AuditLogTable } from './tables/audit-log.table';
import type { PlanVersionTable } from './tables/plan-version.table';
import type { PlanTable } from './tables/plan.table';
import type { TimelineEventTable } from './tables/timeline-event.table';

/** The application database as Kysely sees it: one entry per table. */
export interface Database {
  timeline_events: TimelineEventTable;
  plans: PlanTable;
  plan_versions: PlanVersionTable;
  audit_log: AuditLogTable;
}
