import { type CivilDate, formatCivilDate } from '../civil-time';
import { addCalendarDays, calendarDaysBetween } from './deadline-arithmetic';
import { LUNAR_CALENDAR_RANGE, lunarToSolar } from './lunar-calendar';
import {
  compensatoryDays,
  HOLIDAY_NAMES,
  type HolidayChoices,
  type HolidayKind,
  isWeekend,
  statutoryHolidays,
  weekdayName,
} from './statutory-holidays';
import {
  type AnnouncedDaysOff,
  CalendarDataError,
  type CalendarIssue,
  type WorkingCalendar,
  type YearAnnouncement,
} from './working-calendar';

/** An announced span longer than this is a typo (the longest break announced in 2021–2026 was 9 days, for Tết). */
const MAX_SPAN_DAYS = 16;
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(date: string): boolean {
  if (!DATE_SHAPE.test(date)) return false;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

function choicesOf(announcement: YearAnnouncement): HolidayChoices {
  const tet = announcement.holidays?.tetAmLich;
  return {
    tetAmLich: tet ? { from: tet.from, to: tet.to } : undefined,
    quocKhanhAdjacentDay: announcement.holidays?.quocKhanhAdjacentDay?.date,
  };
}

function inSpan(date: CivilDate, span: { from: CivilDate; to: CivilDate }): boolean {
  return span.from <= date && date <= span.to;
}

/**
 * Checks one year's announcement against the calendar and the law, returning every problem found (empty when the
 * data is sound). Paths name fields as in `YearAnnouncement` (`['daysOff', 1, 'holidays']`); runtime/calendar-files.ts
 * turns them into the file's own field names and line numbers.
 */
export function validateYearAnnouncement(announcement: YearAnnouncement): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  const { year } = announcement;
  const add = (code: CalendarIssue['code'], path: CalendarIssue['path'], message: string) =>
    issues.push({ code, path, message });

  if (!Number.isInteger(year) || year < LUNAR_CALENDAR_RANGE.first || year > LUNAR_CALENDAR_RANGE.last) {
    add(
      'CALENDAR_FIELD_INVALID',
      ['year'],
      `năm ${year} không hợp lệ (phải từ ${LUNAR_CALENDAR_RANGE.first} đến ${LUNAR_CALENDAR_RANGE.last})`,
    );
    return issues;
  }

  // Every date and text field first: later checks rely on them.
  const dates: { path: CalendarIssue['path']; value: string }[] = [];
  const texts: { path: CalendarIssue['path']; value: string | undefined }[] = [];
  const tet = announcement.holidays?.tetAmLich;
  const adjacent = announcement.holidays?.quocKhanhAdjacentDay;
  const provenance = (path: CalendarIssue['path'], p: { document: string; source: string; note?: string }) =>
    texts.push(
      { path: [...path, 'document'], value: p.document },
      { path: [...path, 'source'], value: p.source },
      { path: [...path, 'note'], value: p.note },
    );
  if (tet) {
    dates.push(
      { path: ['holidays', 'tetAmLich', 'from'], value: tet.from },
      { path: ['holidays', 'tetAmLich', 'to'], value: tet.to },
    );
    provenance(['holidays', 'tetAmLich'], tet);
  }
  if (adjacent) {
    dates.push({ path: ['holidays', 'quocKhanhAdjacentDay', 'date'], value: adjacent.date });
    provenance(['holidays', 'quocKhanhAdjacentDay'], adjacent);
  }
  announcement.daysOff.forEach((span, i) => {
    dates.push({ path: ['daysOff', i, 'from'], value: span.from }, { path: ['daysOff', i, 'to'], value: span.to });
    texts.push({ path: ['daysOff', i, 'reason'], value: span.reason });
    provenance(['daysOff', i], span);
  });
  announcement.workingDays.forEach((day, i) => {
    dates.push({ path: ['workingDays', i, 'date'], value: day.date });
    if (day.insteadOf !== undefined) dates.push({ path: ['workingDays', i, 'insteadOf'], value: day.insteadOf });
    texts.push({ path: ['workingDays', i, 'reason'], value: day.reason });
    provenance(['workingDays', i], day);
  });
  for (const { path, value } of dates) {
    if (!isRealDate(value))
      add('CALENDAR_DATE_INVALID', path, `ngày "${value}" không có thật hoặc không đúng dạng YYYY-MM-DD`);
    else if (Number(value.slice(0, 4)) !== year) {
      add(
        'CALENDAR_DATE_OUTSIDE_YEAR',
        path,
        `ngày ${formatCivilDate(value)} không thuộc năm ${year} của tệp (mỗi ngày ghi vào tệp của năm chứa nó)`,
      );
    }
  }
  for (const { path, value } of texts) {
    if (value !== undefined && value.normalize('NFC') !== value) {
      add('CALENDAR_TEXT_NOT_NFC', path, `chữ tiếng Việt phải ở dạng dựng sẵn (NFC): "${value.normalize('NFC')}"`);
    }
  }
  if (issues.length > 0) return issues;

  if (tet) {
    const tetDay = lunarToSolar({ year, month: 1, day: 1 });
    const length = calendarDaysBetween(tet.from, tet.to) + 1;
    if (length !== 5 || !inSpan(tetDay, tet)) {
      add(
        'CALENDAR_TET_DAYS_INVALID',
        ['holidays', 'tetAmLich'],
        `Tết Âm lịch phải là 05 ngày liên tiếp có mùng 1 Tết (${formatCivilDate(tetDay)}) (Điều 112 khoản 1 điểm b ` +
          `Bộ luật Lao động 2019); đang là ${length} ngày ` +
          `từ ${formatCivilDate(tet.from)} đến ${formatCivilDate(tet.to)}`,
      );
    }
  }
  if (adjacent && adjacent.date !== `${year}-09-01` && adjacent.date !== `${year}-09-03`) {
    add(
      'CALENDAR_QUOC_KHANH_DAY_INVALID',
      ['holidays', 'quocKhanhAdjacentDay', 'date'],
      `ngày nghỉ liền kề Quốc khánh phải là 01/09/${year} hoặc 03/09/${year} (Điều 112 khoản 1 điểm đ), ` +
        `không phải ${formatCivilDate(adjacent.date)}`,
    );
  }
  if (issues.length > 0) return issues;

  const holidays = statutoryHolidays(year, choicesOf(announcement));
  const claimedBy = new Map<HolidayKind, number>();
  announcement.daysOff.forEach((span, i) => {
    const length = calendarDaysBetween(span.from, span.to) + 1;
    if (length < 1 || length > MAX_SPAN_DAYS) {
      add(
        'CALENDAR_SPAN_INVALID',
        ['daysOff', i],
        `đợt nghỉ từ ${formatCivilDate(span.from)} đến ${formatCivilDate(span.to)} không hợp lệ ` +
          `(phải từ 1 đến ${MAX_SPAN_DAYS} ngày, "from" không sau "to")`,
      );
      return;
    }
    announcement.daysOff.forEach((other, j) => {
      if (j < i && span.from <= other.to && other.from <= span.to) {
        add('CALENDAR_SPAN_OVERLAP', ['daysOff', i], `đợt nghỉ này trùng với đợt nghỉ thứ ${j + 1} (days_off[${j}])`);
      }
    });
    span.holidays.forEach((kind, k) => {
      const previous = claimedBy.get(kind);
      if (previous !== undefined) {
        add(
          'CALENDAR_SPAN_OVERLAP',
          ['daysOff', i, 'holidays', k],
          `${HOLIDAY_NAMES[kind]} đã thuộc đợt nghỉ days_off[${previous}]`,
        );
      }
      claimedBy.set(kind, i);
      const outside = holidays.filter((h) => h.kind === kind && !inSpan(h.date, span));
      if (outside.length > 0) {
        add(
          'CALENDAR_SPAN_WITHOUT_HOLIDAY',
          ['daysOff', i, 'holidays', k],
          `đợt nghỉ ${formatCivilDate(span.from)}–${formatCivilDate(span.to)} không chứa ngày lễ ` +
            outside.map((h) => `${h.name} ${formatCivilDate(h.date)}`).join(', '),
        );
      }
    });
  });

  const holidayDates = new Set(holidays.map((h) => h.date));
  announcement.workingDays.forEach((day, i) => {
    if (!isWeekend(day.date)) {
      add(
        'CALENDAR_WORKING_DAY_INVALID',
        ['workingDays', i, 'date'],
        `ngày làm bù ${formatCivilDate(day.date)} là ${weekdayInSentence(day.date)}, vốn đã là ngày làm việc; ` +
          'ngày làm bù phải là thứ Bảy hoặc Chủ nhật',
      );
    } else if (holidayDates.has(day.date) || announcement.daysOff.some((span) => inSpan(day.date, span))) {
      add(
        'CALENDAR_WORKING_DAY_INVALID',
        ['workingDays', i, 'date'],
        `ngày làm bù ${formatCivilDate(day.date)} nằm trong một ngày lễ hoặc đợt nghỉ`,
      );
    }
    if (
      day.insteadOf !== undefined &&
      (isWeekend(day.insteadOf) || !announcement.daysOff.some((span) => inSpan(day.insteadOf!, span)))
    ) {
      add(
        'CALENDAR_WORKING_DAY_INVALID',
        ['workingDays', i, 'insteadOf'],
        `ngày được nghỉ hoán đổi ${formatCivilDate(day.insteadOf)} phải là một ngày thường ` +
          'nằm trong một đợt nghỉ của days_off',
      );
    }
  });
  return issues;
}

