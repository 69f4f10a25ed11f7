import type { Migration } from 'kysely';
import * as createTimelineEvents from './2026_11_22_000100_create_timeline_events';
import * as createUnits from './2026_11_22_000200_create_units';
import * as createPlans from './2026_11_22_000300_create_plans';
import * as createNotificationLog from './2026_11_22_000400_create_notification_log';
import * as createZaloTables from './2026_11_22_000410_create_zalo_tables';
import * as createObligations from './2026_11_22_000500_create_obligations';
import * as createAccounts from './2026_11_22_000600_create_accounts';
import * as createReporterLinkRevocations from './2026_11_22_000610_create_reporter_link_revocations';
import * as createAttachments from './2026_11_22_000620_create_attachments';
import * as addContactZaloUserId from './2026_11_22_000700_add_contact_zalo_user_id';
import * as addNotificationReceiptCheckedAt from './2026_11_22_000710_add_notification_receipt_checked_at';
import * as addProjectionSequence from './2026_11_22_000720_add_projection_sequence';
import * as addObligationUnitIndex from './2026_11_22_000800_add_obligation_unit_index';

/**
 * Every migration, in order, by name. Listed statically (not read from the folder) so that the same list runs under
 * tsx, jest and a bundled build alike. Never edit a migration after it ships: add a new one.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_22_000100_create_timeline_events': createTimelineEvents,
  '2026_11_22_000200_create_units': createUnits,
  '2026_11_22_000300_create_plans': createPlans,
  '2026_11_22_000400_create_notification_log': createNotificationLog,
  '2026_11_22_000410_create_zalo_tables': createZaloTables,
  '2026_11_22_000500_create_obligations': createObligations,
  '2026_11_22_000600_create_accounts': createAccounts,
  '2026_11_22_000610_create_reporter_link_revocations': createReporterLinkRevocations,
  '2026_11_22_000620_create_attachments': createAttachments,
  '2026_11_22_000700_add_contact_zalo_user_id': addContactZaloUserId,
  '2026_11_22_000710_add_notification_receipt_checked_at': addNotificationReceiptCheckedAt,
  '2026_11_22_000720_add_projection_sequence': addProjectionSequence,
  '2026_11_22_000800_add_obligation_unit_index': addObligationUnitIndex,
};
