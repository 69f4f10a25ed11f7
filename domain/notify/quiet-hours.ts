import { formatVietnamInstant, vietnamCivilDate, vietnamEpochMs } from '../civil-time';

/** A nightly window, in Vietnam time, when no Zalo message is sent: `{ start: '21:00', end: '07:00' }`. */
export interface QuietHours {
  start: string;
  end: string;
}

/**
 * No Zalo after 21:00 or before 07:00: a reminder that buzzes an official's phone at night does more harm than one
 * that arrives at the start of the working day. Zalo's own rules also restrict some ZNS sends at night
 * (docs/notifications.md). Email is not held: it waits in the inbox.
 */
export const DEFAULT_QUIET_HOURS: QuietHours = { start: '21:00', end: '07:00' };

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Parses `21:00-07:00`; returns undefined when the text is not two HH:mm times. */
export function parseQuietHours(text: string): QuietHours | undefined {
  const [start, end, ...rest] = text.split('-').map((part) => part.trim());
  if (rest.length > 0 || !start || !end || !HH_MM.test(start) || !HH_MM.test(end)) return undefined;
  return { start, end };
}

/**
 * When `nowMs` falls in the quiet window, the instant (epoch ms) the window ends — the next `end` in Vietnam time;
 * undefined outside it. A window may wrap midnight (`21:00–07:00`) or not (`12:00–13:30`).
 */
export function quietHoursEnd(nowMs: number, quiet: QuietHours): number | undefined {
  const today = vietnamCivilDate(nowMs);
  const clock = formatVietnamInstant(nowMs).slice(11, 16);
  const wraps = quiet.start > quiet.end;
  const inside = wraps ? clock >= quiet.start || clock < quiet.end : clock >= quiet.start && clock < quiet.end;
  if (!inside) return undefined;
  const endToday = vietnamEpochMs(today, quiet.end);
  return endToday > nowMs ? endToday : endToday + 24 * 60 * 60 * 1000;
}
