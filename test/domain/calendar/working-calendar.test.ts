import { addCalendarDays } from '../../../domain/calendar/deadline-arithmetic';
import { isWeekend } from '../../../domain/calendar/statutory-holidays';
import {
  CalendarDataError,
  type WorkingCalendar,
  type YearAnnouncement,
} from '../../../domain/calendar/working-calendar';
import { buildWorkingCalendar, validateYearAnnouncement } from '../../../domain/calendar/working-calendar-builder';
import { loadCalendarFiles } from '../../../runtime/calendar-files';

// What civil servants actually had off on weekdays, and the Saturdays they worked, as announced (see the document of
// each entry in config/calendar/<year>.yaml). Written by hand from the announcements, not from the files.
const ANNOUNCED: Record<number, { weekdaysOff: string[]; workingWeekendDays: string[] }> = {
  2021: {
    weekdaysOff: ['01-01', '02-10', '02-11', '02-12', '02-15', '02-16', '04-21', '04-30', '05-03', '09-02', '09-03'],
    workingWeekendDays: [],
  },
  2022: {
    weekdaysOff: ['01-03', '01-31', '02-01', '02-02', '02-03', '02-04', '04-11', '05-02', '05-03', '09-01', '09-02'],
    workingWeekendDays: [],
  },
  2023: {
    weekdaysOff: ['01-02', '01-20', '01-23', '01-24', '01-25', '01-26', '05-01', '05-02', '05-03', '09-01', '09-04'],
    workingWeekendDays: [],
  },
  2024: {
    weekdaysOff: [
      ...['01-01', '02-08', '02-09', '02-12', '02-13', '02-14', '04-18', '04-29', '04-30', '05-01', '09-02', '09-03'],
    ],
    workingWeekendDays: ['05-04'],
  },
  2025: {
    weekdaysOff: [
      '01-01',
      '01-27',
      '01-28',
      '01-29',
      '01-30',
      '01-31',
      '04-07',
      '04-30',
      '05-01',
      '05-02',
      '09-01',
      '09-02',
    ],
    workingWeekendDays: ['04-26'],
  },
  2026: {
    weekdaysOff: [
      ...['01-01', '01-02', '02-16', '02-17', '02-18', '02-19', '02-20', '04-27', '04-30', '05-01', '08-31', '09-01'],
      '09-02',
    ],
    workingWeekendDays: ['01-10', '08-22'],
  },
};

function daysOfYear(year: number): string[] {
  const days: string[] = [];
  for (let date = `${year}-01-01`; date <= `${year}-12-31`; date = addCalendarDays(date, 1)) days.push(date);
  return days;
}

function offRun(cal: WorkingCalendar, from: string, to: string): boolean {
  return daysOfYear(Number(from.slice(0, 4))).every((d) => d < from || d > to || !cal.isWorkingDay(d));
}

describe('the working calendar built from the shipped announcements 2021–2026', () => {
  let announcements: YearAnnouncement[];
  let cal: WorkingCalendar;
  beforeAll(async () => {
    announcements = await loadCalendarFiles();
    cal = buildWorkingCalendar(announcements);
  });

  it('covers 2021–2026', () => {
    expect(announcements.map((a) => a.year)).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
    expect(cal.coveredYears).toEqual({ first: 2021, last: 2026 });
  });

  it.each(Object.keys(ANNOUNCED).map(Number))('gives civil servants exactly the announced days off in %i', (year) => {
    const days = daysOfYear(year);
    const weekdaysOff = days.filter((d) => !isWeekend(d) && !cal.isWorkingDay(d)).map((d) => d.slice(5));
    const workingWeekendDays = days.filter((d) => isWeekend(d) && cal.isWorkingDay(d)).map((d) => d.slice(5));
    expect({ weekdaysOff, workingWeekendDays }).toEqual(ANNOUNCED[year]);
  });

  it('agrees with every span and làm bù day written in the files', () => {
    for (const announcement of announcements) {
      for (const span of announcement.daysOff) {
        expect(offRun(cal, span.from, span.to)).toBe(true);
        expect(cal.isWorkingDay(addCalendarDays(span.from, -1)) || isWeekend(addCalendarDays(span.from, -1))).toBe(
          true,
        );
      }
      for (const day of announcement.workingDays) expect(cal.isWorkingDay(day.date)).toBe(true);
    }
  });

  it('closes 25/01–02/02/2025 for Tết Ất Tỵ (9 days, weekends included) and opens on both sides', () => {
    expect(offRun(cal, '2025-01-25', '2025-02-02')).toBe(true);
    expect(cal.isWorkingDay('2025-01-24')).toBe(true);
    expect(cal.isWorkingDay('2025-02-03')).toBe(true);
    expect(cal.dayOffReason('2025-01-29')).toBe('Tết Âm lịch (mùng 1 Tết Ất Tỵ)');
    expect(cal.dayOffReason('2025-01-25')).toBe('Thứ Bảy, đợt nghỉ Tết Nguyên đán Ất Tỵ');
  });

  it('closes 30/08–02/09/2025 for Quốc khánh', () => {
    expect(offRun(cal, '2025-08-30', '2025-09-02')).toBe(true);
    expect(cal.isWorkingDay('2025-08-29')).toBe(true);
    expect(cal.isWorkingDay('2025-09-03')).toBe(true);
    expect(cal.dayOffReason('2025-08-31')).toBe('Chủ nhật, đợt nghỉ Quốc khánh');
    expect(cal.dayOffReason('2025-09-01')).toBe('Quốc khánh (ngày liền kề 01/9)');
  });

  it('makes a swapped Saturday a working day and gives its weekday off', () => {
    expect(cal.isWorkingDay('2025-04-26')).toBe(true);
    expect(cal.dayOffReason('2025-04-26')).toBeUndefined();
    expect(cal.workingDayReason('2025-04-26')).toBe('Làm bù cho thứ Sáu 02/05/2025 (hoán đổi dịp 30/4 – 01/5)');
    expect(cal.dayOffReason('2025-05-02')).toBe(
      'nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025), đợt nghỉ Ngày Chiến thắng và Ngày Quốc tế lao động',
    );
    expect(cal.isWorkingDay('2026-08-22')).toBe(true);
    expect(cal.isWorkingDay('2026-08-31')).toBe(false);
  });

  it('lets an announced span win over the default rule: no Điều 111 compensation on 15/02/2024', () => {
    // By the default rule Tết 2024 would be 09–13/02 with Sat 10 and Sun 11 compensated on 14 and 15/02; the
    // announced span is 08–14/02, so 15/02 is a working day.
    expect(buildWorkingCalendar([]).isWorkingDay('2024-02-15')).toBe(false);
    expect(cal.isWorkingDay('2024-02-15')).toBe(true);
    expect(cal.isWorkingDay('2024-02-08')).toBe(false);
  });

  it('follows the law alone after the last announced year', () => {
    // 2027: Tết (06/02, a Saturday) by the default rule 05–09/02; Sat 06 and Sun 07 compensated on 10 and 11/02.
    expect(
      ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'].every((d) => !cal.isWorkingDay(d)),
    ).toBe(true);
    expect(cal.isWorkingDay('2027-02-12')).toBe(true);
    expect(cal.dayOffReason('2027-02-10')).toBe(
      'nghỉ bù Tết Âm lịch (06/02/2027 là thứ Bảy; Điều 111 khoản 3 Bộ luật Lao động 2019)',
    );
  });
});

