import {
  compensatoryDays,
  defaultQuocKhanhAdjacentDay,
  defaultTetAmLichDays,
  statutoryHolidays,
} from '../../../domain/calendar/statutory-holidays';

describe('holidays of Bộ luật Lao động 2019 Điều 112', () => {
  it('gives the eleven paid holidays of a year, the lunar ones computed', () => {
    const holidays = statutoryHolidays(2025);
    expect(holidays).toHaveLength(11);
    expect(holidays.map((h) => `${h.date} ${h.kind}`)).toEqual([
      '2025-01-01 tet-duong-lich',
      '2025-01-28 tet-am-lich', // default rule: the last day of the old year (29 tháng Chạp) …
      '2025-01-29 tet-am-lich',
      '2025-01-30 tet-am-lich',
      '2025-01-31 tet-am-lich',
      '2025-02-01 tet-am-lich', // … and the first four days of the new one
      '2025-04-07 gio-to-hung-vuong',
      '2025-04-30 chien-thang',
      '2025-05-01 quoc-te-lao-dong',
      '2025-09-01 quoc-khanh',
      '2025-09-02 quoc-khanh',
    ]);
    expect(holidays[1]!.name).toBe('Tết Âm lịch (29 tháng Chạp năm Giáp Thìn)');
    expect(holidays[2]!.name).toBe('Tết Âm lịch (mùng 1 Tết Ất Tỵ)');
  });

  it('takes the Prime Minister’s choice of Tết days and Quốc khánh day (Điều 112 khoản 3)', () => {
    const holidays = statutoryHolidays(2024, {
      tetAmLich: { from: '2024-02-08', to: '2024-02-12' },
      quocKhanhAdjacentDay: '2024-09-03',
    });
    expect(holidays.filter((h) => h.kind === 'tet-am-lich').map((h) => h.name)).toEqual([
      'Tết Âm lịch (29 tháng Chạp năm Quý Mão)',
      'Tết Âm lịch (30 tháng Chạp năm Quý Mão)',
      'Tết Âm lịch (mùng 1 Tết Giáp Thìn)',
      'Tết Âm lịch (mùng 2 Tết Giáp Thìn)',
      'Tết Âm lịch (mùng 3 Tết Giáp Thìn)',
    ]);
    expect(holidays.filter((h) => h.kind === 'quoc-khanh').map((h) => h.date)).toEqual(['2024-09-02', '2024-09-03']);
  });

  it('defaults the Quốc khánh adjacent day to what the government chose in 2021–2026', () => {
    expect([2021, 2022, 2023, 2024, 2025, 2026].map(defaultQuocKhanhAdjacentDay)).toEqual([
      '2021-09-03',
      '2022-09-01',
      '2023-09-01',
      '2024-09-03',
      '2025-09-01',
      '2026-09-01',
    ]);
  });

  it('defaults the Tết days to the choice of 2022 and 2026 (last day of the old year + first four days)', () => {
    expect(defaultTetAmLichDays(2022)).toEqual({ from: '2022-01-31', to: '2022-02-04' });
    expect(defaultTetAmLichDays(2026)).toEqual({ from: '2026-02-16', to: '2026-02-20' });
  });
});

describe('compensatory days off (Điều 111 khoản 3)', () => {
  it('moves a Saturday or Sunday holiday to the next working day', () => {
    const days = compensatoryDays(statutoryHolidays(2022, { quocKhanhAdjacentDay: '2022-09-01' }));
    expect(days.map((d) => `${d.holiday.date}→${d.date}`)).toEqual([
      '2022-01-01→2022-01-03', // Tết Dương lịch on Saturday → Monday
      '2022-04-10→2022-04-11', // Giỗ Tổ on Sunday → Monday
      '2022-04-30→2022-05-02', // 30/4 Saturday, 01/5 Sunday → Monday and Tuesday
      '2022-05-01→2022-05-03',
    ]);
  });

  it('skips days that are holidays themselves and stacks compensations in date order', () => {
    // 2023: Giỗ Tổ Sat 29/4, 30/4 Sunday, 01/5 Monday (a holiday) → Tuesday 02/5 and Wednesday 03/5.
    const days = compensatoryDays(statutoryHolidays(2023)).filter((d) => d.date.startsWith('2023-05'));
    expect(days.map((d) => `${d.holiday.kind}→${d.date}`)).toEqual([
      'gio-to-hung-vuong→2023-05-02',
      'chien-thang→2023-05-03',
    ]);
  });
});
