import { CsvError, parse } from 'csv-parse/sync';
import {
  mapUnitCsvHeader,
  UNIT_CSV_OPTIONAL_COLUMNS,
  type UnitCsvColumn,
  type UnitCsvInput,
} from '../../domain/units/unit-csv';
import { UnitError, UnitIssueCode } from '../../domain/units/unit-issue';

/**
 * Reads a units CSV (columns in domain/units/unit-csv.ts): UTF-8 with or without a BOM, separated by commas, or by
 * semicolons when the header line has more of those (what Excel writes under a Vietnamese locale); empty lines are
 * skipped; each row keeps the line it starts on. Throws `UnitError`: UNIT_CSV_INVALID for broken quoting, a row
 * with more or fewer cells than the header, or a control character (NUL…); UNIT_CSV_COLUMN_MISSING / _UNKNOWN for
 * the header.
 */
export function readUnitCsv(file: string, text: string): UnitCsvInput {
  const control = CONTROL_CHARACTER.exec(text);
  if (control) {
    // Postgres refuses NUL in text; the other controls are never part of a name, an address or a date.
    const line = text.slice(0, control.index).split('\n').length;
    throw new UnitError([
      {
        code: UnitIssueCode.csvInvalid,
        message: 'có ký tự điều khiển (ví dụ NUL) trong tệp',
        location: { file, line },
      },
    ]);
  }
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { bom: true, delimiter, info: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The message names the line where a quote was opened; `lines` is where parsing stopped.
    const line = Number(/at line (\d+)/.exec(error.message)?.[1] ?? error.lines) || undefined;
    throw new UnitError([{ code: UnitIssueCode.csvInvalid, message: csvMessage(error), location: { file, line } }]);
  }
  const [header, ...rows] = records;
  if (!header) {
    throw new UnitError([
      { code: UnitIssueCode.csvColumnMissing, message: 'tệp rỗng, thiếu dòng tiêu đề', location: { file, line: 1 } },
    ]);
  }
  const columns = mapUnitCsvHeader(file, header.record);
  return {
    file,
    rows: rows.map(({ record, info }) => {
      const cells = Object.fromEntries(UNIT_CSV_OPTIONAL_COLUMNS.map((column) => [column, ''])) as Record<
        UnitCsvColumn,
        string
      >;
      columns.forEach((column, index) => (cells[column] = record[index] ?? ''));
      // info.lines is the line a record ends on; a quoted cell may span lines.
      const spanned = record.reduce((lines, cell) => lines + (cell.match(/\n/g)?.length ?? 0), 0);
      return { line: info.lines - spanned, cells };
    }),
  };
}

// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function csvMessage(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'dấu ngoặc kép mở mà không đóng';
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return `số ô của dòng khác số cột của dòng tiêu đề (${error.message})`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return `dấu ngoặc kép đặt sai chỗ (${error.message})`;
    default:
      return `tệp CSV không đọc được (${error.message})`;
  }
}
