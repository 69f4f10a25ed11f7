import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Logger } from '../runtime/logger';
import { createNotifyActivities, type NotifyActivityInput } from './notify/create-notify-activities';
import type { EmailProvider } from './notify/email-provider';
import type { Clock, LinkOptions } from './notify/notify-dependencies';
import type { ZaloProvider } from './notify/zalo-provider';
import { buildOverdueDigestActivity } from './digest/build-overdue-digest';
import { findSuccessorActivity } from './plan-cycle/find-successor';
import { getUnitContactsActivity } from './plan-cycle/get-unit-contacts';
import { listReportingUnitsActivity } from './plan-cycle/list-reporting-units';
import { recordProjectionActivities } from './plan-cycle/record-projections';
import { scheduleDeadlineActivity } from './plan-cycle/schedule-deadline';
import { startWorkflowActivity } from './plan-cycle/start-workflow';
import { recordTimelineEventActivity } from './record-timeline-event';

export interface ActivityDependencies {
  db: Kysely<Database>;
  /** Outgoing email; built from the configuration on first send when absent (the outbox, or SMTP_URL's pool). */
  email?: EmailProvider;
  /** Zalo; from the configuration when absent (disabled without ZALO_APP_ID), `null` to turn it off. */
  zalo?: ZaloProvider | null;
  clock?: Clock;
  log?: Logger;
  /** Notification options and test hooks (activities/notify/notify-dependencies.ts). */
  notify?: NotifyActivityInput['notify'];
  /** The links in messages (PUBLIC_URL and the reporters' link key); `null` for none. */
  links?: LinkOptions | null;
}

/** Every activity the worker registers, built from its dependencies so tests can hand in their own. */
export function createActivities({ db, ...notify }: ActivityDependencies) {
  return {
    recordTimelineEvent: recordTimelineEventActivity(db),
    listReportingUnits: listReportingUnitsActivity(db),
    getUnitContacts: getUnitContactsActivity(db),
    findSuccessor: findSuccessorActivity(db),
    buildOverdueDigest: buildOverdueDigestActivity(db),
    scheduleNewDeadline: scheduleDeadlineActivity(),
    startWorkflow: startWorkflowActivity(),
    ...recordProjectionActivities(db),
    ...createNotifyActivities({ db, ...notify }),
  };
}
