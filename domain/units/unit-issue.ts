/** Stable codes of everything that can be wrong in a unit import or lookup. */
export const UnitIssueCode = {
  fileUnreadable: 'UNIT_FILE_UNREADABLE',
  formatUnknown: 'UNIT_FORMAT_UNKNOWN',
  jsonInvalid: 'UNIT_JSON_INVALID',
  csvInvalid: 'UNIT_CSV_INVALID',
  csvColumnMissing: 'UNIT_CSV_COLUMN_MISSING',
  csvColumnUnknown: 'UNIT_CSV_COLUMN_UNKNOWN',
  codeInvalid: 'UNIT_CODE_INVALID',
  nameMissing: 'UNIT_NAME_MISSING',
  typeUnknown: 'UNIT_TYPE_UNKNOWN',
  dateInvalid: 'UNIT_DATE_INVALID',
  validityInvalid: 'UNIT_VALIDITY_INVALID',
  validityOverlap: 'UNIT_VALIDITY_OVERLAP',
  validFromAfterData: 'UNIT_VALID_FROM_AFTER_DATA',
  parentUnknown: 'UNIT_PARENT_UNKNOWN',
  parentNotValid: 'UNIT_PARENT_NOT_VALID',
  cycle: 'UNIT_CYCLE',
  contactEmailInvalid: 'UNIT_CONTACT_EMAIL_INVALID',
  contactPhoneInvalid: 'UNIT_CONTACT_PHONE_INVALID',
  contactZaloUserIdInvalid: 'UNIT_CONTACT_ZALO_USER_ID_INVALID',
  notFound: 'UNIT_NOT_FOUND',
  reformUnitUnknown: 'UNIT_REFORM_UNIT_UNKNOWN',
  reformMismatch: 'UNIT_REFORM_MISMATCH',
  reformChildOrphaned: 'UNIT_REFORM_CHILD_ORPHANED',
} as const;
export type UnitIssueCode = (typeof UnitIssueCode)[keyof typeof UnitIssueCode];

/**
 * Where a problem is: the file, and in it the 1-based line (CSV) or the JSON path (`data[36].merges[0].old_id`), and
 * the column or field.
 */
export interface SourceLocation {
  file: string;
  line?: number;
  path?: string;
  field?: string;
}

export interface UnitIssue {
  code: UnitIssueCode;
  /** Vietnamese, for the person who fixes the file. */
  message: string;
  location?: SourceLocation;
}

/** `UNIT_PARENT_UNKNOWN: … (don-vi.csv, dòng 4, cột parent_code)` or `(…merges.json, trường data[3].merges[0].old_id)`. */
export function formatUnitIssue(issue: UnitIssue): string {
  const where = issue.location;
  if (!where) return `${issue.code}: ${issue.message}`;
  const parts = [
    where.file,
    where.line === undefined ? undefined : `dòng ${where.line}`,
    where.path === undefined ? undefined : `trường ${where.path}`,
    where.field === undefined || where.path !== undefined ? undefined : `cột ${where.field}`,
  ];
  return `${issue.code}: ${issue.message} (${parts.filter(Boolean).join(', ')})`;
}

/** How many problems one error lists before "… và N lỗi khác": enough to fix a file in one pass, not a flood. */
const LISTED = 20;

/**
 * Every problem an import (or a lookup) found, reported together; an import that throws it wrote nothing. The message
 * lists the first twenty, one a line, each with its code and location.
 */
export class UnitError extends Error {
  constructor(readonly issues: readonly UnitIssue[]) {
    const listed = issues.slice(0, LISTED).map(formatUnitIssue);
    if (issues.length > LISTED) listed.push(`… và ${issues.length - LISTED} lỗi khác`);
    super(listed.join('\n'));
    this.name = 'UnitError';
  }

  /** The code of the first problem, for callers that branch on one. */
  get code(): UnitIssueCode {
    return this.issues[0]!.code;
  }
}
