import { safeNext } from '../../../client/web/login-routes';
import { timeLeftText } from '../../../client/web/time-left-text';

describe('what the submission page says of the time left', () => {
  // A deadline of 24:00 on Friday 30/05/2025: the last day on time is the 30th.
  const lastDay = '2025-05-30';
  const dueAt = '2025-05-31T00:00:00+07:00';
  const at = (iso: string) => Date.parse(iso);

  it('counts civil days in Vietnam up to the last day, then the days late', () => {
    expect(timeLeftText(lastDay, dueAt, at('2025-05-27T23:30:00+07:00'))).toBe('còn 3 ngày');
    expect(timeLeftText(lastDay, dueAt, at('2025-05-29T00:10:00+07:00'))).toBe('còn 1 ngày');
    expect(timeLeftText(lastDay, dueAt, at('2025-05-30T16:00:00+07:00'))).toBe('hôm nay là hạn cuối');
    expect(timeLeftText(lastDay, dueAt, at('2025-05-31T00:00:00+07:00'))).toBe('đã quá hạn 1 ngày');
    expect(timeLeftText(lastDay, dueAt, at('2025-06-01T09:00:00+07:00'))).toBe('đã quá hạn 2 ngày');
  });
});

describe('where the sign-in sends a person back to', () => {
  it('follows only a path of this site', () => {
    expect(safeNext('/theo-doi/125%2FKH-UBND/so-ket?level=0')).toBe('/theo-doi/125%2FKH-UBND/so-ket?level=0');
    expect(safeNext('//evil.example/theo-doi')).toBe('/theo-doi');
    expect(safeNext('/\\evil.example')).toBe('/theo-doi');
    expect(safeNext('https://evil.example')).toBe('/theo-doi');
    expect(safeNext(undefined)).toBe('/theo-doi');
  });
});
