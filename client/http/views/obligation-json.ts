import type { Attachment } from '../../../db/attachment.repository';
import type { Obligation, Submission } from '../../../db/tables/obligation.table';
import { nominationView, type NominationView } from '../../../domain/obligation/compliance-personal-data';
import { seesPersonalData, type Principal } from '../auth/principal';
import { instantOf, optionalInstantOf } from '../instant';

/** An obligation row as the API shows it (the `Obligation` schema). */
export function obligationJson(row: Obligation) {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    planCode: row.plan_code,
    planVersion: row.plan_version,
    milestoneId: row.milestone_id,
    reportId: row.report_id,
    unitCode: row.unit_code,
    unitName: row.unit_name,
    parentUnitCode: row.parent_unit_code,
    assignedUnitCode: row.assigned_unit_code,
    level: row.level,
    status: row.status,
    dueAt: instantOf(row.due_at),
    originalDueAt: instantOf(row.original_due_at),
    submittedAt: optionalInstantOf(row.submitted_at),
    submissionVersion: row.submission_version,
    extension: row.extended_by ? { by: row.extended_by, reason: row.extension_reason } : null,
    exemption: row.exempted_by ? { by: row.exempted_by, reason: row.exemption_reason } : null,
    escalationStep: row.escalation_step,
  };
}

/**
 * Nominations as a principal may see them, by the one rule the compliance views use (nominationView): the personal
 * data of nominated individuals — the name of a person or a household's head, birth date, position — only for admins
 * and the reporter of the unit itself (Nghị định 13/2023); others see collectives' names, forms, fields, achievements.
 */
export function visibleNominations(nominations: unknown, principal: Principal, unitCode: string): NominationView[] {
  const list: unknown[] = Array.isArray(nominations) ? nominations : [];
  const personalData = seesPersonalData(principal, unitCode);
  return list.map((nomination) => nominationView(nomination, personalData));
}

/** A stored submission as the API shows it (the `Submission` schema), personal data filtered for the principal. */
export function submissionJson(
  submission: Submission,
  obligation: Obligation,
  principal: Principal,
  attachments: Attachment[],
) {
  const unitCode = obligation.assigned_unit_code ?? obligation.unit_code;
  return {
    obligationId: obligation.id,
    unitCode,
    version: submission.version,
    receiptNumber: submission.receipt_number,
    submittedAt: instantOf(submission.submitted_at),
    submittedBy: submission.submitted_by,
    late: submission.late,
    text: submission.text,
    fields: submission.fields,
    nominations: visibleNominations(submission.nominations, principal, unitCode),
    attachments: attachments
      .filter((file) => file.receipt_number === submission.receipt_number)
      .map((file) => ({
        name: file.file_name,
        sha256: file.sha256,
        size: file.size_bytes,
        contentType: file.content_type,
      })),
  };
}
