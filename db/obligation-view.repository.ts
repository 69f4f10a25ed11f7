import type { Kysely } from 'kysely';
import type { Database } from './schema';
import type { Obligation, ObligationStatus, Submission } from './tables/obligation.table';

/** One obligation by its id (`plan/{code}/{milestone}/{unit}#{report}`), or undefined. */
export function findObligation(db: Kysely<Database>, id: string): Promise<Obligation | undefined> {
  return db.selectFrom('obligations').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface ObligationFilter {
  planCode: string;
  milestoneId: string;
  status?: ObligationStatus;
  level?: number;
  /** Only the units reporting to this one. */
  parentUnitCode?: string;
}

/** A milestone's obligations matching the filter, by level, unit and report (the plan/milestone/status index). */
export function listObligationsWhere(db: Kysely<Database>, filter: ObligationFilter): Promise<Obligation[]> {
  let query = db
    .selectFrom('obligations')
    .selectAll()
    .where('plan_code', '=', filter.planCode)
    .where('milestone_id', '=', filter.milestoneId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.level !== undefined) query = query.where('level', '=', filter.level);
  if (filter.parentUnitCode) query = query.where('parent_unit_code', '=', filter.parentUnitCode);
  return query.orderBy('level').orderBy('unit_code').orderBy('report_id').execute();
}

/** The escalation steps taken for an obligation, in order. */
export function listEscalations(
  db: Kysely<Database>,
  obligationId: string,
): Promise<Array<{ step: number; at: Date; notified: string[] }>> {
  return db
    .selectFrom('escalations')
    .select(['step', 'at', 'notified'])
    .where('obligation_id', '=', obligationId)
    .orderBy('step')
    .execute();
}

/** A submission by its receipt number, with the obligation it belongs to; undefined when there is none. */
export async function findSubmissionByReceipt(
  db: Kysely<Database>,
  receiptNumber: string,
): Promise<{ submission: Submission; obligation: Obligation } | undefined> {
  const submission = await db
    .selectFrom('submissions')
    .selectAll()
    .where('receipt_number', '=', receiptNumber)
    .executeTakeFirst();
  if (!submission) return undefined;
  const obligation = await findObligation(db, submission.obligation_id);
  return obligation && { submission, obligation };
}
