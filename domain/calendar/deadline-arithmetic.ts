import { type CivilDate, CivilTimeError, formatCivilDate, type InstantIso, vietnamInstant } from '../civil-time';
import type { WorkingCalendar } from './working-calendar';

/**
 * Date arithmetic for deadlines: calendar days, working days, and the periods of Bộ luật Dân sự 2015 (Civil Code,
 * Law 91/2015/QH13) Điều 147–148. Every function is pure and total over valid civil dates; a malformed date throws
 * `CivilTimeError` (CIVIL_DATE_INVALID). Safe in workflows.
 */

const MS_PER_DAY = 86_400_000;
/** No announcement or rule makes more than a few weeks off in a row; a longer search means corrupt calendar data. */
const MAX_CONSECUTIVE_DAYS_OFF = 60;

function dayNumber(date: CivilDate): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [year, month, day] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])];
  const ms = Date.UTC(year, month - 1, day);
  const probe = new Date(ms);
  if (!match || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new CivilTimeError('CIVIL_DATE_INVALID', `ngày "${date}" không hợp lệ (cần dạng YYYY-MM-DD, ngày có thật)`);
  }
  return ms / MS_PER_DAY;
}

function fromDayNumber(day: number): CivilDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The date `n` calendar days after `date` (before it when `n` is negative). */
export function addCalendarDays(date: CivilDate, n: number): CivilDate {
  if (!Number.isInteger(n)) throw new RangeError(`số ngày phải là số nguyên: ${n}`);
  return fromDayNumber(dayNumber(date) + n);
}

/** Calendar days from `from` to `to`: positive when `to` is later. */
export function calendarDaysBetween(from: CivilDate, to: CivilDate): number {
  return dayNumber(to) - dayNumber(from);
}

function walkToWorkingDay(cal: WorkingCalendar, date: CivilDate, step: 1 | -1): CivilDate {
  let current = date;
  for (let i = 0; i <= MAX_CONSECUTIVE_DAYS_OFF; i++) {
    if (cal.isWorkingDay(current)) return current;
    current = addCalendarDays(current, step);
  }
  throw new RangeError(`không có ngày làm việc nào trong ${MAX_CONSECUTIVE_DAYS_OFF} ngày kể từ ${date}`);
}

/** `date` itself when it is a working day, otherwise the first working day after it. */
export function nextWorkingDayOnOrAfter(cal: WorkingCalendar, date: CivilDate): CivilDate {
  return walkToWorkingDay(cal, date, 1);
}

/** `date` itself when it is a working day, otherwise the last working day before it. */
export function previousWorkingDayOnOrBefore(cal: WorkingCalendar, date: CivilDate): CivilDate {
  return walkToWorkingDay(cal, date, -1);
}

/**
 * The n-th working day after `date` (n > 0), or before it (n < 0: "3 ngày làm việc trước hạn" is
 * `addWorkingDays(cal, deadline, -3)`). `date` itself is never counted, working day or not, just as a period starts
 * the day after its event (BLDS Điều 147). n = 0 gives `nextWorkingDayOnOrAfter(cal, date)`.
 * Inverse of `workingDaysBetween`: `workingDaysBetween(cal, d, addWorkingDays(cal, d, n)) === n`.
 */
export function addWorkingDays(cal: WorkingCalendar, date: CivilDate, n: number): CivilDate {
  if (!Number.isInteger(n)) throw new RangeError(`số ngày làm việc phải là số nguyên: ${n}`);
  if (n === 0) return nextWorkingDayOnOrAfter(cal, date);
  const step = n > 0 ? 1 : -1;
  let current = date;
  for (let counted = 0; counted < Math.abs(n); counted++) {
    current = walkToWorkingDay(cal, addCalendarDays(current, step), step);
  }
  return current;
}

/**
 * How many working-day steps lead from `from` to `to`: the working days d with from < d ≤ to, or, when `to` is
 * earlier, minus the working days d with to ≤ d < from. "Còn 3 ngày làm việc" from today to a deadline is
 * `workingDaysBetween(cal, today, deadline)`; it is the inverse of `addWorkingDays` in both directions.
 */
export function workingDaysBetween(cal: WorkingCalendar, from: CivilDate, to: CivilDate): number {
  const days = calendarDaysBetween(from, to);
  let working = 0;
  if (days >= 0) {
    for (let i = 1; i <= days; i++) if (cal.isWorkingDay(addCalendarDays(from, i))) working++;
    return working;
  }
  for (let i = 0; i < -days; i++) if (cal.isWorkingDay(addCalendarDays(to, i))) working++;
  return -working;
}

