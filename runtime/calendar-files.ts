import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { z } from 'zod';
import { HOLIDAY_KIND_VALUES } from '../domain/calendar/statutory-holidays';
import {
  CalendarDataError,
  type CalendarErrorCode,
  type CalendarIssue,
  type YearAnnouncement,
} from '../domain/calendar/working-calendar';
import { buildWorkingCalendar, validateYearAnnouncement } from '../domain/calendar/working-calendar-builder';
import { PROJECT_ROOT } from './project-root';

/**
 * Reads the yearly announcements of days off (config/calendar/<year>.yaml, format in config/calendar/README.md) into
 * plain `YearAnnouncement` data for `buildWorkingCalendar`. Every problem is a `CalendarFileError` whose message
 * carries a stable code, the file, the line and the field, in Vietnamese:
 * `CALENDAR_DATE_INVALID: ngày "2025-02-30" không có thật … (config/calendar/2025.yaml, dòng 14,
 * trường days_off[0].to)`.
 */

export const CALENDAR_DIR = path.join(PROJECT_ROOT, 'config', 'calendar');

export class CalendarFileError extends Error {
  constructor(
    readonly code: CalendarErrorCode,
    readonly file: string,
    readonly line: number | undefined,
    readonly field: string | undefined,
    detail: string,
  ) {
    const where = [file, line !== undefined ? `dòng ${line}` : undefined, field ? `trường ${field}` : undefined];
    super(`${code}: ${detail} (${where.filter(Boolean).join(', ')})`);
    this.name = 'CalendarFileError';
  }
}

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return DATE_SHAPE.test(value) && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

const date = z.string().superRefine((value, ctx) => {
  if (!isRealDate(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `ngày "${value}" không có thật hoặc không đúng dạng YYYY-MM-DD`,
      params: { code: 'CALENDAR_DATE_INVALID' },
    });
  }
});
const text = z.string().min(1);
const provenance = { document: text, source: text, note: text.optional() };

const fileSchema = z.strictObject({
  year: z.number().int(),
  holidays: z
    .strictObject({
      tet_am_lich: z.strictObject({ from: date, to: date, ...provenance }).optional(),
      quoc_khanh_ngay_lien_ke: z.strictObject({ date, ...provenance }).optional(),
    })
    .optional(),
  days_off: z
    .array(
      z.strictObject({
        from: date,
        to: date,
        holidays: z.array(z.enum(HOLIDAY_KIND_VALUES as [string, ...string[]])).default([]),
        reason: text,
        ...provenance,
      }),
    )
    .default([]),
  working_days: z.array(z.strictObject({ date, instead_of: date.optional(), reason: text, ...provenance })).default([]),
});
type CalendarFile = z.infer<typeof fileSchema>;

const FIELD_NAMES: Readonly<Record<string, string>> = {
  daysOff: 'days_off',
  workingDays: 'working_days',
  insteadOf: 'instead_of',
  tetAmLich: 'tet_am_lich',
  quocKhanhAdjacentDay: 'quoc_khanh_ngay_lien_ke',
};

