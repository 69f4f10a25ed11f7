import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { fieldPath, PlanErrorCode, PlanFileError, type PlanProblem } from './plan-errors';
import { planFileSchema, type PlanFile } from './plan-schema';

/** Plan files are a few kilobytes; anything far larger is a mistake (or an attack), refused before parsing. */
export const MAX_PLAN_FILE_BYTES = 256 * 1024;

const vietnameseMessages = z.locales.vi();

/**
 * Parses and checks a plan file's text. Throws `PlanFileError` listing every problem with its stable code, field
 * path and line: YAML syntax, unknown or missing keys, wrong types, text not in NFC, duplicate ids, a quota that is
 * not a number. Time phrases are read later, by resolvePlan, which knows the calendar.
 */
export interface ReadPlanFile {
  plan: PlanFile;
  /** The 1-based line of a field, for errors found later (time phrases). */
  lineOf: (path: ReadonlyArray<PropertyKey>) => number | undefined;
}

export function readPlanFile(source: string, file: string): ReadPlanFile {
  if (source.length > MAX_PLAN_FILE_BYTES) {
    throw new PlanFileError(file, [
      {
        code: PlanErrorCode.fieldInvalid,
        field: '',
        message: `tệp quá lớn (${source.length} byte, tối đa ${MAX_PLAN_FILE_BYTES})`,
      },
    ]);
  }
  const raw = CONTROL_CHARACTER.exec(source);
  if (raw) {
    throw new PlanFileError(file, [
      {
        code: PlanErrorCode.textControlCharacter,
        field: '',
        line: source.slice(0, raw.index).split('\n').length,
        message: CONTROL_CHARACTER_MESSAGE,
      },
    ]);
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new PlanFileError(
      file,
      document.errors.map((error) => ({
        code: PlanErrorCode.yamlInvalid,
        field: '',
        line: lineCounter.linePos(error.pos[0]).line,
        message: `YAML không hợp lệ: ${yamlMessage(error.message)}`,
      })),
    );
  }
  const lineOf = (path: ReadonlyArray<PropertyKey>) => locate(document, lineCounter, path);
  const value = toValue(document, file);

  const problems: PlanProblem[] = notNfc(value, []).map((path) => ({
    code: PlanErrorCode.textNotNfc,
    field: fieldPath(path),
    line: lineOf(path),
    message:
      'chữ tiếng Việt ở dạng tổ hợp (NFD); hãy lưu tệp ở dạng Unicode dựng sẵn (NFC), ví dụ bằng "Unikey → chuyển mã"',
  }));
  problems.push(
    ...withControlCharacters(value, []).map((path) => ({
      code: PlanErrorCode.textControlCharacter,
      field: fieldPath(path),
      line: lineOf(path),
      message: CONTROL_CHARACTER_MESSAGE,
    })),
  );
  const parsed = planFileSchema.safeParse(value, { error: vietnameseMessages.localeError });
  // Only the first issues are located: locating 100,000 of them would take seconds for nothing.
  const issues = parsed.success ? [] : parsed.error.issues;
  problems.push(...issues.slice(0, MAX_PROBLEMS).flatMap((issue) => toProblems(issue, value, lineOf)));
  if (parsed.success) problems.push(...duplicateIds(parsed.data, lineOf));
  if (problems.length > 0)
    throw new PlanFileError(file, firstProblems(problems, Math.max(0, issues.length - MAX_PROBLEMS)));
  return { plan: parsed.data!, lineOf };
}

/**
 * Characters no plan text may hold: C0 controls other than tab and line breaks, DEL, and (written as `\\uD800`
 * escapes) lone surrogates. Postgres refuses NUL in text, and the rest corrupt what officers read.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\p{Cs}/u;
const CONTROL_CHARACTER_MESSAGE = 'có ký tự điều khiển (ví dụ NUL) không được phép trong văn bản kế hoạch';

/** At most this many problems are reported: 100,000 wrong items in a generated file need one fix, not a 10 MB answer. */
const MAX_PROBLEMS = 100;

function firstProblems(problems: PlanProblem[], unlocated: number): PlanProblem[] {
  const rest = Math.max(0, problems.length - MAX_PROBLEMS) + unlocated;
  if (rest === 0) return problems;
  return [
    ...problems.slice(0, MAX_PROBLEMS),
    {
      code: PlanErrorCode.fieldInvalid,
      field: '',
      message: `và ${rest} lỗi khác; hãy sửa các lỗi trên rồi kiểm tra lại`,
    },
  ];
}

