import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { loadLinkSecret } from '../../activities/links/link-secret';
import { createNotifyActivities } from '../../activities/notify/create-notify-activities';
import type { NotificationRequest, NotificationResult } from '../../activities/notify/send-notification';
import type { Database } from '../../db/schema';
import type { WorkingCalendar } from '../../domain/calendar/working-calendar';
import { loadConfig } from '../../runtime/config';
import { resolveTestServerWrapper } from '../../runtime/tools';
import { loadWorkingCalendar } from '../cli/load-calendar';
import type { Rehearsal } from '../plans/rehearse-plan';
import { rehearseInChildProcess } from './routes/rehearsal-process';

/** What the API routes need beyond the database and Temporal; each has a default from the configuration. */
export interface ApiOptions {
  taskQueue: string;
  /** The key that signs reporters' links (LINK_SECRET, or DATA_DIR/link-secret); read on first use. */
  linkSecret: () => string;
  linkDaysAfterClose: number;
  trustedProxySecret: () => string | undefined;
  sessionHours: number;
  attachmentMaxBytes: number;
  /** Attachments are stored under `${dataDir}/attachments`. */
  dataDir: string;
  /** Sends a notice now (a resend): the notification activity itself, run in this process. */
  sendNotification: (request: NotificationRequest) => Promise<NotificationResult>;
  /** Runs a plan file on the time-skipping server; `undefined` when that server is not installed. */
  rehearse: ((source: string, file: string) => Promise<Rehearsal>) | undefined;
  workingCalendar: () => Promise<WorkingCalendar>;
  now: () => number;
}

/** The routes' shared dependencies. */
export interface ApiContext extends ApiOptions {
  db: Kysely<Database>;
  temporal: Client;
}

function once<T>(make: () => T): () => T {
  let value: { made: T } | undefined;
  return () => (value ??= { made: make() }).made;
}

/**
 * The API options: those given (tests hand in their own secret, folder, sender), the rest from the process
 * configuration, read once and only when a given option leaves something to read.
 */
export function resolveApiOptions(db: Kysely<Database>, given: Partial<ApiOptions> = {}): ApiOptions {
  const config = once(() => loadConfig());
  const dataDir = given.dataDir ?? config().dataDir;
  const sender = once(() => createNotifyActivities({ db }).sendNotification);
  return {
    taskQueue: given.taskQueue ?? config().temporal.taskQueue,
    linkSecret: given.linkSecret ?? once(() => loadLinkSecret(config().api.linkSecret, dataDir)),
    linkDaysAfterClose: given.linkDaysAfterClose ?? config().api.linkDaysAfterClose,
    trustedProxySecret: given.trustedProxySecret ?? (() => config().api.trustedProxySecret),
    sessionHours: given.sessionHours ?? config().api.sessionHours,
    attachmentMaxBytes: given.attachmentMaxBytes ?? config().api.attachmentMaxBytes,
    dataDir,
    sendNotification: given.sendNotification ?? ((request) => sender()(request)),
    rehearse: 'rehearse' in given ? given.rehearse : resolveTestServerWrapper() ? rehearseInChildProcess : undefined,
    workingCalendar: given.workingCalendar ?? once(() => loadWorkingCalendar()),
    now: given.now ?? Date.now,
  };
}

/** The Fastify instance the API routes are registered on (the `/api` scope). */
export type ApiScope = FastifyInstance;
