import type { AccountTable } from './tables/account.table';
import type { AttachmentTable } from './tables/attachment.table';
import type { ReporterLinkRevocationTable } from './tables/reporter-link-revocation.table';
import type { SessionTable } from './tables/session.table';
import type { AuditLogTable } from './tables/audit-log.table';
import type { NotificationLogTable } from './tables/notification-log.table';
import type { ObligationTables } from './tables/obligation.table';
import type { PlanVersionTable } from './tables/plan-version.table';
import type { PlanTable } from './tables/plan.table';
import type { TimelineEventTable } from './tables/timeline-event.table';
import type { UnitTables } from './tables/unit.table';
import type { ZaloEventTable } from './tables/zalo-event.table';
import type { ZaloTokenTable } from './tables/zalo-token.table';

/** The application database as Kysely sees it: one entry per table. */
export interface Database extends UnitTables, ObligationTables {
  timeline_events: TimelineEventTable;
  plans: PlanTable;
  plan_versions: PlanVersionTable;
  audit_log: AuditLogTable;
  notification_log: NotificationLogTable;
  zalo_tokens: ZaloTokenTable;
  zalo_events: ZaloEventTable;
  accounts: AccountTable;
  sessions: SessionTable;
  reporter_link_revocations: ReporterLinkRevocationTable;
  attachments: AttachmentTable;
}