interface YearDays {
  readonly off: ReadonlyMap<CivilDate, string>;
  readonly working: ReadonlyMap<CivilDate, string>;
}

/** "thứ Bảy" inside a sentence, "Chủ nhật" as it is. */
function weekdayInSentence(date: CivilDate): string {
  return weekdayName(date).replace(/^Thứ/, 'thứ');
}

function spanDayReason(date: CivilDate, span: AnnouncedDaysOff, swappedFor: CivilDate | undefined): string {
  if (isWeekend(date)) return `${weekdayName(date)}, đợt nghỉ ${span.reason}`;
  if (swappedFor) {
    const swap = `làm bù ${weekdayInSentence(swappedFor)} ${formatCivilDate(swappedFor)}`;
    return `nghỉ hoán đổi (${swap}), đợt nghỉ ${span.reason}`;
  }
  return `nghỉ bù, đợt nghỉ ${span.reason}`;
}

/** The days off and làm bù days of one year: the law, with the year's announcement winning where it speaks. */
function yearDays(year: number, announcement: YearAnnouncement | undefined): YearDays {
  const off = new Map<CivilDate, string>();
  const working = new Map<CivilDate, string>();
  const holidays = statutoryHolidays(year, announcement ? choicesOf(announcement) : {});
  const announcedKinds = new Set(announcement?.daysOff.flatMap((span) => span.holidays) ?? []);
  for (const holiday of holidays) if (!announcedKinds.has(holiday.kind)) off.set(holiday.date, holiday.name);
  for (const { date, holiday } of compensatoryDays(holidays)) {
    if (announcedKinds.has(holiday.kind)) continue;
    off.set(
      date,
      `nghỉ bù ${HOLIDAY_NAMES[holiday.kind]} (${formatCivilDate(holiday.date)} là ${weekdayInSentence(holiday.date)}; ` +
        'Điều 111 khoản 3 Bộ luật Lao động 2019)',
    );
  }
  if (!announcement) return { off, working };
  const holidayNames = new Map(holidays.map((h) => [h.date, h.name]));
  const swaps = new Map(announcement.workingDays.flatMap((w) => (w.insteadOf ? [[w.insteadOf, w.date] as const] : [])));
  for (const span of announcement.daysOff) {
    for (let date = span.from; date <= span.to; date = addCalendarDays(date, 1)) {
      off.set(date, holidayNames.get(date) ?? spanDayReason(date, span, swaps.get(date)));
    }
  }
  for (const day of announcement.workingDays) working.set(day.date, day.reason);
  return { off, working };
}

