import { parseUserDate } from '../../../domain/units/user-date';

describe('parseUserDate', () => {
  it.each([
    ['01/07/2025', '2025-07-01'],
    ['1/7/2025', '2025-07-01'],
    ['31-05-2021', '2021-05-31'],
    ['31.05.2021', '2021-05-31'],
    [' 2025-07-01 ', '2025-07-01'],
    ['29/02/2024', '2024-02-29'],
  ])('reads %s as %s', (text, date) => {
    expect(parseUserDate(text)).toEqual({ date });
  });

  it('refuses a day that does not exist, saying so in Vietnamese', () => {
    expect(parseUserDate('30/02/2025')).toEqual({ error: 'ngày 30/02/2025 không tồn tại' });
    expect(parseUserDate('29/02/2025')).toEqual({ error: 'ngày 29/02/2025 không tồn tại' });
  });

  it('refuses what is not a date, and month-first American dates that would be a wrong day', () => {
    expect(parseUserDate('Quý III/2025')).toEqual({
      error: '"Quý III/2025" không phải là ngày (viết dd/mm/yyyy, ví dụ 01/07/2025)',
    });
    expect(parseUserDate('07/31/2025')).toEqual({ error: 'ngày 07/31/2025 không tồn tại' });
  });
});
