import type { CivilDate } from '../civil-time';

/**
 * The Vietnamese lunar calendar (âm lịch), computed astronomically for Vietnam's meridian, UTC+07:00.
 *
 * The rules are those of the traditional Chinese-style calendar that Vietnam uses, applied to Vietnamese civil days:
 * - a lunar month starts on the civil day (UTC+7) that contains a new moon;
 * - month 11 is the month that contains the winter solstice (the sun at apparent longitude 270°);
 * - when 13 new moons start between two months 11, the year has a leap month: the first month after month 11 that
 *   contains no principal solar term (trung khí, the sun at a multiple of 30°) repeats the number of the month before.
 *
 * Because a new moon shortly after 16:00 UT falls on one civil day in Vietnam and the next in China (UTC+8), the two
 * calendars differ in some years: Tết 1985 is 21/01/1985 in Vietnam and 20/02/1985 in China (the solar terms put the
 * leap month elsewhere), Tết 2007 is 17/02/2007 in Vietnam and 18/02/2007 in China.
 *
 * Astronomy: new moons by Jean Meeus, *Astronomical Algorithms* (2nd ed.), chapter 49, with all periodic and
 * planetary terms (error of a few seconds); the sun's apparent longitude by chapter 25's low-accuracy series (0.01°,
 * about a quarter of an hour in time); ΔT (terrestrial minus universal time) by the Espenak–Meeus polynomials.
 * Cross-checked against a VSOP87/ELP ephemeris (astronomy-engine) built with the same rules: every Tết and leap month
 * 1968–2100 agrees, and so does every month's first day but two (16/11/2077 and 19/10/2085 by the ephemeris, whose
 * new moons fall less than a minute after midnight — closer than ΔT can be predicted).
 *
 * Vietnam computed its calendar for UTC+8 until 1967 (the North switched to UTC+7 from 1968), so dates before 1968 are
 * refused rather than silently answered for a calendar nobody used. Pure arithmetic: safe in workflows.
 */

/** A date of the Vietnamese lunar calendar. `year` is the lunar year that starts at Tết of that solar year. */
export interface LunarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** True in a leap month (tháng nhuận), which repeats the number of the month before it. */
  readonly leap: boolean;
}

/** The first and last solar years the lunar calendar answers for. */
export const LUNAR_CALENDAR_RANGE = { first: 1968, last: 2100 } as const;

export class LunarCalendarError extends Error {
  constructor(
    readonly code: 'LUNAR_DATE_OUT_OF_RANGE' | 'LUNAR_DATE_INVALID',
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'LunarCalendarError';
  }
}

const TIME_ZONE_HOURS = 7;
const DEG = Math.PI / 180;

// ---------------------------------------------------------------------------------------------------------------
// Civil dates as Julian day numbers (the integer day whose noon UT is that Julian date).

function parseDate(date: CivilDate): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [year, month, day] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (!match || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new LunarCalendarError('LUNAR_DATE_INVALID', `ngày dương lịch "${date}" không hợp lệ`);
  }
  return { year, month, day };
}

/** Julian day number of a Gregorian civil date (Unix epoch day 0 = JDN 2440588). */
function toJdn(date: CivilDate): number {
  const { year, month, day } = parseDate(date);
  return Date.UTC(year, month - 1, day) / 86_400_000 + 2_440_588;
}

function fromJdn(jdn: number): CivilDate {
  return new Date((jdn - 2_440_588) * 86_400_000).toISOString().slice(0, 10);
}

/** The civil day in Vietnam of an instant given as a Julian date in universal time. */
function vietnamDayOf(jdUt: number): number {
  return Math.floor(jdUt + 0.5 + TIME_ZONE_HOURS / 24);
}

/** Julian date (UT) of the local midnight that starts a civil day in Vietnam. */
function vietnamMidnight(jdn: number): number {
  return jdn - 0.5 - TIME_ZONE_HOURS / 24;
}

// ---------------------------------------------------------------------------------------------------------------
// Astronomy.

