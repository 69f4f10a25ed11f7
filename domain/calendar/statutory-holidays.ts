import type { CivilDate } from '../civil-time';
import { addCalendarDays } from './deadline-arithmetic';
import { lunarToSolar, lunarYearName, solarToLunar } from './lunar-calendar';

/**
 * The public holidays of Bộ luật Lao động 2019 (Labour Code, Law 45/2019/QH14) and the compensatory days off that
 * follow from them. Pure functions of the year: safe in workflows.
 *
 * Điều 112 khoản 1 — paid holidays:
 *  a) Tết Dương lịch: 01 ngày (01/01);
 *  b) Tết Âm lịch: 05 ngày;
 *  c) Ngày Chiến thắng: 01 ngày (30/4);
 *  d) Ngày Quốc tế lao động: 01 ngày (01/5);
 *  đ) Quốc khánh: 02 ngày (02/9 and 01 adjacent day, before or after);
 *  e) Ngày Giỗ Tổ Hùng Vương: 01 ngày (10/3 âm lịch).
 * Điều 112 khoản 3 — each year the Prime Minister fixes which days are the Tết Âm lịch days (b) and the Quốc khánh
 * adjacent day (đ). This module applies a default rule for both and takes the year's decision as an override
 * (config/calendar/<year>.yaml, `holidays:`).
 * Điều 111 khoản 3 — when a holiday falls on the weekly rest day, the worker gets a compensatory day off on the next
 * working day (`compensatoryDays`). State bodies rest on Saturday and Sunday (Quyết định 188/1999/QĐ-TTg, the
 * 40-hour week), which is the weekly rest this project models.
 */

export const HOLIDAY_KINDS = {
  tetDuongLich: 'tet-duong-lich',
  tetAmLich: 'tet-am-lich',
  chienThang: 'chien-thang',
  quocTeLaoDong: 'quoc-te-lao-dong',
  quocKhanh: 'quoc-khanh',
  gioToHungVuong: 'gio-to-hung-vuong',
} as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[keyof typeof HOLIDAY_KINDS];
export const HOLIDAY_KIND_VALUES = Object.values(HOLIDAY_KINDS) as readonly HolidayKind[];

/** Each holiday's name as the law writes it, for messages. */
export const HOLIDAY_NAMES: Readonly<Record<HolidayKind, string>> = {
  'tet-duong-lich': 'Tết Dương lịch',
  'tet-am-lich': 'Tết Âm lịch',
  'chien-thang': 'Ngày Chiến thắng',
  'quoc-te-lao-dong': 'Ngày Quốc tế lao động',
  'quoc-khanh': 'Quốc khánh',
  'gio-to-hung-vuong': 'Giỗ Tổ Hùng Vương',
};

/** One statutory holiday day. */
export interface StatutoryHoliday {
  readonly date: CivilDate;
  readonly kind: HolidayKind;
  /** Vietnamese, e.g. "Tết Âm lịch (mùng 1 Tết Giáp Thìn)", "Quốc khánh (ngày liền kề 03/9)". */
  readonly name: string;
}

/** A compensatory day off (nghỉ bù) under Điều 111 khoản 3. */
export interface CompensatoryDay {
  readonly date: CivilDate;
  /** The holiday that fell on a weekend. */
  readonly holiday: StatutoryHoliday;
}

