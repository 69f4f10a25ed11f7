import {
  formatLunarDate,
  leapMonthOf,
  LunarCalendarError,
  lunarMonthLength,
  lunarToSolar,
  lunarYearName,
  solarToLunar,
  tetDate,
} from '../../../domain/calendar/lunar-calendar';

// Tết Nguyên đán in Vietnam, 1990–2035. Written from published Vietnamese calendars and cross-checked, month by
// month, against an independent VSOP87/ELP ephemeris (astronomy-engine) for UTC+7: the rows are not produced by the
// code under test.
const TET: ReadonlyArray<readonly [number, string]> = [
  [1990, '1990-01-27'], [1991, '1991-02-15'], [1992, '1992-02-04'], [1993, '1993-01-23'], [1994, '1994-02-10'],
  [1995, '1995-01-31'], [1996, '1996-02-19'], [1997, '1997-02-07'], [1998, '1998-01-28'], [1999, '1999-02-16'],
  [2000, '2000-02-05'], [2001, '2001-01-24'], [2002, '2002-02-12'], [2003, '2003-02-01'], [2004, '2004-01-22'],
  [2005, '2005-02-09'], [2006, '2006-01-29'], [2007, '2007-02-17'], [2008, '2008-02-07'], [2009, '2009-01-26'],
  [2010, '2010-02-14'], [2011, '2011-02-03'], [2012, '2012-01-23'], [2013, '2013-02-10'], [2014, '2014-01-31'],
  [2015, '2015-02-19'], [2016, '2016-02-08'], [2017, '2017-01-28'], [2018, '2018-02-16'], [2019, '2019-02-05'],
  [2020, '2020-01-25'], [2021, '2021-02-12'], [2022, '2022-02-01'], [2023, '2023-01-22'], [2024, '2024-02-10'],
  [2025, '2025-01-29'], [2026, '2026-02-17'], [2027, '2027-02-06'], [2028, '2028-01-26'], [2029, '2029-02-13'],
  [2030, '2030-02-02'], [2031, '2031-01-23'], [2032, '2032-02-11'], [2033, '2033-01-31'], [2034, '2034-02-19'],
  [2035, '2035-02-08'],
]; // prettier-ignore

describe('the Vietnamese lunar calendar (UTC+7)', () => {
  it.each(TET)('puts Tết %i on %s', (year, date) => {
    expect(tetDate(year)).toBe(date);
    expect(solarToLunar(date)).toEqual({ year, month: 1, day: 1, leap: false });
  });

  it('differs from the Chinese calendar (UTC+8) where the new moon or the solar terms fall near midnight', () => {
    // Vietnam / China: 1968 29/01 vs 30/01 (Tết Mậu Thân), 1985 21/01 vs 20/02 (Vietnam's leap month 2 of Ất Sửu
    // against China's leap month 10 of 1984), 2007 17/02 vs 18/02, 2030 02/02 vs 03/02.
    expect(tetDate(1968)).toBe('1968-01-29');
    expect(tetDate(1985)).toBe('1985-01-21');
    expect(leapMonthOf(1985)).toBe(2);
    expect(tetDate(2007)).toBe('2007-02-17');
    expect(tetDate(2030)).toBe('2030-02-02');
  });

  it.each([
    [2021, '2021-04-21'],
    [2022, '2022-04-10'],
    [2023, '2023-04-29'],
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('puts Giỗ Tổ Hùng Vương (10/3 âm lịch) %i on %s', (year, date) => {
    expect(lunarToSolar({ year, month: 3, day: 10 })).toBe(date);
    expect(solarToLunar(date)).toEqual({ year, month: 3, day: 10, leap: false });
  });

  it('places leap months where Vietnamese calendars print them', () => {
    expect(leapMonthOf(2020)).toBe(4);
    expect(lunarToSolar({ year: 2020, month: 4, day: 1, leap: true })).toBe('2020-05-23');
    expect(leapMonthOf(2023)).toBe(2);
    expect(lunarToSolar({ year: 2023, month: 2, day: 1, leap: true })).toBe('2023-03-22');
    expect(leapMonthOf(2025)).toBe(6);
    expect(lunarToSolar({ year: 2025, month: 6, day: 1, leap: true })).toBe('2025-07-25');
    expect(solarToLunar('2025-08-01')).toEqual({ year: 2025, month: 6, day: 8, leap: true });
    expect(leapMonthOf(2024)).toBeUndefined();
    // 2033: the leap month falls after month 11 (tháng 11 nhuận), the case that trips simpler rules.
    expect(leapMonthOf(2033)).toBe(11);
    expect(lunarToSolar({ year: 2033, month: 11, day: 1, leap: true })).toBe('2033-12-22');
  });

  it('knows which years end in a 29-day month (no "30 Tết")', () => {
    expect(lunarMonthLength({ year: 2024, month: 12 })).toBe(29); // Tết Ất Tỵ 2025: 28/01 is 29 tháng Chạp
    expect(solarToLunar('2025-01-28')).toEqual({ year: 2024, month: 12, day: 29, leap: false });
    expect(lunarMonthLength({ year: 2023, month: 12 })).toBe(30); // 09/02/2024 is 30 tháng Chạp Quý Mão
    expect(solarToLunar('2024-02-09')).toEqual({ year: 2023, month: 12, day: 30, leap: false });
  });

  it('converts every day of 2020–2027 to the lunar calendar and back', () => {
    let previous = solarToLunar('2019-12-31');
    for (let ms = Date.UTC(2020, 0, 1); ms <= Date.UTC(2027, 11, 31); ms += 86_400_000) {
      const date = new Date(ms).toISOString().slice(0, 10);
      const lunar = solarToLunar(date);
      expect(lunarToSolar(lunar)).toBe(date);
      // consecutive days: the next lunar day, or day 1 after day 29 or 30
      if (lunar.day === 1) expect([29, 30]).toContain(previous.day);
      else expect(lunar.day).toBe(previous.day + 1);
      previous = lunar;
    }
  });

  it('names lunar years and formats lunar dates in Vietnamese', () => {
    expect(lunarYearName(2024)).toBe('Giáp Thìn');
    expect(lunarYearName(2025)).toBe('Ất Tỵ');
    expect(lunarYearName(2026)).toBe('Bính Ngọ');
    expect(lunarYearName(1985)).toBe('Ất Sửu');
    expect(formatLunarDate(solarToLunar('2025-04-07'))).toBe('10/3 âm lịch năm Ất Tỵ');
    expect(formatLunarDate(solarToLunar('2025-08-01'))).toBe('8/6 nhuận âm lịch năm Ất Tỵ');
  });

  it('refuses dates that do not exist and years outside 1968–2100', () => {
    expect(() => lunarToSolar({ year: 2024, month: 4, day: 1, leap: true })).toThrow(
      'LUNAR_DATE_INVALID: ngày 1 tháng 4 nhuận năm 2024 âm lịch không tồn tại',
    );
    expect(() => lunarToSolar({ year: 2024, month: 12, day: 30 })).toThrow('tháng đó chỉ có 29 ngày');
    expect(() => lunarToSolar({ year: 2024, month: 13, day: 1 })).toThrow(LunarCalendarError);
    expect(() => solarToLunar('1967-06-01')).toThrow('LUNAR_DATE_OUT_OF_RANGE');
    expect(() => solarToLunar('2025-02-30')).toThrow('LUNAR_DATE_INVALID');
  });
});