/**
 * Builds the working calendar of state bodies from the yearly announcements (plain data, e.g. from
 * runtime/calendar-files.ts): Saturdays and Sundays off; the statutory holidays of Bộ luật Lao động 2019 Điều 112 with
 * Điều 111 khoản 3 compensation; and, for each announced year, its spans of days off replacing the default rule for
 * the holidays they name, and its làm bù weekend days made working days. Years without an announcement follow the law.
 *
 * Throws `CalendarDataError` on the first problem `validateYearAnnouncement` finds, on a year given twice
 * (CALENDAR_YEAR_DUPLICATE) or on a gap between years (CALENDAR_YEARS_NOT_CONTIGUOUS). Pure and deterministic (no
 * clock, no I/O; years are computed on first use and memoised), so workflows may build and use it.
 */
export function buildWorkingCalendar(years: readonly YearAnnouncement[]): WorkingCalendar {
  const byYear = new Map<number, YearAnnouncement>();
  years.forEach((announcement, i) => {
    if (byYear.has(announcement.year)) {
      throw new CalendarDataError({
        code: 'CALENDAR_YEAR_DUPLICATE',
        path: [i, 'year'],
        message: `năm ${announcement.year} được khai báo hai lần`,
      });
    }
    const [issue] = validateYearAnnouncement(announcement);
    if (issue) throw new CalendarDataError({ ...issue, message: `năm ${announcement.year}: ${issue.message}` });
    byYear.set(announcement.year, announcement);
  });
  const sorted = [...byYear.keys()].sort((a, b) => a - b);
  const first = sorted[0] ?? 0;
  const last = sorted.at(-1) ?? -1;
  if (sorted.length > 0 && last - first + 1 !== sorted.length) {
    const missing = Array.from({ length: last - first + 1 }, (_, i) => first + i).filter((y) => !byYear.has(y));
    throw new CalendarDataError({
      code: 'CALENDAR_YEARS_NOT_CONTIGUOUS',
      path: [],
      message: `thiếu lịch nghỉ của năm ${missing.join(', ')} (giữa ${first} và ${last})`,
    });
  }

  const cache = new Map<number, YearDays>();
  const daysOf = (date: CivilDate): YearDays => {
    addCalendarDays(date, 0); // validates the date
    const year = Number(date.slice(0, 4));
    let days = cache.get(year);
    if (!days) {
      days = yearDays(year, byYear.get(year));
      cache.set(year, days);
    }
    return days;
  };
  return {
    coveredYears: { first, last },
    isWorkingDay(date) {
      const days = daysOf(date);
      if (days.working.has(date)) return true;
      return !days.off.has(date) && !isWeekend(date);
    },
    dayOffReason(date) {
      const days = daysOf(date);
      if (days.working.has(date)) return undefined;
      return days.off.get(date) ?? (isWeekend(date) ? weekdayName(date) : undefined);
    },
    workingDayReason(date) {
      return daysOf(date).working.get(date);
    },
  };
}
