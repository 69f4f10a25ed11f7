import { UnitError, UnitIssueCode, type UnitIssue } from './unit-issue';

/**
 * The CSV an agency writes for its own units and contacts: UTF-8 (a BOM is fine), comma- or semicolon-separated,
 * one header line naming the columns in any order:
 *
 * | column           | required | content                                                                           |
 * | ---------------- | -------- | --------------------------------------------------------------------------------- |
 * | `code`           | yes      | the unit's code: official (`00004`) or the agency's own (`SNV`, `SNV.TDKT`)      |
 * | `name`           | yes      | `Phòng Thi đua – Khen thưởng`                                                     |
 * | `type`           | yes      | `sở`, `ban`, `phòng`, `xã`… or its code (`so`, `phong`, `xa`); see unit-type.ts   |
 * | `parent_code`    | yes      | the parent's code (a unit in the file or already loaded); empty for a root        |
 * | `valid_from`     | yes      | first day in force, `dd/mm/yyyy` or `yyyy-mm-dd`; empty: the `--valid-from` date  |
 * | `valid_to`       | no       | first day no longer in force (empty: open-ended)                                  |
 * | `reporter_name`, `reporter_email`, `reporter_phone` | no | who sends the unit's reports                    |
 * | `head_name`, `head_email`, `head_phone`             | no | the unit's head, to whom escalations go         |
 * | `reporter_zalo_user_id`, `head_zalo_user_id`        | no | the person's id as a follower of the Zalo OA    |
 *
 * The cells `name`, `type`, `parent_code` may be empty only in a contacts-only row (see plan-csv-import.ts).
 * Phones are Vietnamese mobile numbers (the ones Zalo reaches), stored as `+84…`.
 */
export const UNIT_CSV_REQUIRED_COLUMNS = ['code', 'name', 'type', 'parent_code', 'valid_from'] as const;
export const UNIT_CSV_OPTIONAL_COLUMNS = [
  'valid_to',
  'reporter_name',
  'reporter_email',
  'reporter_phone',
  'head_name',
  'head_email',
  'head_phone',
  'reporter_zalo_user_id',
  'head_zalo_user_id',
] as const;
export type UnitCsvColumn = (typeof UNIT_CSV_REQUIRED_COLUMNS)[number] | (typeof UNIT_CSV_OPTIONAL_COLUMNS)[number];

/** One data row: its 1-based line in the file and its cells by column (absent optional columns read as ''). */
export interface UnitCsvRow {
  line: number;
  cells: Readonly<Record<UnitCsvColumn, string>>;
}

export interface UnitCsvInput {
  file: string;
  rows: UnitCsvRow[];
}

/**
 * The column of each position of the header line (names trimmed, any case). Throws `UnitError`: a required column
 * absent (UNIT_CSV_COLUMN_MISSING), a column the format does not have — usually a typo that would silently drop
 * data — or one given twice (UNIT_CSV_COLUMN_UNKNOWN).
 */
export function mapUnitCsvHeader(file: string, header: readonly string[]): UnitCsvColumn[] {
  const known = new Set<string>([...UNIT_CSV_REQUIRED_COLUMNS, ...UNIT_CSV_OPTIONAL_COLUMNS]);
  const columns: UnitCsvColumn[] = [];
  const issues: UnitIssue[] = [];
  for (const cell of header) {
    const name = cell.normalize('NFC').trim().toLowerCase();
    if (!known.has(name) || columns.includes(name as UnitCsvColumn)) {
      issues.push({
        code: UnitIssueCode.csvColumnUnknown,
        message: known.has(name)
          ? `cột "${cell}" có hai lần`
          : `không có cột "${cell}" trong định dạng; các cột là ${[...known].join(', ')}`,
        location: { file, line: 1, field: cell },
      });
    }
    columns.push(name as UnitCsvColumn);
  }
  for (const required of UNIT_CSV_REQUIRED_COLUMNS) {
    if (columns.includes(required)) continue;
    issues.push({
      code: UnitIssueCode.csvColumnMissing,
      message: `thiếu cột "${required}" ở dòng tiêu đề; các cột bắt buộc là ${UNIT_CSV_REQUIRED_COLUMNS.join(', ')}`,
      location: { file, line: 1, field: required },
    });
  }
  if (issues.length > 0) throw new UnitError(issues);
  return columns;
}