/** The year's decisions under Điều 112 khoản 3, when they differ from the default rule. */
export interface HolidayChoices {
  /** The five Tết Âm lịch days, as an inclusive range of consecutive civil dates. */
  readonly tetAmLich?: { readonly from: CivilDate; readonly to: CivilDate };
  /** The Quốc khánh day adjacent to 02/9: `YYYY-09-01` or `YYYY-09-03`. */
  readonly quocKhanhAdjacentDay?: CivilDate;
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: CivilDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The weekly rest of state bodies: Saturday and Sunday (Quyết định 188/1999/QĐ-TTg). */
export function isWeekend(date: CivilDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

const WEEKDAY_NAMES = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;

/** "Thứ Bảy", "Chủ nhật", … */
export function weekdayName(date: CivilDate): string {
  return WEEKDAY_NAMES[dayOfWeek(date)]!;
}

/**
 * The default five Tết Âm lịch days of a solar year: the last day of the old lunar year and the first four days of
 * the new one (the choice of 2022 and 2026; other years the Prime Minister chose two days before and three after).
 */
export function defaultTetAmLichDays(year: number): { from: CivilDate; to: CivilDate } {
  const tet = lunarToSolar({ year, month: 1, day: 1 });
  return { from: addCalendarDays(tet, -1), to: addCalendarDays(tet, 3) };
}

/**
 * The default Quốc khánh adjacent day: 03/9 when 02/9 is a Monday or a Thursday (the extra day then joins 02/9 to a
 * weekend: 2021, 2024), otherwise 01/9 (2022, 2023, 2025, 2026) — the choices the government made in 2021–2026.
 */
export function defaultQuocKhanhAdjacentDay(year: number): CivilDate {
  const day = dayOfWeek(`${year}-09-02`);
  return day === 1 || day === 4 ? `${year}-09-03` : `${year}-09-01`;
}

function tetDayName(date: CivilDate): string {
  const lunar = solarToLunar(date);
  return lunar.month === 1
    ? `Tết Âm lịch (mùng ${lunar.day} Tết ${lunarYearName(lunar.year)})`
    : `Tết Âm lịch (${lunar.day} tháng Chạp năm ${lunarYearName(lunar.year)})`;
}

/**
 * The statutory holidays of a solar year under Điều 112 khoản 1, sorted by date, with the year's choices under
 * khoản 3 applied (or the default rule). Throws `LunarCalendarError` outside the lunar calendar's range.
 */
export function statutoryHolidays(year: number, choices: HolidayChoices = {}): StatutoryHoliday[] {
  const tetDays = choices.tetAmLich ?? defaultTetAmLichDays(year);
  const adjacent = choices.quocKhanhAdjacentDay ?? defaultQuocKhanhAdjacentDay(year);
  const gioTo = lunarToSolar({ year, month: 3, day: 10 });
  const holidays: StatutoryHoliday[] = [
    { date: `${year}-01-01`, kind: 'tet-duong-lich', name: 'Tết Dương lịch' },
    { date: gioTo, kind: 'gio-to-hung-vuong', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    { date: `${year}-04-30`, kind: 'chien-thang', name: 'Ngày Chiến thắng (30/4)' },
    { date: `${year}-05-01`, kind: 'quoc-te-lao-dong', name: 'Ngày Quốc tế lao động (01/5)' },
    { date: `${year}-09-02`, kind: 'quoc-khanh', name: 'Quốc khánh (02/9)' },
    { date: adjacent, kind: 'quoc-khanh', name: `Quốc khánh (ngày liền kề ${adjacent.slice(8)}/9)` },
  ];
  for (let date = tetDays.from; date <= tetDays.to; date = addCalendarDays(date, 1)) {
    holidays.push({ date, kind: 'tet-am-lich', name: tetDayName(date) });
  }
  return holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Điều 111 khoản 3: each holiday that falls on a Saturday or Sunday gives a compensatory day off on the next working
 * day — the next Monday–Friday that is neither a holiday nor already someone's compensatory day, taken in date order
 * (so Sat 29/4/2023 Giỗ Tổ and Sun 30/4/2023 give Tue 02/5 and Wed 03/5, Mon 01/5 being a holiday itself).
 */
export function compensatoryDays(holidays: readonly StatutoryHoliday[]): CompensatoryDay[] {
  const taken = new Set(holidays.map((h) => h.date));
  const result: CompensatoryDay[] = [];
  for (const holiday of [...holidays].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    if (!isWeekend(holiday.date)) continue;
    let date = addCalendarDays(holiday.date, 1);
    while (isWeekend(date) || taken.has(date)) date = addCalendarDays(date, 1);
    taken.add(date);
    result.push({ date, holiday });
  }
  return result;
}