function fieldName(segments: readonly PropertyKey[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`)).join('');
}

/** The line (1-based) of the deepest node of `segments` that exists in the document: a key's own line when present. */
function lineOf(contents: unknown, segments: readonly PropertyKey[], lines: LineCounter): number | undefined {
  let node = contents as Node | null | undefined;
  let offset = node?.range?.[0];
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'một chuỗi chữ',
  number: 'một số nguyên',
  array: 'một danh sách',
  object: 'một nhóm trường',
};

function valueAt(data: unknown, segments: readonly PropertyKey[]): unknown {
  return segments.reduce<unknown>(
    (value, s) => (value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[s] : undefined),
    data,
  );
}

function toAnnouncement(file: CalendarFile): YearAnnouncement {
  const { tet_am_lich: tet, quoc_khanh_ngay_lien_ke: adjacent } = file.holidays ?? {};
  return {
    year: file.year,
    holidays: file.holidays && {
      tetAmLich: tet,
      quocKhanhAdjacentDay: adjacent,
    },
    daysOff: file.days_off.map((span) => ({
      ...span,
      holidays: span.holidays as YearAnnouncement['daysOff'][number]['holidays'],
    })),
    workingDays: file.working_days.map(({ instead_of, ...day }) => ({ ...day, insteadOf: instead_of })),
  };
}

function rank(issue: { code: CalendarErrorCode }): number {
  return issue.code === 'CALENDAR_FIELD_UNKNOWN' ? 0 : 1;
}

/**
 * Parses and validates the text of one calendar file. `file` names it in messages (a path relative to the project
 * root reads best). Throws `CalendarFileError` for the problem nearest the top of the file.
 */
export function parseCalendarFile(source: string, file: string): YearAnnouncement {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines });
  const syntax = doc.errors[0];
  if (syntax) {
    throw new CalendarFileError(
      'CALENDAR_YAML_INVALID',
      file,
      syntax.linePos?.[0].line,
      undefined,
      `cú pháp YAML sai (${syntax.code}): kiểm tra thụt lề, dấu ngoặc và dấu hai chấm`,
    );
  }
  const raw: unknown = doc.toJS();
  const fail = (issues: { code: CalendarErrorCode; path: readonly PropertyKey[]; message: string }[]): never => {
    const located = issues
      .map((issue) => ({ ...issue, line: lineOf(doc.contents, issue.path, lines) }))
      // A misspelt field also shows up as a missing one: name the misspelling, then go top to bottom.
      .sort((a, b) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0));
    const first = located[0]!;
    throw new CalendarFileError(first.code, file, first.line, fieldName(first.path) || undefined, first.message);
  };

  const parsed = fileSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    fail(
      parsed.error.issues.map((issue) => {
        const field = fieldName(issue.path);
        if (issue.code === 'unrecognized_keys') {
          const key = issue.keys[0]!;
          return {
            code: 'CALENDAR_FIELD_UNKNOWN',
            path: [...issue.path, key],
            message: `trường "${key}" không có trong định dạng lịch nghỉ (xem config/calendar/README.md)`,
          };
        }
        if (issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined) {
          return { code: 'CALENDAR_FIELD_MISSING', path: issue.path, message: `thiếu trường "${field}"` };
        }
        if (issue.code === 'invalid_type') {
          return {
            code: 'CALENDAR_FIELD_INVALID',
            path: issue.path,
            message: `trường "${field}" phải là ${TYPE_NAMES[issue.expected] ?? issue.expected}`,
          };
        }
        if (issue.code === 'invalid_value') {
          return {
            code: 'CALENDAR_FIELD_INVALID',
            path: issue.path,
            message:
              `"${String(valueAt(raw, issue.path))}" không phải một ngày lễ của Điều 112 Bộ luật Lao động; ` +
              `dùng một trong: ${issue.values.join(', ')}`,
          };
        }
        if (issue.code === 'too_small') {
          return { code: 'CALENDAR_FIELD_INVALID', path: issue.path, message: `trường "${field}" không được để trống` };
        }
        if (issue.code === 'custom') {
          const code = (issue.params as { code?: CalendarErrorCode } | undefined)?.code ?? 'CALENDAR_FIELD_INVALID';
          return { code, path: issue.path, message: issue.message };
        }
        return { code: 'CALENDAR_FIELD_INVALID', path: issue.path, message: `trường "${field}" không hợp lệ` };
      }),
    );
  }
  const data = (parsed as { data: CalendarFile }).data;

  const expectedYear = /^(\d{4})\.ya?ml$/.exec(path.basename(file))?.[1];
  if (expectedYear !== undefined && Number(expectedYear) !== data.year) {
    fail([
      {
        code: 'CALENDAR_YEAR_MISMATCH',
        path: ['year'],
        message: `tệp ${path.basename(file)} phải khai báo year: ${expectedYear}, không phải ${data.year}`,
      },
    ]);
  }
  const announcement = toAnnouncement(data);
  const issues = validateYearAnnouncement(announcement);
  if (issues.length > 0) {
    fail(issues.map((issue: CalendarIssue) => ({ ...issue, path: issue.path.map((s) => FIELD_NAMES[s] ?? s) })));
  }
  return announcement;
}

/**
 * Reads every `<year>.yaml` in `dir` (default config/calendar), in year order. Throws `CalendarFileError` for the
 * first bad file, for a YAML file not named after its year, and for a gap between years
 * (CALENDAR_YEARS_NOT_CONTIGUOUS, naming the folder).
 */
export async function loadCalendarFiles(dir: string = CALENDAR_DIR): Promise<YearAnnouncement[]> {
  const display = (name: string) => path.relative(PROJECT_ROOT, path.join(dir, name)) || name;
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch (err) {
    throw new CalendarFileError(
      'CALENDAR_FILE_UNREADABLE',
      display(''),
      undefined,
      undefined,
      `không đọc được thư mục lịch nghỉ: ${(err as Error).message}`,
    );
  }
  const years: YearAnnouncement[] = [];
  for (const name of names) {
    if (!/^\d{4}\.ya?ml$/.test(name)) {
      throw new CalendarFileError(
        'CALENDAR_YEAR_MISMATCH',
        display(name),
        undefined,
        undefined,
        'tên tệp lịch nghỉ phải là <năm>.yaml, ví dụ 2027.yaml',
      );
    }
    years.push(parseCalendarFile(await readFile(path.join(dir, name), 'utf8'), display(name)));
  }
  try {
    buildWorkingCalendar(years);
  } catch (err) {
    if (err instanceof CalendarDataError)
      throw new CalendarFileError(err.code, display(''), undefined, undefined, err.issue.message);
    throw err;
  }
  return years;
}
