import { sql, type Kysely } from 'kysely';
import {
  insertEscalation,
  insertSubmission,
  upsertObligation,
  upsertRollup,
  type RollupRow,
} from '../../db/obligation.repository';
import type { Database } from '../../db/schema';
import type { NewObligation } from '../../db/tables/obligation.table';
import type { AcceptedSubmission } from '../../domain/obligation/submission';
import { appendAudit, type AuditRecord } from '../../db/audit-log.repository';

/**
 * The projections a UnitMilestone workflow writes as its state changes, so dashboards read the database and never
 * query workflows. Each write is idempotent (upserts keyed by the obligation, inserts keyed by version or step):
 * a retry or a replay leaves the same rows. Database errors are transient and left to the retry policy.
 */
export function recordProjectionActivities(db: Kysely<Database>) {
  return {
    async recordObligation(row: NewObligation): Promise<void> {
      await upsertObligation(db, row);
    },
    async recordSubmission(input: { obligationId: string; submission: AcceptedSubmission }): Promise<void> {
      await insertSubmission(db, input.obligationId, input.submission);
    },
    async recordEscalation(input: {
      obligationId: string;
      step: number;
      at: string;
      notified: string[];
    }): Promise<void> {
      await insertEscalation(db, input);
    },
    async recordRollup(input: RollupRow): Promise<void> {
      await upsertRollup(db, input);
    },
    /** An audit entry keyed by the workflow step: written once however often the activity runs. */
    async recordAudit(input: AuditRecord & { key: string }): Promise<void> {
      const exists = await db
        .selectFrom('audit_log')
        .select('id')
        .where('entity_type', '=', input.entityType)
        .where('entity_id', '=', input.entityId)
        .where('action', '=', input.action)
        .where(sql<string>`after->>'key'`, '=', input.key)
        .executeTakeFirst();
      if (exists) return;
      const { key, ...record } = input;
      await appendAudit(db, { ...record, after: { ...(record.after as object | undefined), key } });
    },
  };
}
