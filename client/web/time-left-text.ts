import {
  formatVietnamInstant,
  parseInstant,
  vietnamCivilDate,
  type CivilDate,
  type InstantIso,
} from '../../domain/civil-time';
import { daysLate } from '../../domain/obligation/compliance-status';

function dayNumber(date: CivilDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

/**
 * The time left as a unit reads it, in civil days in Vietnam: "còn 3 ngày" until the last day, "hôm nay là hạn
 * cuối" on it, "đã quá hạn 2 ngày" after it (days counted as the dashboard counts them: the day after the last day
 * is 1 day late). `lastDay` is the last day on time, `dueAt` the instant the deadline passes (24:00 of it).
 */
export function timeLeftText(lastDay: CivilDate, dueAt: InstantIso, nowMs: number): string {
  if (nowMs >= parseInstant(dueAt)) return `đã quá hạn ${daysLate(dueAt, formatVietnamInstant(nowMs))} ngày`;
  const days = dayNumber(lastDay) - dayNumber(vietnamCivilDate(nowMs));
  return days <= 0 ? 'hôm nay là hạn cuối' : `còn ${days} ngày`;
}
