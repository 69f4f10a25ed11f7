import { CivilTimeError } from '../../../domain/civil-time';
import {
  addCalendarDays,
  addWorkingDays,
  deadlineOnWorkingDay,
  nextWorkingDayOnOrAfter,
  nominalPeriodEnd,
  periodEnd,
  previousWorkingDayOnOrBefore,
  workingDaysBetween,
} from '../../../domain/calendar/deadline-arithmetic';
import type { WorkingCalendar } from '../../../domain/calendar/working-calendar';
import { buildWorkingCalendar } from '../../../domain/calendar/working-calendar-builder';
import { loadCalendarFiles } from '../../../runtime/calendar-files';

let cal: WorkingCalendar;
beforeAll(async () => {
  cal = buildWorkingCalendar(await loadCalendarFiles());
});

describe('calendar and working days', () => {
  it('adds calendar days across months, leap days and years', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(() => addCalendarDays('2025-02-30', 1)).toThrow(CivilTimeError);
  });

  it('finds the nearest working day on either side of Tết Ất Tỵ', () => {
    expect(nextWorkingDayOnOrAfter(cal, '2025-01-27')).toBe('2025-02-03');
    expect(previousWorkingDayOnOrBefore(cal, '2025-01-27')).toBe('2025-01-24');
    expect(nextWorkingDayOnOrAfter(cal, '2025-02-03')).toBe('2025-02-03');
  });

  it('counts a deadline of 3 working days after 24/01/2025 past Tết, to 05/02/2025', () => {
    // 25/01–02/02 are all off; the working days after 24/01 are 03/02, 04/02, 05/02.
    expect(addWorkingDays(cal, '2025-01-24', 3)).toBe('2025-02-05');
    expect(workingDaysBetween(cal, '2025-01-24', '2025-02-05')).toBe(3);
  });

  it('counts backwards for reminders: 3 working days before 05/02/2025 is 24/01/2025', () => {
    expect(addWorkingDays(cal, '2025-02-05', -3)).toBe('2025-01-24');
    expect(workingDaysBetween(cal, '2025-02-05', '2025-01-24')).toBe(-3);
  });

  it('treats a làm bù Saturday as a working day', () => {
    // Fri 25/04/2025 + 1 working day = Sat 26/04 (làm bù); + 2 = Mon 28/04.
    expect(addWorkingDays(cal, '2025-04-25', 1)).toBe('2025-04-26');
    expect(addWorkingDays(cal, '2025-04-25', 2)).toBe('2025-04-28');
  });

  it('is the inverse of workingDaysBetween for every start in 2021–2026 and n in −7…7', () => {
    for (let date = '2021-01-01'; date <= '2026-12-31'; date = addCalendarDays(date, 3)) {
      for (let n = -7; n <= 7; n++) {
        if (n === 0) continue;
        expect(workingDaysBetween(cal, date, addWorkingDays(cal, date, n))).toBe(n);
      }
    }
  });
});

describe('Bộ luật Dân sự 2015 Điều 147–148', () => {
  it('ends a month on the corresponding day, or the last day of a shorter month (Điều 148 khoản 3)', () => {
    expect(nominalPeriodEnd('2023-01-31', { amount: 1, unit: 'month' })).toBe('2023-02-28');
    expect(nominalPeriodEnd('2024-01-31', { amount: 1, unit: 'month' })).toBe('2024-02-29');
    expect(nominalPeriodEnd('2025-03-15', { amount: 1, unit: 'month' })).toBe('2025-04-15');
    expect(nominalPeriodEnd('2025-11-30', { amount: 3, unit: 'month' })).toBe('2026-02-28');
    expect(periodEnd(cal, '2023-01-31', { amount: 1, unit: 'month' })).toMatchObject({
      date: '2023-02-28',
      moved: false,
      endsAt: '2023-03-01T00:00:00+07:00',
    });
    expect(periodEnd(cal, '2024-01-31', { amount: 1, unit: 'month' }).date).toBe('2024-02-29');
  });

  it('starts the period the day after the event (Điều 147) and counts days, weeks and years', () => {
    expect(nominalPeriodEnd('2025-06-02', { amount: 10, unit: 'day' })).toBe('2025-06-12');
    expect(nominalPeriodEnd('2025-08-22', { amount: 2, unit: 'week' })).toBe('2025-09-05');
    expect(nominalPeriodEnd('2024-02-29', { amount: 1, unit: 'year' })).toBe('2025-02-28');
    expect(nominalPeriodEnd('2021-07-01', { amount: 5, unit: 'year' })).toBe('2026-07-01');
  });

  it('moves a deadline on Sunday 31/08/2025, inside the Quốc khánh span, to Wednesday 03/09/2025 (Điều 148 khoản 5)', () => {
    expect(deadlineOnWorkingDay(cal, '2025-08-31')).toEqual({
      nominalDate: '2025-08-31',
      date: '2025-09-03',
      moved: true,
      endsAt: '2025-09-04T00:00:00+07:00',
      reason:
        '31/08/2025 là ngày nghỉ (Chủ nhật, đợt nghỉ Quốc khánh) nên thời hạn kết thúc vào cuối ngày làm việc ' +
        'tiếp theo, 03/09/2025 (Điều 148 khoản 5 Bộ luật Dân sự 2015)',
    });
  });

  it('moves a period ending on a holiday past the whole break', () => {
    // One month from 31/03/2025 ends 30/04/2025, a holiday; 01/05 holiday, 02/05 swapped, 03–04/05 weekend.
    const end = periodEnd(cal, '2025-03-31', { amount: 1, unit: 'month' });
    expect(end).toMatchObject({ nominalDate: '2025-04-30', date: '2025-05-05', moved: true });
    expect(end.reason).toContain('30/04/2025 là ngày nghỉ (Ngày Chiến thắng (30/4))');
    // Ten days from 20/01/2025 end on 30/01/2025, mùng 2 Tết → Monday 03/02/2025.
    expect(periodEnd(cal, '2025-01-20', { amount: 10, unit: 'day' }).date).toBe('2025-02-03');
  });

  it('moves a Saturday deadline to Monday and leaves a working-day deadline where it is', () => {
    expect(deadlineOnWorkingDay(cal, '2025-05-31')).toMatchObject({ date: '2025-06-02', moved: true });
    expect(deadlineOnWorkingDay(cal, '2025-06-02')).toEqual({
      nominalDate: '2025-06-02',
      date: '2025-06-02',
      moved: false,
      endsAt: '2025-06-03T00:00:00+07:00',
      reason: undefined,
    });
  });
});
