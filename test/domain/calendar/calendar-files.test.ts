import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UNVERIFIED_SOURCE } from '../../../domain/calendar/working-calendar';
import { CalendarFileError, loadCalendarFiles, parseCalendarFile } from '../../../runtime/calendar-files';

// A valid 2027 file; each test breaks one line of it. Line numbers are those of this text.
const VALID = [
  'year: 2027', // 1
  'days_off:', // 2
  '  - from: 2027-09-02', // 3
  '    to: 2027-09-05', // 4
  '    holidays: [quoc-khanh]', // 5
  '    reason: Quốc khánh', // 6
  '    document: Thông báo số 1/TB-BNV', // 7
  '    source: thử nghiệm', // 8
  'working_days: []', // 9
];
const FILE = 'config/calendar/2027.yaml';

function parseWith(replace: Record<number, string>): () => unknown {
  const lines = VALID.map((line, i) => replace[i + 1] ?? line);
  return () => parseCalendarFile(lines.join('\n'), FILE);
}

describe('calendar files', () => {
  it('reads the shipped files 2021–2026, every entry citing a document', async () => {
    const years = await loadCalendarFiles();
    expect(years.map((y) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
    const entries = years.flatMap((y) => [...y.daysOff, ...y.workingDays]);
    expect(entries.length).toBeGreaterThan(30);
    for (const entry of entries) {
      expect(entry.document).toMatch(/Thông báo số|Công văn số|Bộ luật Lao động 2019/);
      if (entry.source === UNVERIFIED_SOURCE) expect(entry.note).toBeTruthy();
    }
  });

  it('parses a valid file into plain data', () => {
    expect(parseWith({})()).toEqual({
      year: 2027,
      holidays: undefined,
      daysOff: [
        {
          from: '2027-09-02',
          to: '2027-09-05',
          holidays: ['quoc-khanh'],
          reason: 'Quốc khánh',
          document: 'Thông báo số 1/TB-BNV',
          source: 'thử nghiệm',
        },
      ],
      workingDays: [],
    });
  });

  it('names the file, line and field of a date that does not exist', () => {
    expect(parseWith({ 4: '    to: 2027-02-30' })).toThrow(
      'CALENDAR_DATE_INVALID: ngày "2027-02-30" không có thật hoặc không đúng dạng YYYY-MM-DD ' +
        '(config/calendar/2027.yaml, dòng 4, trường days_off[0].to)',
    );
  });

  it('reports a misspelt field, a missing one and an unknown holiday', () => {
    expect(parseWith({ 7: '    documnet: Thông báo số 1/TB-BNV' })).toThrow(
      'CALENDAR_FIELD_UNKNOWN: trường "documnet" không có trong định dạng lịch nghỉ (xem config/calendar/README.md) ' +
        '(config/calendar/2027.yaml, dòng 7, trường days_off[0].documnet)',
    );
    expect(parseWith({ 8: '' })).toThrow(
      'CALENDAR_FIELD_MISSING: thiếu trường "days_off[0].source" (config/calendar/2027.yaml, dòng 3, trường days_off[0].source)',
    );
    expect(parseWith({ 5: '    holidays: [quoc-khan]' })).toThrow(
      /^CALENDAR_FIELD_INVALID: "quoc-khan" không phải một ngày lễ .* \(config\/calendar\/2027\.yaml, dòng 5, trường days_off\[0\]\.holidays\[0\]\)$/,
    );
  });

  it('checks the data against the law and the lunar calendar', () => {
    expect(parseWith({ 3: '  - from: 2027-09-03' })).toThrow(
      /^CALENDAR_SPAN_WITHOUT_HOLIDAY: đợt nghỉ 03\/09\/2027–05\/09\/2027 không chứa ngày lễ Quốc khánh \(02\/9\) 02\/09\/2027 .*dòng 5, trường days_off\[0\]\.holidays\[0\]\)$/,
    );
    expect(parseWith({ 4: '    to: 2028-01-05' })).toThrow(
      /^CALENDAR_DATE_OUTSIDE_YEAR: .*dòng 4, trường days_off\[0\]\.to\)$/,
    );
    expect(parseWith({ 1: 'year: 2026' })).toThrow(
      'CALENDAR_YEAR_MISMATCH: tệp 2027.yaml phải khai báo year: 2027, không phải 2026 (config/calendar/2027.yaml, dòng 1, trường year)',
    );
  });

  it('rejects Vietnamese text in decomposed form (NFD)', () => {
    expect(parseWith({ 6: `    reason: ${'Quốc khánh'.normalize('NFD')}` })).toThrow(
      /^CALENDAR_TEXT_NOT_NFC: .*dòng 6, trường days_off\[0\]\.reason\)$/,
    );
  });

  it('reports YAML syntax errors with their line', () => {
    let error: unknown;
    try {
      parseWith({ 5: '    holidays: [quoc-khanh' })();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CalendarFileError);
    expect(error).toMatchObject({ code: 'CALENDAR_YAML_INVALID', file: FILE });
    expect((error as CalendarFileError).line).toBeGreaterThanOrEqual(5);
  });

  it('refuses a folder with a missing year', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-calendar-'));
    try {
      await writeFile(path.join(dir, '2027.yaml'), VALID.join('\n'));
      await writeFile(path.join(dir, '2029.yaml'), 'year: 2029\n');
      await expect(loadCalendarFiles(dir)).rejects.toThrow(
        /^CALENDAR_YEARS_NOT_CONTIGUOUS: thiếu lịch nghỉ của năm 2028 \(giữa 2027 và 2029\)/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
