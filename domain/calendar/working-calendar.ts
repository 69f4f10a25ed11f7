import type { CivilDate } from '../civil-time';
import type { HolidayKind } from './statutory-holidays';

/**
 * The contract every deadline computation uses: which civil dates are working days for state bodies in Vietnam.
 * Built from the law (weekends, Bộ luật Lao động 2019 Điều 111–112, lunar holidays) plus the days the government
 * announces each year (config/calendar/<year>.yaml), by `buildWorkingCalendar` in ./working-calendar-builder.ts.
 * Pure data and functions: importable from workflows.
 */
export interface WorkingCalendar {
  /**
   * The first and last year the calendar knows the announcements of; outside them only the law applies (weekends,
   * statutory holidays by the default rule, Điều 111 compensation). A calendar built without announcements has
   * `first > last`.
   */
  readonly coveredYears: { first: number; last: number };
  isWorkingDay(date: CivilDate): boolean;
  /** Why a date is a day off, in Vietnamese ("Thứ Bảy", "Tết Âm lịch", "nghỉ bù Quốc khánh"), or undefined. */
  dayOffReason(date: CivilDate): string | undefined;
  /** Why a weekend date is a working day (a làm bù Saturday), or undefined. */
  workingDayReason(date: CivilDate): string | undefined;
}

/**
 * Where an entry of a yearly announcement comes from. `document` is the legal basis (the Thông báo, the Prime
 * Minister's công văn, or the article of the Labour Code when no announcement was needed); `source` is where the dates
 * were checked, or `UNVERIFIED_SOURCE` when they could not be.
 */
export interface Provenance {
  readonly document: string;
  readonly source: string;
  readonly note?: string;
}

/** The value of `source` for an entry nobody could check against a published text yet. */
export const UNVERIFIED_SOURCE = 'chưa xác minh';

/** A span of consecutive days off that the government announced (weekends and compensatory days included). */
export interface AnnouncedDaysOff extends Provenance {
  readonly from: CivilDate;
  readonly to: CivilDate;
  /** The statutory holidays the span is for; the span replaces the default rule for them. May be empty (a swap). */
  readonly holidays: readonly HolidayKind[];
  /** Vietnamese, e.g. "Nghỉ Tết Nguyên đán Giáp Thìn". */
  readonly reason: string;
}

/** A weekend day made a working day (làm bù), usually in exchange for a weekday inside a span of days off. */
export interface AnnouncedWorkingDay extends Provenance {
  readonly date: CivilDate;
  /** The weekday given off in exchange (hoán đổi), if any. */
  readonly insteadOf?: CivilDate;
  readonly reason: string;
}

/**
 * What the government decided for one year, for civil servants (cán bộ, công chức, viên chức) of bodies that rest on
 * Saturday and Sunday: plain data, read from config/calendar/<year>.yaml by runtime/calendar-files.ts.
 */
export interface YearAnnouncement {
  readonly year: number;
  /** The choices Điều 112 khoản 3 leaves to the Prime Minister, when announced. */
  readonly holidays?: {
    readonly tetAmLich?: { readonly from: CivilDate; readonly to: CivilDate } & Provenance;
    readonly quocKhanhAdjacentDay?: { readonly date: CivilDate } & Provenance;
  };
  readonly daysOff: readonly AnnouncedDaysOff[];
  readonly workingDays: readonly AnnouncedWorkingDay[];
}

export const CALENDAR_ERROR_CODES = [
  'CALENDAR_FILE_UNREADABLE',
  'CALENDAR_YAML_INVALID',
  'CALENDAR_FIELD_MISSING',
  'CALENDAR_FIELD_UNKNOWN',
  'CALENDAR_FIELD_INVALID',
  'CALENDAR_TEXT_NOT_NFC',
  'CALENDAR_DATE_INVALID',
  'CALENDAR_DATE_OUTSIDE_YEAR',
  'CALENDAR_YEAR_MISMATCH',
  'CALENDAR_YEAR_DUPLICATE',
  'CALENDAR_YEARS_NOT_CONTIGUOUS',
  'CALENDAR_SPAN_INVALID',
  'CALENDAR_SPAN_OVERLAP',
  'CALENDAR_SPAN_WITHOUT_HOLIDAY',
  'CALENDAR_TET_DAYS_INVALID',
  'CALENDAR_QUOC_KHANH_DAY_INVALID',
  'CALENDAR_WORKING_DAY_INVALID',
] as const;
export type CalendarErrorCode = (typeof CALENDAR_ERROR_CODES)[number];

/** One problem in a year's announcement; `path` names the field as in the data (`['daysOff', 2, 'to']`). */
export interface CalendarIssue {
  readonly code: CalendarErrorCode;
  readonly path: readonly (string | number)[];
  /** Vietnamese, without the code. */
  readonly message: string;
}

/** Thrown when calendar data is wrong; the message starts with the stable code. */
export class CalendarDataError extends Error {
  constructor(readonly issue: CalendarIssue) {
    super(`${issue.code}: ${issue.message}`);
    this.name = 'CalendarDataError';
  }
  get code(): CalendarErrorCode {
    return this.issue.code;
  }
}
