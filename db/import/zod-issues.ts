import type { z } from 'zod';
import { UnitIssueCode, type UnitIssue } from '../../domain/units/unit-issue';
import { jsonPath } from './read-unit-file';

/** Zod's complaints about a JSON file's shape, in Vietnamese, each at its JSON path. */
export function shapeIssues(file: string, json: unknown, error: z.ZodError): UnitIssue[] {
  return error.issues.map((issue) => {
    const value = issue.path.reduce<unknown>(
      (node, key) =>
        node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined,
      json,
    );
    const expected = 'expected' in issue ? String(issue.expected) : undefined;
    const message =
      value === undefined
        ? 'thiếu trường này'
        : issue.code === 'invalid_type'
          ? `phải là ${EXPECTED[expected ?? ''] ?? expected}, không phải ${JSON.stringify(value).slice(0, 40)}`
          : issue.code === 'invalid_value'
            ? `giá trị ${JSON.stringify(value)} không hợp lệ (${issue.values.map((v) => JSON.stringify(v)).join(', ')})`
            : issue.code === 'too_small'
              ? 'không được rỗng'
              : issue.message;
    return { code: UnitIssueCode.jsonInvalid, message, location: { file, path: jsonPath(issue.path) || '(gốc)' } };
  });
}

const EXPECTED: Record<string, string> = { string: 'chuỗi', array: 'danh sách', object: 'đối tượng', number: 'số' };
