import { formatCivilDate, formatVietnamInstant, parseInstant, vietnamCivilDate, type CivilDate } from '../civil-time';

/** Weekday names as Vietnamese officials write them; Sunday is not a "thứ". */
const WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'] as const;

/** `2025-05-30` → `thứ Sáu, 30/05/2025`. */
export function formatVietnameseDate(date: CivilDate): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return `${WEEKDAYS[weekday]}, ${formatCivilDate(date)}`;
}

/** A deadline as people read it: the last civil day, and the hour only when it is not the end of that day. */
export interface DeadlineText {
  /** The last day on which the report is on time, e.g. `2025-05-30`. */
  lastDay: CivilDate;
  /** `thứ Sáu, 30/05/2025`. */
  date: string;
  /** `17:00` when the deadline is inside the day; undefined for 24:00. */
  time: string | undefined;
  /** `hết ngày thứ Sáu, 30/05/2025` or `17:00 thứ Sáu, 30/05/2025`. */
  phrase: string;
}

/**
 * Reads a deadline instant. Deadlines are stored as the instant the day ends (`2025-05-31T00:00:00+07:00` is 24:00
 * of 30/05), so the last day is the civil date one millisecond earlier.
 */
export function describeDeadline(dueAt: string): DeadlineText {
  const ms = parseInstant(dueAt);
  const local = formatVietnamInstant(ms).slice(11, 16);
  const endOfDay = local === '00:00';
  const lastDay = vietnamCivilDate(endOfDay ? ms - 1 : ms);
  const date = formatVietnameseDate(lastDay);
  const time = endOfDay ? undefined : local;
  return { lastDay, date, time, phrase: time ? `${time} ${date}` : `hết ngày ${date}` };
}

/** An instant as `07:00 thứ Bảy, 31/05/2025` (Vietnam time). */
export function formatVietnameseDateTime(instant: string): string {
  const ms = parseInstant(instant);
  return `${formatVietnamInstant(ms).slice(11, 16)} ${formatVietnameseDate(vietnamCivilDate(ms))}`;
}
