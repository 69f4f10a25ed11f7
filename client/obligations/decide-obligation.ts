import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import { findObligation } from '../../db/obligation-view.repository';
import type { Database } from '../../db/schema';
import type { Obligation } from '../../db/tables/obligation.table';
import type { CivilDate } from '../../domain/civil-time';
import { assignSuccessorUpdate, exemptReportUpdate, extendDeadlineUpdate } from '../../workflows/unit-milestone';

/** A decision of the Sở on one report: gia hạn, miễn, or the successor that reports for a split unit. */
export type ObligationDecision =
  | { kind: 'extend'; lastDay: CivilDate; reason: string }
  | { kind: 'exempt'; reason: string }
  | { kind: 'assign'; unitCode: string; reason: string };

/** What the decision did, in the words a staff member reads. */
export interface DecisionOutcome {
  obligation: Obligation;
  message: string;
  lastDay?: CivilDate;
  dueAt?: string;
  unitCode?: string;
}

/**
 * Why a decision was not taken: the report does not exist (`OBLIGATION_NOT_FOUND`), is over
 * (`OBLIGATION_CLOSED`), or the workflow's validator refused it (its own code and Vietnamese message, nothing
 * changed). The HTTP API answers 404 / 409 / 422; the CLI exits 1.
 */
export class ObligationDecisionError extends Error {
  constructor(
    readonly code: 'OBLIGATION_NOT_FOUND' | 'OBLIGATION_CLOSED' | 'OBLIGATION_REFUSED',
    message: string,
  ) {
    super(message);
    this.name = 'ObligationDecisionError';
  }
}

const FINAL = ['on-time', 'late', 'missing', 'exempt', 'cancelled'];

/**
 * Takes a decision on one report as a Temporal Update on its UnitMilestone workflow, whose validator decides: the
 * workflow audits an accepted one with actor and reason, and moves its timers or notices. Shared by the HTTP API
 * and `dondoc obligations`.
 */
export async function decideObligation(
  db: Kysely<Database>,
  temporal: Client,
  input: { id: string; actor: string; decision: ObligationDecision },
): Promise<DecisionOutcome> {
  const obligation = await findObligation(db, input.id);
  if (!obligation) {
    throw new ObligationDecisionError('OBLIGATION_NOT_FOUND', `không có nghĩa vụ báo cáo "${input.id}"`);
  }
  if (FINAL.includes(obligation.status)) {
    throw new ObligationDecisionError(
      'OBLIGATION_CLOSED',
      `nghĩa vụ báo cáo này đã kết thúc (${obligation.status}); không thể thay đổi nữa`,
    );
  }
  const handle = temporal.workflow.getHandle(obligation.workflow_id);
  const reportId = obligation.report_id;
  const { actor, decision } = input;
  try {
    if (decision.kind === 'extend') {
      const schedule = await handle.executeUpdate(extendDeadlineUpdate, {
        args: [{ reportId, lastDay: decision.lastDay, actor, reason: decision.reason }],
      });
      const day = schedule.lastDay.split('-').reverse().join('/');
      return {
        obligation,
        lastDay: schedule.lastDay,
        dueAt: schedule.dueAt,
        message: `Đã gia hạn báo cáo của ${obligation.unit_name} đến hết ngày ${day}.`,
      };
    }
    if (decision.kind === 'exempt') {
      await handle.executeUpdate(exemptReportUpdate, { args: [{ reportId, actor, reason: decision.reason }] });
      return { obligation, message: `Đã miễn báo cáo cho ${obligation.unit_name}.` };
    }
    const { unitCode } = await handle.executeUpdate(assignSuccessorUpdate, {
      args: [{ reportId, unitCode: decision.unitCode, actor, reason: decision.reason }],
    });
    return { obligation, unitCode, message: `Đã giao báo cáo của ${obligation.unit_name} cho đơn vị ${unitCode}.` };
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      throw new ObligationDecisionError('OBLIGATION_REFUSED', error.cause.message);
    }
    throw error;
  }
}
