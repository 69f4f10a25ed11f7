import {
  describeDeadline,
  formatVietnameseDate,
  formatVietnameseDateTime,
} from '../../../domain/notify/vietnamese-date';
import { DEFAULT_QUIET_HOURS, parseQuietHours, quietHoursEnd } from '../../../domain/notify/quiet-hours';
import { parseInstant, formatVietnamInstant } from '../../../domain/civil-time';

describe('Vietnamese dates', () => {
  it('writes the weekday as officials do, Sunday as Chủ nhật', () => {
    expect(formatVietnameseDate('2025-05-30')).toBe('thứ Sáu, 30/05/2025');
    expect(formatVietnameseDate('2025-06-01')).toBe('Chủ nhật, 01/06/2025');
    expect(formatVietnameseDate('2021-05-31')).toBe('thứ Hai, 31/05/2021');
  });

  it('reads a deadline at 24:00 as the end of the day before, and keeps an hour inside the day', () => {
    expect(describeDeadline('2025-05-31T00:00:00+07:00')).toMatchObject({
      lastDay: '2025-05-30',
      phrase: 'hết ngày thứ Sáu, 30/05/2025',
    });
    expect(describeDeadline('2025-05-30T10:00:00Z').phrase).toBe('17:00 thứ Sáu, 30/05/2025');
    expect(formatVietnameseDateTime('2025-05-30T23:30:00Z')).toBe('06:30 thứ Bảy, 31/05/2025');
  });
});

describe('quiet hours for Zalo', () => {
  const at = (local: string) => parseInstant(`${local}+07:00`);
  const end = (local: string) => {
    const ms = quietHoursEnd(at(local), DEFAULT_QUIET_HOURS);
    return ms === undefined ? undefined : formatVietnamInstant(ms);
  };
  it('holds messages from 21:00 to 07:00 Vietnam time, across midnight', () => {
    expect(end('2025-05-27T20:59:00')).toBeUndefined();
    expect(end('2025-05-27T21:00:00')).toBe('2025-05-28T07:00:00+07:00');
    expect(end('2025-05-28T03:15:00')).toBe('2025-05-28T07:00:00+07:00');
    expect(end('2025-05-28T07:00:00')).toBeUndefined();
  });
  it('parses a window from configuration, including one that does not wrap', () => {
    expect(parseQuietHours('22:00-06:30')).toEqual({ start: '22:00', end: '06:30' });
    expect(parseQuietHours('25:00-06:00')).toBeUndefined();
    const lunch = parseQuietHours('11:30-13:30')!;
    expect(quietHoursEnd(at('2025-05-27T12:00:00'), lunch)).toBe(at('2025-05-27T13:30:00'));
    expect(quietHoursEnd(at('2025-05-27T14:00:00'), lunch)).toBeUndefined();
  });
});
