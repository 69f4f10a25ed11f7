import { formatVietnamInstant, parseInstant, type InstantIso } from '../civil-time';
import type { NominationForm } from '../plan/plan-schema';
import type { ResolvedReport } from '../plan/resolved-plan';

/** One nominated example (điển hình tiên tiến), on the seed 003 forms. */
export interface Nomination {
  form: NominationForm;
  /** Tên tập thể, or họ và tên of a person or the head of a household. */
  name: string;
  /** The lĩnh vực, one of the plan's when it lists them. */
  field?: string;
  /** "Thành tích tiêu biểu xuất sắc đã đạt được". */
  achievements: string;
  /** Personal data of an individual (Nghị định 13/2023): shown only to roles that need it. */
  birthDate?: string;
  position?: string;
}

/** A file sent with a submission; the HTTP API stores its bytes under its SHA-256 before the Update. */
export interface SubmissionAttachment {
  /** The file's name as sent, without folders. */
  name: string;
  sha256: string;
  size: number;
  contentType: string;
}

/** The kinds of file a unit may attach (by extension; the HTTP API also checks the first bytes). */
export const ATTACHMENT_EXTENSIONS = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'jpeg', 'png'] as const;
export const MAX_ATTACHMENTS = 10;

/** What a unit sends: the free text, the plan's structured fields, its nominations, its attached files. */
export interface SubmissionInput {
  unitCode: string;
  milestoneId: string;
  reportId: string;
  submittedBy: string;
  text?: string;
  fields?: Record<string, string | number | boolean>;
  nominations?: Nomination[];
  attachments?: SubmissionAttachment[];
}

export interface AcceptedSubmission extends SubmissionInput {
  version: number;
  receiptNumber: string;
  submittedAt: InstantIso;
  late: boolean;
}

export const MAX_TEXT_LENGTH = 50_000;

/**
 * Why a submission cannot be accepted, in Vietnamese with a stable code, or undefined when it can. The rules: the
 * right unit, milestone and report; the plan's required fields present and of their type; nominations on the plan's
 * forms, in its fields, within its quota; text within size. Timing (late, closed, resubmission) is the obligation's
 * decision, not the form's.
 */
export function submissionProblem(
  input: SubmissionInput,
  expected: { unitCode: string; milestoneId: string; report: ResolvedReport },
): string | undefined {
  const { report } = expected;
  if (input.unitCode !== expected.unitCode) {
    return `SUBMISSION_WRONG_UNIT: báo cáo của đơn vị ${input.unitCode} không thể nộp vào nghĩa vụ của đơn vị ${expected.unitCode}`;
  }
  if (input.milestoneId !== expected.milestoneId || input.reportId !== report.id) {
    return `SUBMISSION_WRONG_REPORT: không có báo cáo "${input.reportId}" trong mốc "${input.milestoneId}" của đơn vị này`;
  }
  if (report.text && !input.text?.trim() && !(input.nominations?.length ?? 0) && !(input.attachments?.length ?? 0)) {
    return 'SUBMISSION_EMPTY: báo cáo chưa có nội dung';
  }
  if ((input.text?.length ?? 0) > MAX_TEXT_LENGTH) {
    return `SUBMISSION_TOO_LONG: nội dung dài ${input.text!.length} ký tự, tối đa ${MAX_TEXT_LENGTH}`;
  }
  for (const field of report.fields) {
    const value = input.fields?.[field.id];
    if (value === undefined || value === '') {
      if (field.required) return `SUBMISSION_FIELD_MISSING: thiếu "${field.label}"`;
      continue;
    }
    const wrongType =
      (field.type === 'số' && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) ||
      (field.type === 'có/không' && typeof value !== 'boolean') ||
      (field.type === 'ngày' && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))) ||
      (field.type === 'văn bản' && typeof value !== 'string');
    if (wrongType) return `SUBMISSION_FIELD_INVALID: "${field.label}" phải là ${field.type}`;
  }
  const unknownField = Object.keys(input.fields ?? {}).find((id) => !report.fields.some((field) => field.id === id));
  if (unknownField) return `SUBMISSION_FIELD_INVALID: báo cáo không có mục "${unknownField}"`;
  return attachmentProblem(input.attachments ?? []) ?? nominationProblem(input.nominations ?? [], report);
}

function attachmentProblem(attachments: SubmissionAttachment[]): string | undefined {
  if (attachments.length > MAX_ATTACHMENTS) {
    return `SUBMISSION_TOO_MANY_FILES: ${attachments.length} tệp đính kèm, tối đa ${MAX_ATTACHMENTS}`;
  }
  for (const [index, file] of attachments.entries()) {
    const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
    if (!(ATTACHMENT_EXTENSIONS as readonly string[]).includes(extension)) {
      return `SUBMISSION_FILE_TYPE: tệp "${file.name}" không thuộc loại được nhận (${ATTACHMENT_EXTENSIONS.join(', ')})`;
    }
    if (/[\\/]/.test(file.name) || !/^[0-9a-f]{64}$/.test(file.sha256) || !(file.size > 0)) {
      return `SUBMISSION_FILE_INVALID: tệp đính kèm thứ ${index + 1} không hợp lệ`;
    }
  }
  return undefined;
}

function nominationProblem(nominations: Nomination[], report: ResolvedReport): string | undefined {
  if (nominations.length === 0) return undefined;
  const rules = report.nominations;
  if (!rules) return 'SUBMISSION_NOMINATIONS_NOT_ASKED: báo cáo này không nhận đề nghị điển hình';
  if (rules.quota !== undefined && nominations.length > rules.quota) {
    return `SUBMISSION_OVER_QUOTA: ${nominations.length} điển hình, kế hoạch cho phép không quá ${String(rules.quota).padStart(2, '0')}`;
  }
  for (const [index, nomination] of nominations.entries()) {
    const which = `điển hình thứ ${index + 1}`;
    if (!rules.forms.includes(nomination.form)) {
      return `SUBMISSION_NOMINATION_INVALID: ${which} theo mẫu "${nomination.form}", kế hoạch chỉ nhận ${rules.forms.join(', ')}`;
    }
    if (!nomination.name?.trim() || !nomination.achievements?.trim()) {
      return `SUBMISSION_NOMINATION_INVALID: ${which} thiếu tên hoặc thành tích`;
    }
    if (rules.fields && nomination.field && !rules.fields.some((field) => field.name === nomination.field)) {
      return `SUBMISSION_NOMINATION_INVALID: ${which} thuộc lĩnh vực "${nomination.field}" không có trong kế hoạch`;
    }
  }
  return undefined;
}

/** Whether a submission at `at` is after the deadline instant. */
export function isLate(at: InstantIso, dueAt: InstantIso): boolean {
  return parseInstant(at) >= parseInstant(dueAt);
}

/** The receipt number a unit quotes: the day, the unit, the version and a short random part (from the workflow). */
export function receiptNumber(unitCode: string, version: number, nonce: string, atMs: number): string {
  const day = formatVietnamInstant(atMs).slice(0, 10).replaceAll('-', '');
  return `BN-${day}-${unitCode.replace(/[^\w-]/g, '')}-${version}-${nonce.replace(/-/g, '').slice(0, 6).toUpperCase()}`;
}