describe('the law alone (Điều 111–112), without announcements', () => {
  const law = buildWorkingCalendar([]);

  it('compensates 01/01/2022, a Saturday, on Monday 03/01/2022', () => {
    expect(law.isWorkingDay('2022-01-01')).toBe(false);
    expect(law.dayOffReason('2022-01-01')).toBe('Tết Dương lịch');
    expect(law.isWorkingDay('2022-01-03')).toBe(false);
    expect(law.dayOffReason('2022-01-03')).toBe(
      'nghỉ bù Tết Dương lịch (01/01/2022 là thứ Bảy; Điều 111 khoản 3 Bộ luật Lao động 2019)',
    );
    expect(law.isWorkingDay('2022-01-04')).toBe(true);
  });

  it('rests on Saturdays and Sundays and works on other days', () => {
    expect(law.dayOffReason('2025-03-08')).toBe('Thứ Bảy');
    expect(law.dayOffReason('2025-03-09')).toBe('Chủ nhật');
    expect(law.isWorkingDay('2025-03-10')).toBe(true);
    expect(law.dayOffReason('2025-03-10')).toBeUndefined();
    expect(law.coveredYears.first).toBeGreaterThan(law.coveredYears.last);
  });
});

describe('checks on announcement data', () => {
  const provenance = { document: 'Thông báo số 1/TB-BNV', source: 'thử nghiệm' };
  const year2027: YearAnnouncement = {
    year: 2027,
    daysOff: [{ from: '2027-09-02', to: '2027-09-05', holidays: ['quoc-khanh'], reason: 'Quốc khánh', ...provenance }],
    workingDays: [],
  };

  it('accepts a sound year', () => {
    expect(validateYearAnnouncement(year2027)).toEqual([]);
  });

  it('rejects a span that misses the holiday it claims', () => {
    const bad = { ...year2027, daysOff: [{ ...year2027.daysOff[0]!, from: '2027-09-04' }] };
    expect(() => buildWorkingCalendar([bad])).toThrow(
      'CALENDAR_SPAN_WITHOUT_HOLIDAY: năm 2027: đợt nghỉ 04/09/2027–05/09/2027 không chứa ngày lễ Quốc khánh (02/9) 02/09/2027, Quốc khánh (ngày liền kề 03/9) 03/09/2027',
    );
  });

  it('rejects Tết days that are not five consecutive days around mùng 1', () => {
    const bad = { ...year2027, holidays: { tetAmLich: { from: '2027-02-08', to: '2027-02-13', ...provenance } } };
    expect(validateYearAnnouncement(bad)).toEqual([
      expect.objectContaining({ code: 'CALENDAR_TET_DAYS_INVALID', path: ['holidays', 'tetAmLich'] }),
    ]);
  });

  it('rejects a làm bù day that is not a weekend day', () => {
    const bad = { ...year2027, workingDays: [{ date: '2027-09-08', reason: 'làm bù', ...provenance }] };
    expect(validateYearAnnouncement(bad)[0]).toMatchObject({
      code: 'CALENDAR_WORKING_DAY_INVALID',
      message: 'ngày làm bù 08/09/2027 là thứ Tư, vốn đã là ngày làm việc; ngày làm bù phải là thứ Bảy hoặc Chủ nhật',
    });
  });

  it('rejects duplicate years and gaps between years', () => {
    expect(() => buildWorkingCalendar([year2027, year2027])).toThrow('CALENDAR_YEAR_DUPLICATE');
    let error: unknown;
    try {
      buildWorkingCalendar([year2027, { year: 2029, daysOff: [], workingDays: [] }]);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CalendarDataError);
    expect((error as CalendarDataError).message).toBe(
      'CALENDAR_YEARS_NOT_CONTIGUOUS: thiếu lịch nghỉ của năm 2028 (giữa 2027 và 2029)',
    );
  });
});
