import type { Migration } from 'kysely';
import * as createTimelineEvents from './2026_11_22_000100_create_timeline_events';
import * as createPlans from './2026_11_22_000300_create_plans';

/**
 * Every migration, in order, by name. Listed statically (not read from the folder) so that the same list runs under
 * tsx, jest and a bundled build alike. Never edit a migration after it ships: add a new one.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_22_000100_create_timeline_events': createTimelineEvents,
  '2026_11_22_000300_create_plans': createPlans,
};