/** A period of Bộ luật Dân sự 2015 counted in days, weeks, months or years. */
export interface Period {
  readonly amount: number;
  readonly unit: 'day' | 'week' | 'month' | 'year';
}

/** Where a deadline lands once days off are taken into account. */
export interface WorkingDayDeadline {
  /** The last day of the period (or the date asked about), working day or not. */
  readonly nominalDate: CivilDate;
  /** The day the period actually ends: `nominalDate`, or the next working day after it. */
  readonly date: CivilDate;
  readonly moved: boolean;
  /** The instant the period ends: 24:00 of `date` (BLDS Điều 148 khoản 6), i.e. 00:00 of the day after, +07:00. */
  readonly endsAt: InstantIso;
  /** When moved, why, in Vietnamese, naming the day off and the article. */
  readonly reason: string | undefined;
}

/**
 * Bộ luật Dân sự 2015 Điều 148 khoản 5: when the last day of a period is a weekend day or a holiday, the period ends at
 * the end of the next working day. Khoản 6: a day ends at 24:00. Returns the date itself when it is a working day.
 */
export function deadlineOnWorkingDay(cal: WorkingCalendar, date: CivilDate): WorkingDayDeadline {
  const moved = nextWorkingDayOnOrAfter(cal, date);
  const endsAt = vietnamInstant(addCalendarDays(moved, 1));
  if (moved === date) return { nominalDate: date, date, moved: false, endsAt, reason: undefined };
  return {
    nominalDate: date,
    date: moved,
    moved: true,
    endsAt,
    reason:
      `${formatCivilDate(date)} là ngày nghỉ (${cal.dayOffReason(date) ?? 'ngày nghỉ'}) nên thời hạn kết thúc vào ` +
      `cuối ngày làm việc tiếp theo, ${formatCivilDate(moved)} (Điều 148 khoản 5 Bộ luật Dân sự 2015)`,
  };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The last day of a period that starts with an event on `eventDate`, before moving off days off:
 * - Điều 147 khoản 2–3: the day of the event is not counted; the period starts the day after it;
 * - Điều 148 khoản 1: n days end at the end of the n-th day counted from that day after, i.e. `eventDate + n`;
 * - khoản 2: n weeks end on the corresponding weekday of the last week, `eventDate + 7n`;
 * - khoản 3: n months end on the corresponding day of the last month, or on that month's last day when it has no
 *   such day (a month from 31/01/2023 ends 28/02/2023; from 31/01/2024, 29/02/2024);
 * - khoản 4: n years end on the corresponding day and month of the last year (29/02 with no 29/02 in the last year
 *   ends on 28/02, by the same rule as months).
 * "Corresponding" is read against the event date, as courts and ministries do ("01 tháng kể từ ngày 15/3" ends 15/4).
 */
export function nominalPeriodEnd(eventDate: CivilDate, period: Period): CivilDate {
  const { amount, unit } = period;
  if (!Number.isInteger(amount) || amount < 0) throw new RangeError(`thời hạn phải là số nguyên không âm: ${amount}`);
  if (unit === 'day') return addCalendarDays(eventDate, amount);
  if (unit === 'week') return addCalendarDays(eventDate, 7 * amount);
  dayNumber(eventDate);
  const [year, month, day] = eventDate.split('-').map(Number) as [number, number, number];
  const months = unit === 'month' ? amount : 12 * amount;
  const index = year * 12 + (month - 1) + months;
  const [endYear, endMonth] = [Math.floor(index / 12), (index % 12) + 1];
  const endDay = Math.min(day, daysInMonth(endYear, endMonth));
  return `${String(endYear).padStart(4, '0')}-${String(endMonth).padStart(2, '0')}-${String(endDay).padStart(2, '0')}`;
}

/**
 * When a period that starts with an event on `eventDate` ends (Bộ luật Dân sự 2015 Điều 147–148): the nominal last
 * day by `nominalPeriodEnd`, moved to the next working day when it is a day off (Điều 148 khoản 5), ending at 24:00.
 */
export function periodEnd(cal: WorkingCalendar, eventDate: CivilDate, period: Period): WorkingDayDeadline {
  return deadlineOnWorkingDay(cal, nominalPeriodEnd(eventDate, period));
}
