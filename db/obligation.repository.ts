import { sql, type Kysely } from 'kysely';
import type { Rollup } from '../domain/obligation/rollup';
import type { AcceptedSubmission } from '../domain/obligation/submission';
import type { Database } from './schema';
import type { MilestoneRollup, NewObligation, Obligation, Submission } from './tables/obligation.table';

/**
 * Writes the current state of an obligation (insert or replace). Idempotent: the workflow writes its whole state
 * each time, so a retried or replayed write leaves the same row.
 */
export async function upsertObligation(db: Kysely<Database>, row: NewObligation): Promise<void> {
  const { id: _id, ...changes } = row;
  await db
    .insertInto('obligations')
    .values(row)
    .onConflict((conflict) =>
      conflict
        .column('id')
        .doUpdateSet({ ...changes, updated_at: sql`now()` })
        .where((eb) => eb('obligations.projection_seq', '<=', eb.ref('excluded.projection_seq'))),
    )
    .execute();
}

/**
 * Stores an accepted submission and its nominations once per (obligation, version): a retry writes nothing more.
 * One transaction, so a submission is never stored without its nominations.
 */
export async function insertSubmission(
  db: Kysely<Database>,
  obligationId: string,
  submission: AcceptedSubmission,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('submissions')
      .values({
        obligation_id: obligationId,
        version: submission.version,
        receipt_number: submission.receiptNumber,
        submitted_at: submission.submittedAt,
        submitted_by: submission.submittedBy,
        late: submission.late,
        text: submission.text ?? null,
        fields: JSON.stringify(submission.fields ?? {}),
        nominations: JSON.stringify(submission.nominations ?? []),
      })
      .onConflict((conflict) => conflict.columns(['obligation_id', 'version']).doNothing())
      .returning('version')
      .executeTakeFirst();
    if (!inserted || !submission.nominations?.length) return;
    await trx
      .insertInto('nominations')
      .values(
        submission.nominations.map((nomination, position) => ({
          obligation_id: obligationId,
          version: submission.version,
          position,
          form: nomination.form,
          field: nomination.field ?? null,
          name: nomination.name,
        })),
      )
      .execute();
  });
}

/** Records an escalation step once. */
export async function insertEscalation(
  db: Kysely<Database>,
  escalation: { obligationId: string; step: number; at: string; notified: string[] },
): Promise<void> {
  await db
    .insertInto('escalations')
    .values({
      obligation_id: escalation.obligationId,
      step: escalation.step,
      at: escalation.at,
      notified: JSON.stringify(escalation.notified),
    })
    .onConflict((conflict) => conflict.columns(['obligation_id', 'step']).doNothing())
    .execute();
}

/** A node's roll-up for a milestone, as the UnitMilestone workflow reports it. */
export interface RollupRow {
  planCode: string;
  milestoneId: string;
  unitCode: string;
  parentUnitCode: string | null;
  level: number;
  rollup: Rollup;
  closed: boolean;
  /** The node's count of its roll-up writes: an older write never replaces a newer one. */
  sequence?: number;
}

/** Writes a node's roll-up for a milestone (insert, or replace an older write). */
export async function upsertRollup(db: Kysely<Database>, row: RollupRow): Promise<void> {
  const values = {
    plan_code: row.planCode,
    milestone_id: row.milestoneId,
    unit_code: row.unitCode,
    parent_unit_code: row.parentUnitCode,
    level: row.level,
    rollup: JSON.stringify(row.rollup),
    closed: row.closed,
    projection_seq: row.sequence ?? 0,
  };
  await db
    .insertInto('milestone_rollups')
    .values(values)
    .onConflict((conflict) =>
      conflict
        .columns(['plan_code', 'milestone_id', 'unit_code'])
        .doUpdateSet({
          rollup: values.rollup,
          closed: values.closed,
          projection_seq: values.projection_seq,
          updated_at: sql`now()`,
        })
        .where((eb) => eb('milestone_rollups.projection_seq', '<=', eb.ref('excluded.projection_seq'))),
    )
    .execute();
}

/** A milestone's obligations, by unit code then report. */
export function listObligations(db: Kysely<Database>, planCode: string, milestoneId: string): Promise<Obligation[]> {
  return db
    .selectFrom('obligations')
    .selectAll()
    .where('plan_code', '=', planCode)
    .where('milestone_id', '=', milestoneId)
    .orderBy('unit_code')
    .orderBy('report_id')
    .execute();
}

/** Every version of one obligation's submissions, oldest first. */
export function listSubmissions(db: Kysely<Database>, obligationId: string): Promise<Submission[]> {
  return db
    .selectFrom('submissions')
    .selectAll()
    .where('obligation_id', '=', obligationId)
    .orderBy('version')
    .execute();
}

/** The roll-ups of a milestone, top first. */
export function listRollups(db: Kysely<Database>, planCode: string, milestoneId: string): Promise<MilestoneRollup[]> {
  return db
    .selectFrom('milestone_rollups')
    .selectAll()
    .where('plan_code', '=', planCode)
    .where('milestone_id', '=', milestoneId)
    .orderBy('level')
    .orderBy('unit_code')
    .execute();
}
