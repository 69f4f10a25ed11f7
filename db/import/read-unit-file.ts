import { readFileSync } from 'node:fs';
import { UnitError, UnitIssueCode } from '../../domain/units/unit-issue';

/** The file's text (UTF-8). Throws `UnitError` (UNIT_FILE_UNREADABLE) naming the file and why it cannot be read. */
export function readUnitFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const why =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'không có tệp này'
        : (error as NodeJS.ErrnoException).code === 'EISDIR'
          ? 'đây là thư mục, không phải tệp'
          : String(error);
    throw new UnitError([
      { code: UnitIssueCode.fileUnreadable, message: `không đọc được tệp: ${why}`, location: { file } },
    ]);
  }
}

/** Parses JSON text; a syntax error is a `UnitError` (UNIT_JSON_INVALID) with the line where parsing stopped. */
export function parseUnitJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1];
    const line = position === undefined ? undefined : text.slice(0, Number(position)).split('\n').length;
    throw new UnitError([
      {
        code: UnitIssueCode.jsonInvalid,
        message: `tệp không phải JSON hợp lệ (${error instanceof Error ? error.message : String(error)})`,
        location: { file, line },
      },
    ]);
  }
}

/** `data[3].level2s[1].name` from ['data', 3, 'level2s', 1, 'name']. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    '',
  );
}
