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
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new PlanFileError(
      file,
      document.errors.map((error) => ({
        code: PlanErrorCode.yamlInvalid,
        field: '',
        line: lineCounter.linePos(error.pos[0]).line,
        message: `YAML không hợp lệ: ${error.message.split('\n')[0]}`,
      })),
    );
  }
  const lineOf = (path: ReadonlyArray<PropertyKey>) => locate(document, lineCounter, path);
  const value: unknown = document.toJS();

  const problems: PlanProblem[] = notNfc(value, []).map((path) => ({
    code: PlanErrorCode.textNotNfc,
    field: fieldPath(path),
    line: lineOf(path),
    message:
      'chữ tiếng Việt ở dạng tổ hợp (NFD); hãy lưu tệp ở dạng Unicode dựng sẵn (NFC), ví dụ bằng "Unikey → chuyển mã"',
  }));
  const parsed = planFileSchema.safeParse(value, { error: vietnameseMessages.localeError });
  if (!parsed.success) problems.push(...parsed.error.issues.flatMap((issue) => toProblems(issue, value, lineOf)));
  if (parsed.success) problems.push(...duplicateIds(parsed.data, lineOf));
  if (problems.length > 0) throw new PlanFileError(file, problems);
  return { plan: parsed.data!, lineOf };
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
      code: planCode === PlanErrorCode.quotaInvalid ? PlanErrorCode.quotaInvalid : PlanErrorCode.fieldInvalid,
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
