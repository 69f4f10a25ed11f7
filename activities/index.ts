import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { recordTimelineEventActivity } from './record-timeline-event';

export interface ActivityDependencies {
  db: Kysely<Database>;
}

/** Every activity the worker registers, built from its dependencies so tests can hand in their own. */
export function createActivities({ db }: ActivityDependencies) {
  return {
    recordTimelineEvent: recordTimelineEventActivity(db),
  };
}
