import { parseInstant, type InstantIso } from './civil-time';

/**
 * How long to sleep from `nowMs` until the instant `at`; zero when it has already passed, so a workflow started late
 * (after an outage, or a plan loaded after its first milestone) acts at once instead of waiting forever.
 */
export function millisecondsUntil(at: InstantIso, nowMs: number): number {
  return Math.max(0, parseInstant(at) - nowMs);
}
