import {
  CivilTimeError,
  formatCivilDate,
  formatVietnamInstant,
  parseInstant,
  vietnamCivilDate,
  vietnamInstant,
} from '../../domain/civil-time';
import { millisecondsUntil } from '../../domain/timers';

describe('civil time in Asia/Ho_Chi_Minh', () => {
  it('places Vietnamese midnight seven hours before UTC midnight', () => {
    expect(new Date(parseInstant(vietnamInstant('2021-07-01'))).toISOString()).toBe('2021-06-30T17:00:00.000Z');
  });

  it('agrees with the time-zone database for every month of the plan period', () => {
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    for (let year = 2021; year <= 2026; year++) {
      for (let month = 1; month <= 12; month++) {
        const date = `${year}-${String(month).padStart(2, '0')}-15`;
        const parts = format.formatToParts(parseInstant(vietnamInstant(date, '08:30')));
        const part = (type: string) => parts.find((p) => p.type === type)?.value;
        expect(`${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`).toBe(
          `${date} 08:30`,
        );
      }
    }
  });

  it('formats instants with the +07:00 offset and civil dates as dd/mm/yyyy', () => {
    expect(formatVietnamInstant(Date.UTC(2025, 4, 31, 10, 0, 0))).toBe('2025-05-31T17:00:00+07:00');
    expect(vietnamCivilDate(Date.UTC(2025, 4, 31, 17, 0, 0))).toBe('2025-06-01');
    expect(formatCivilDate('2025-05-31')).toBe('31/05/2025');
  });

  it('rejects a date that does not exist, in Vietnamese', () => {
    expect(() => vietnamInstant('2023-02-30')).toThrow(
      new CivilTimeError('CIVIL_DATE_INVALID', 'ngày 30/02/2023 không tồn tại'),
    );
    expect(() => vietnamInstant('2024-02-29')).not.toThrow();
    expect(() => vietnamInstant('31/5/2021')).toThrow(/không đúng dạng YYYY-MM-DD/);
    expect(() => vietnamInstant('2021-05-31', '24:00')).toThrow(/giờ "24:00"/);
  });

  it('rejects an instant without an offset, because its meaning depends on the machine', () => {
    expect(() => parseInstant('2025-05-31T17:00:00')).toThrow(/kèm múi giờ/);
    expect(parseInstant('2025-05-31T17:00:00+07:00')).toBe(Date.UTC(2025, 4, 31, 10));
  });

  it('waits until an instant, and not at all for one already past', () => {
    const opensAt = vietnamInstant('2030-07-01');
    expect(millisecondsUntil(opensAt, parseInstant(opensAt) - 5_000)).toBe(5_000);
    expect(millisecondsUntil(opensAt, parseInstant(opensAt) + 5_000)).toBe(0);
  });
});