/** The parser's message, in Vietnamese where it means the file is too deep for it. */
function yamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? '';
  return /call stack/i.test(first) ? 'các khối lồng nhau quá sâu' : first;
}

/**
 * The document as plain values. An alias expanded too many times (the "billion laughs" attack) or nested too deep
 * for the converter throws here rather than in the parser; it is a YAML problem of the file, not a crash.
 */
function toValue(document: Document, file: string): unknown {
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = /alias/i.test(String((error as Error).message))
      ? 'bí danh (alias) YAML được dùng quá nhiều lần'
      : yamlMessage(String((error as Error).message));
    throw new PlanFileError(file, [
      { code: PlanErrorCode.yamlInvalid, field: '', message: `YAML không hợp lệ: ${message}` },
    ]);
  }
}

/** The codes the schema's own checks name (in an issue's `params.planCode`). */
const CUSTOM_CODES: readonly PlanErrorCode[] = [PlanErrorCode.quotaInvalid, PlanErrorCode.periodReversed];

/** Paths of the strings that hold a control character. */
function withControlCharacters(value: unknown, path: PropertyKey[]): PropertyKey[][] {
  if (typeof value === 'string') return CONTROL_CHARACTER.test(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => withControlCharacters(item, [...path, index]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => withControlCharacters(item, [...path, key]));
  }
  return [];
}

function toProblems(
  issue: z.core.$ZodIssue,
  value: unknown,
  lineOf: (path: ReadonlyArray<PropertyKey>) => number | undefined,
): PlanProblem[] {
  const path = issue.path;
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      code: PlanErrorCode.fieldInvalid,
      field: fieldPath([...path, key]),
      line: lineOf([...path, key]),
      message: `trường "${key}" không có trong định dạng kế hoạch (xem plans/README.md)`,
    }));
  }
  if (issue.code === 'invalid_type' && valueAt(value, path) === undefined) {
    return [
      {
        code: PlanErrorCode.fieldMissing,
        field: fieldPath(path),
        line: lineOf(path),
        message: 'thiếu trường bắt buộc',
      },
    ];
  }
  const planCode = issue.code === 'custom' ? (issue.params as { planCode?: string } | undefined)?.planCode : undefined;
  return [
    {
      code: CUSTOM_CODES.find((code) => code === planCode) ?? PlanErrorCode.fieldInvalid,
      field: fieldPath(path),
      line: lineOf(path),
      message: issue.message,
    },
  ];
}

function duplicateIds(plan: PlanFile, lineOf: (path: ReadonlyArray<PropertyKey>) => number | undefined): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const check = (ids: string[], pathOf: (index: number) => PropertyKey[], what: string) => {
    ids.forEach((value, index) => {
      if (ids.indexOf(value) === index) return;
      const path = pathOf(index);
      problems.push({
        code: PlanErrorCode.idDuplicate,
        field: fieldPath(path),
        line: lineOf(path),
        message: `${what} "${value}" bị trùng`,
      });
    });
  };
  check(
    plan.milestones.map((m) => m.id),
    (i) => ['milestones', i, 'id'],
    'mã mốc',
  );
  plan.milestones.forEach((milestone, m) =>
    check(
      milestone.reports.map((r) => r.id),
      (i) => ['milestones', m, 'reports', i, 'id'],
      'mã báo cáo',
    ),
  );
  return problems;
}

function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  return path.reduce<unknown>(
    (node, key) => (node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined),
    value,
  );
}

/** Paths of the strings that are not in NFC. */
function notNfc(value: unknown, path: PropertyKey[]): PropertyKey[][] {
  if (typeof value === 'string') return value === value.normalize('NFC') ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => notNfc(item, [...path, index]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => notNfc(item, [...path, key]));
  }
  return [];
}

/** The 1-based line of the node at `path`, or of its nearest ancestor that exists. */
function locate(document: Document, lineCounter: LineCounter, path: ReadonlyArray<PropertyKey>): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = document.getIn(path.slice(0, length) as unknown[], true) as
      | { range?: [number, number, number] }
      | undefined;
    if (node?.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}