/** ΔT = TT − UT in seconds for a decimal year (Espenak & Meeus, NASA's Five Millennium Canon, 1900–2150). */
function deltaTSeconds(year: number): number {
  if (year < 1920) {
    const t = year - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (year < 1941) {
    const t = year - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (year < 1961) {
    const t = year - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (year < 1986) {
    const t = year - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (year < 2005) {
    const t = year - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  }
  if (year < 2050) {
    const t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  const u = (year - 1820) / 100;
  return -20 + 32 * u ** 2 - 0.5628 * (2150 - year);
}

// Meeus ch. 49, table 49.A (new moon column): [coefficient, power of E, multiples of M, M', F, Ω].
const NEW_MOON_TERMS: ReadonlyArray<readonly [number, number, number, number, number, number]> = [
  [-0.4072, 0, 0, 1, 0, 0],
  [0.17241, 1, 1, 0, 0, 0],
  [0.01608, 0, 0, 2, 0, 0],
  [0.01039, 0, 0, 0, 2, 0],
  [0.00739, 1, -1, 1, 0, 0],
  [-0.00514, 1, 1, 1, 0, 0],
  [0.00208, 2, 2, 0, 0, 0],
  [-0.00111, 0, 0, 1, -2, 0],
  [-0.00057, 0, 0, 1, 2, 0],
  [0.00056, 1, 1, 2, 0, 0],
  [-0.00042, 0, 0, 3, 0, 0],
  [0.00042, 1, 1, 0, 2, 0],
  [0.00038, 1, 1, 0, -2, 0],
  [-0.00024, 1, -1, 2, 0, 0],
  [-0.00017, 0, 0, 0, 0, 1],
  [-0.00007, 0, 2, 1, 0, 0],
  [0.00004, 0, 0, 2, -2, 0],
  [0.00004, 0, 3, 0, 0, 0],
  [0.00003, 0, 1, 1, -2, 0],
  [0.00003, 0, 0, 2, 2, 0],
  [-0.00003, 0, 1, 1, 2, 0],
  [0.00003, 0, -1, 1, 2, 0],
  [-0.00002, 0, -1, 1, -2, 0],
  [-0.00002, 0, 1, 3, 0, 0],
  [0.00002, 0, 0, 4, 0, 0],
];

// Meeus ch. 49, the planetary arguments A1…A14: [coefficient, A at k = 0, A per lunation].
const PLANETARY_TERMS: ReadonlyArray<readonly [number, number, number]> = [
  [0.000325, 299.77, 0.107408],
  [0.000165, 251.88, 0.016321],
  [0.000164, 251.83, 26.651886],
  [0.000126, 349.42, 36.412478],
  [0.00011, 84.66, 18.206239],
  [0.000062, 141.74, 53.303771],
  [0.00006, 207.14, 2.453732],
  [0.000056, 154.84, 7.30686],
  [0.000047, 34.52, 27.261239],
  [0.000042, 207.19, 0.121824],
  [0.00004, 291.34, 1.844379],
  [0.000037, 161.72, 24.198154],
  [0.000035, 239.56, 25.513099],
  [0.000023, 331.55, 3.592518],
];

/** Julian date (UT) of new moon number k, counted from the new moon of 6 January 2000 (k = 0). */
function newMoonJdUt(k: number): number {
  const t = k / 1236.85;
  const jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * t ** 2 - 0.00000015 * t ** 3 + 0.00000000073 * t ** 4;
  const e = 1 - 0.002516 * t - 0.0000074 * t ** 2;
  const m = (2.5534 + 29.1053567 * k - 0.0000014 * t ** 2 - 0.00000011 * t ** 3) * DEG;
  const mp = (201.5643 + 385.81693528 * k + 0.0107582 * t ** 2 + 0.00001238 * t ** 3 - 0.000000058 * t ** 4) * DEG;
  const f = (160.7108 + 390.67050284 * k - 0.0016118 * t ** 2 - 0.00000227 * t ** 3 + 0.000000011 * t ** 4) * DEG;
  const omega = (124.7746 - 1.56375588 * k + 0.0020672 * t ** 2 + 0.00000215 * t ** 3) * DEG;
  let correction = 0;
  for (const [coefficient, ePower, cm, cmp, cf, co] of NEW_MOON_TERMS) {
    correction += coefficient * e ** ePower * Math.sin(cm * m + cmp * mp + cf * f + co * omega);
  }
  for (const [index, [coefficient, a0, perLunation]] of PLANETARY_TERMS.entries()) {
    const a = a0 + perLunation * k - (index === 0 ? 0.009173 * t ** 2 : 0);
    correction += coefficient * Math.sin(a * DEG);
  }
  const year = 2000 + k / 12.3685;
  return jde + correction - deltaTSeconds(year) / 86_400;
}

/** The sun's apparent geocentric longitude in degrees [0, 360) at a Julian date in UT (Meeus ch. 25). */
function sunLongitude(jdUt: number): number {
  const year = 2000 + (jdUt - 2451545) / 365.25;
  const t = (jdUt + deltaTSeconds(year) / 86_400 - 2451545) / 36525;
  const l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t ** 2;
  const m = (357.52911 + 35999.05029 * t - 0.0001537 * t ** 2) * DEG;
  const center =
    (1.914602 - 0.004817 * t - 0.000014 * t ** 2) * Math.sin(m) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * m) +
    0.000289 * Math.sin(3 * m);
  const omega = (125.04 - 1934.136 * t) * DEG;
  const apparent = l0 + center - 0.00569 - 0.00478 * Math.sin(omega);
  return ((apparent % 360) + 360) % 360;
}

/** Which 30° sector of the ecliptic (0 = from the March equinox) the sun is in when a Vietnamese civil day begins. */
function sunSectorAtStartOf(jdn: number): number {
  return Math.floor(sunLongitude(vietnamMidnight(jdn)) / 30);
}

/** The civil day (JDN) in Vietnam on which lunar month k starts. */
function monthStart(k: number): number {
  return vietnamDayOf(newMoonJdUt(k));
}

/** The lunation number k of the lunar month that contains a civil day. */
function lunationContaining(jdn: number): number {
  let k = Math.floor((jdn - 2451550.1) / 29.530588853);
  while (monthStart(k + 1) <= jdn) k++;
  while (monthStart(k) > jdn) k--;
  return k;
}

// ---------------------------------------------------------------------------------------------------------------
// The calendar: each "solstice year" runs from one month 11 to the next.

interface LunarMonth {
  readonly start: number;
  readonly length: number;
  readonly year: number;
  readonly month: number;
  readonly leap: boolean;
}

/** The lunation number of month 11 of solar year y: the month whose days include the December solstice. */
function month11Lunation(year: number): number {
  const k = lunationContaining(toJdn(`${year}-12-31`));
  // If the sun has already passed 270° when the month's first day begins, the solstice fell in the month before.
  return sunSectorAtStartOf(monthStart(k)) >= 9 ? k - 1 : k;
}

const solsticeYearCache = new Map<number, readonly LunarMonth[]>();

/** The months from month 11 of solar year `year - 1` up to (not including) month 11 of `year`, numbered. */
function solsticeYear(year: number): readonly LunarMonth[] {
  const cached = solsticeYearCache.get(year);
  if (cached) return cached;
  const first = month11Lunation(year - 1);
  const next = month11Lunation(year);
  const starts = Array.from({ length: next - first + 1 }, (_, i) => monthStart(first + i));
  let leapIndex = -1;
  if (next - first === 13) {
    // The first month after month 11 in which the sun does not enter a new 30° sector.
    for (let i = 1; i < 13 && leapIndex < 0; i++) {
      if (sunSectorAtStartOf(starts[i]!) === sunSectorAtStartOf(starts[i + 1]!)) leapIndex = i;
    }
  }
  const months: LunarMonth[] = [];
  let month = 11;
  let lunarYear = year - 1;
  for (let i = 0; i < next - first; i++) {
    const leap = i === leapIndex;
    if (i > 0 && !leap) {
      month = month === 12 ? 1 : month + 1;
      if (month === 1) lunarYear = year;
    }
    months.push({ start: starts[i]!, length: starts[i + 1]! - starts[i]!, year: lunarYear, month, leap });
  }
  solsticeYearCache.set(year, months);
  return months;
}

function assertInRange(solarYear: number, what: string): void {
  if (solarYear < LUNAR_CALENDAR_RANGE.first || solarYear > LUNAR_CALENDAR_RANGE.last) {
    throw new LunarCalendarError(
      'LUNAR_DATE_OUT_OF_RANGE',
      `${what} nằm ngoài khoảng âm lịch được hỗ trợ (${LUNAR_CALENDAR_RANGE.first}–${LUNAR_CALENDAR_RANGE.last})`,
    );
  }
}

/** The lunar date of a civil date in Vietnam. Throws `LunarCalendarError` outside 1968–2100 or on a bad date. */
export function solarToLunar(date: CivilDate): LunarDate {
  const jdn = toJdn(date);
  const solarYear = Number(date.slice(0, 4));
  assertInRange(solarYear, `ngày ${date}`);
  const months = [...solsticeYear(solarYear), ...solsticeYear(solarYear + 1)];
  const month = months.findLast((m) => m.start <= jdn)!;
  return { year: month.year, month: month.month, day: jdn - month.start + 1, leap: month.leap };
}

/**
 * The civil date of a lunar date. `leap` selects the leap month; asking for a leap month the year does not have, or
 * a day 30 in a 29-day month, throws `LunarCalendarError` (LUNAR_DATE_INVALID).
 */
export function lunarToSolar(lunar: { year: number; month: number; day: number; leap?: boolean }): CivilDate {
  const { year, month, day, leap = false } = lunar;
  assertInRange(year, `năm âm lịch ${year}`);
  const label = `ngày ${day} tháng ${month}${leap ? ' nhuận' : ''} năm ${year} âm lịch`;
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > 30) {
    throw new LunarCalendarError('LUNAR_DATE_INVALID', `${label} không hợp lệ`);
  }
  // Months 1–10 of lunar year Y lie in solstice year Y; months 11 and 12 (and their leap months) in Y + 1.
  const found = [...solsticeYear(year), ...solsticeYear(year + 1)].find(
    (m) => m.year === year && m.month === month && m.leap === leap,
  );
  if (!found)
    throw new LunarCalendarError('LUNAR_DATE_INVALID', `${label} không tồn tại (năm đó không nhuận tháng ${month})`);
  if (day > found.length) {
    throw new LunarCalendarError('LUNAR_DATE_INVALID', `${label} không tồn tại (tháng đó chỉ có ${found.length} ngày)`);
  }
  return fromJdn(found.start + day - 1);
}

/** The leap month of a lunar year (1–12), or undefined when the year has none. */
export function leapMonthOf(lunarYear: number): number | undefined {
  assertInRange(lunarYear, `năm âm lịch ${lunarYear}`);
  return [...solsticeYear(lunarYear), ...solsticeYear(lunarYear + 1)].find((m) => m.year === lunarYear && m.leap)
    ?.month;
}

/** Number of days (29 or 30) of a lunar month. */
export function lunarMonthLength(lunar: { year: number; month: number; leap?: boolean }): number {
  const first = lunarToSolar({ ...lunar, day: 1 });
  return solarToLunar(fromJdn(toJdn(first) + 29)).day === 30 ? 30 : 29;
}

/** Tết Nguyên đán (mùng 1 tháng Giêng) of a lunar year, as a civil date. */
export function tetDate(lunarYear: number): CivilDate {
  return lunarToSolar({ year: lunarYear, month: 1, day: 1 });
}

const CAN = ['Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ', 'Canh', 'Tân', 'Nhâm', 'Quý'] as const;
const CHI = ['Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi', 'Thân', 'Dậu', 'Tuất', 'Hợi'] as const;

/** The sexagenary name of a lunar year in Vietnamese: 2024 → "Giáp Thìn", 2025 → "Ất Tỵ". */
export function lunarYearName(lunarYear: number): string {
  return `${CAN[(((lunarYear + 6) % 10) + 10) % 10]} ${CHI[(((lunarYear + 8) % 12) + 12) % 12]}`;
}

/** Formats a lunar date as Vietnamese officials write it: "10/3 âm lịch năm Ất Tỵ", "15/4 nhuận âm lịch năm …". */
export function formatLunarDate(lunar: LunarDate): string {
  return `${lunar.day}/${lunar.month}${lunar.leap ? ' nhuận' : ''} âm lịch năm ${lunarYearName(lunar.year)}`;
}
