import { PhraseError, readTimePhrase, type PhraseContext } from '../../../domain/plan/time-phrases';

const strict: PhraseContext = { deadlineReading: 'strictly-before' };
const read = (phrase: string, context: Partial<PhraseContext> = {}) =>
  readTimePhrase(phrase, { ...strict, ...context });

describe('time phrases of the seed plans', () => {
  it.each([
    ['Quý III/2021', '2021-07-01', '2021-09-30'],
    ['Trong Quý III/2021', '2021-07-01', '2021-09-30'],
    ['Quý III/2023', '2023-07-01', '2023-09-30'],
    ['quý 4 năm 2025', '2025-10-01', '2025-12-31'],
    ['Quý I/2024', '2024-01-01', '2024-03-31'],
    ['tháng 6/2022', '2022-06-01', '2022-06-30'],
    ['dự kiến vào tháng 6/2022', '2022-06-01', '2022-06-30'],
    ['tháng 2/2024', '2024-02-01', '2024-02-29'],
    ['Năm 2025', '2025-01-01', '2025-12-31'],
    ['cuối năm 2023', '2023-12-01', '2023-12-31'],
  ])('"%s" is the window %s – %s', (phrase, start, end) => {
    expect(read(phrase)).toEqual({ kind: 'window', start, end });
  });

  it('reads "trước ngày 31/5/2021" strictly by default, and as "by the end of 31/5" when the plan says so', () => {
    expect(read('trước ngày 31/5/2021')).toEqual({
      kind: 'deadline',
      lastDay: '2021-05-30',
      reading: 'strictly-before',
    });
    expect(read('Báo cáo trước ngày 31/5/2021.', { deadlineReading: 'end-of-day' })).toEqual({
      kind: 'deadline',
      lastDay: '2021-05-31',
      reading: 'end-of-day',
    });
    expect(read('trước ngày 01/01/2024')).toMatchObject({ lastDay: '2023-12-31' });
  });

  it('takes the year of "chậm nhất ngày 20/12" and "dịp 11/6" from the milestone', () => {
    expect(read('chậm nhất ngày 20/12', { year: 2023 })).toEqual({
      kind: 'deadline',
      lastDay: '2023-12-20',
      reading: 'end-of-day',
    });
    expect(read('dịp 11/6', { year: 2022 })).toEqual({ kind: 'day', date: '2022-06-11' });
    expect(read('nhân dịp 11/6/2022')).toEqual({ kind: 'day', date: '2022-06-11' });
    expect(read('cuối năm', { year: 2024 })).toEqual({ kind: 'window', start: '2024-12-01', end: '2024-12-31' });
  });

  it('repeats "hằng năm vào cuối năm" over the years it is given', () => {
    expect(read('hằng năm vào cuối năm', { years: { from: 2023, to: 2025 } })).toEqual({
      kind: 'yearly',
      each: [2023, 2024, 2025].map((year) => ({ kind: 'window', start: `${year}-12-01`, end: `${year}-12-31` })),
    });
  });

  it('accepts decomposed (NFD) Vietnamese as written by some keyboards', () => {
    expect(read('Quý III/2021'.normalize('NFD'))).toEqual(read('Quý III/2021'));
    expect(read('chậm nhất ngày 20/12/2023'.normalize('NFD'))).toMatchObject({ lastDay: '2023-12-20' });
  });

  it.each([
    ['Quý V/2023', 'PLAN_PHRASE_UNREADABLE', /"Quý V\/2023" không đọc được/],
    ['sau Tết', 'PLAN_PHRASE_UNREADABLE', /Các cách viết được hiểu/],
    ['trước ngày 30/2/2023', 'PLAN_DATE_INVALID', /ngày 30\/02\/2023 không tồn tại/],
    ['tháng 13/2023', 'PLAN_DATE_INVALID', /tháng 13 không tồn tại/],
    ['chậm nhất ngày 20/12', 'PLAN_PHRASE_AMBIGUOUS', /không ghi năm/],
    ['hằng năm vào cuối năm', 'PLAN_PHRASE_AMBIGUOUS', /lặp lại hằng năm/],
  ])('rejects "%s" with %s', (phrase, code, message) => {
    let error: unknown;
    try {
      read(phrase);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PhraseError);
    expect((error as PhraseError).code).toBe(code);
    expect((error as PhraseError).message).toMatch(message);
  });
});
