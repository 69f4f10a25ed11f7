import type { TimelineEventTable } from './tables/timeline-event.table';

/** The application database as Kysely sees it: one entry per table. */
export interface Database {
  timeline_events: TimelineEventTable;
}
