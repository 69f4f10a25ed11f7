import { parseInstant, vietnamCivilDate, type CivilDate, type InstantIso } from '../civil-time';

/**
 * Where a report stands for a leader at a given moment: the stored status of the read model, read against `now`. A
 * report still waiting is `open` before its deadline and `overdue` from it on (the projection is only rewritten when
 * something happens, so its own `overdue` may lag); a report submitted while the obligation is still running counts
 * as `on-time` or `late` by its submission time, as it will once the obligation closes.
 */
export const ComplianceStatus = {
  onTime: 'on-time',
  late: 'late',
  missing: 'missing',
  overdue: 'overdue',
  open: 'open',
  exempt: 'exempt',
  cancelled: 'cancelled',
} as const;
export type ComplianceStatus = (typeof ComplianceStatus)[keyof typeof ComplianceStatus];

/** What leaders read in tables, exports and the dashboard. */
export const COMPLIANCE_STATUS_LABELS: Readonly<Record<ComplianceStatus, string>> = {
  'on-time': 'Đúng hạn',
  late: 'Trễ hạn',
  missing: 'Chưa nộp',
  overdue: 'Quá hạn',
  open: 'Trong hạn',
  exempt: 'Được miễn',
  cancelled: 'Đã huỷ',
};

/** Worst first: the colour of a matrix cell that holds several reports is its worst one's. */
const SEVERITY: readonly ComplianceStatus[] = ['missing', 'overdue', 'late', 'open', 'on-time', 'exempt', 'cancelled'];

/** The worst of several statuses (one unit's reports for one milestone); throws on an empty list. */
export function worstStatus(statuses: readonly ComplianceStatus[]): ComplianceStatus {
  const worst = SEVERITY.find((status) => statuses.includes(status));
  if (!worst) throw new Error('worstStatus: no status');
  return worst;
}

/**
 * The last civil day on time of a deadline instant. Deadlines are stored as 24:00 of their last day (Bộ luật Dân sự
 * 2015 Điều 148 khoản 6), i.e. 00:00 of the next day, so the day people must read is the one just before the instant.
 */
export function lastDayOf(dueAt: InstantIso): CivilDate {
  return vietnamCivilDate(parseInstant(dueAt) - 1);
}

/**
 * How many days after its last day a report came (`at` its submission) or, still missing, has been waited for (`at`
 * now): counted in civil days in Vietnam, so anything on the day after the last day is 1 day late. 0 when on time.
 */
export function daysLate(dueAt: InstantIso, at: InstantIso): number {
  if (parseInstant(at) < parseInstant(dueAt)) return 0;
  return Math.max(1, civilDayNumber(vietnamCivilDate(parseInstant(at))) - civilDayNumber(lastDayOf(dueAt)));
}

function civilDayNumber(date: CivilDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}
