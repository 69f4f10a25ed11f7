/** Stable codes of everything that can be wrong in a plan file. */
export const PlanErrorCode = {
  yamlInvalid: 'PLAN_YAML_INVALID',
  fieldMissing: 'PLAN_FIELD_MISSING',
  fieldInvalid: 'PLAN_FIELD_INVALID',
  textNotNfc: 'PLAN_TEXT_NOT_NFC',
  textControlCharacter: 'PLAN_TEXT_CONTROL_CHARACTER',
  quotaInvalid: 'PLAN_QUOTA_INVALID',
  periodReversed: 'PLAN_PERIOD_REVERSED',
  idDuplicate: 'PLAN_ID_DUPLICATE',
  phraseUnreadable: 'PLAN_PHRASE_UNREADABLE',
  phraseAmbiguous: 'PLAN_PHRASE_AMBIGUOUS',
  dateInvalid: 'PLAN_DATE_INVALID',
  deadlineBeforeOpen: 'PLAN_DEADLINE_BEFORE_OPEN',
  deadlineOutsidePeriod: 'PLAN_DEADLINE_OUTSIDE_PERIOD',
  cascadeTooTight: 'PLAN_CASCADE_TOO_TIGHT',
  offsetUnreadable: 'PLAN_OFFSET_UNREADABLE',
  unitUnknown: 'PLAN_UNIT_UNKNOWN',
  codeDuplicate: 'PLAN_CODE_DUPLICATE',
} as const;
export type PlanErrorCode = (typeof PlanErrorCode)[keyof typeof PlanErrorCode];

/** One problem, located: the field path ("milestones[1].reports[0].due") and, for files, the 1-based line. */
export interface PlanProblem {
  code: PlanErrorCode;
  message: string;
  field: string;
  line?: number;
}

/** All the problems of one plan file, reported together so the officer fixes them in one pass. */
export class PlanFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: PlanProblem[],
  ) {
    super(problems.map((problem) => formatProblem(file, problem)).join('\n'));
    this.name = 'PlanFileError';
  }
}

/** `PLAN_PHRASE_UNREADABLE: mốc "Quý V/2023" không đọc được (plans/cao-bang.yaml, dòng 14, trường milestones[1].when)` */
export function formatProblem(file: string, problem: PlanProblem): string {
  const where = [
    file,
    problem.line ? `dòng ${problem.line}` : undefined,
    problem.field ? `trường ${problem.field}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return `${problem.code}: ${problem.message} (${where})`;
}

/** "milestones[1].reports[0].due" from ['milestones', 1, 'reports', 0, 'due']. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    '',
  );
}
