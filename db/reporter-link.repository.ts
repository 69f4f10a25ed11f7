import type { Kysely } from 'kysely';
import { appendAudit } from './audit-log.repository';
import type { Database } from './schema';
import type { ReporterLinkRevocation } from './tables/reporter-link-revocation.table';

/** The revocation of a link, or undefined while it stands. */
export function findLinkRevocation(db: Kysely<Database>, linkId: string): Promise<ReporterLinkRevocation | undefined> {
  return db.selectFrom('reporter_link_revocations').selectAll().where('link_id', '=', linkId).executeTakeFirst();
}

/**
 * Revokes a reporter's link by its id, with the audit entry (who, why, which obligation), in one transaction.
 * Revoking it again changes nothing and returns 'already-revoked'.
 */
export async function revokeLink(
  db: Kysely<Database>,
  revocation: { linkId: string; obligationId: string; unitCode: string; actor: string; reason: string },
): Promise<'revoked' | 'already-revoked'> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('reporter_link_revocations')
      .values({ link_id: revocation.linkId, revoked_by: revocation.actor, reason: revocation.reason })
      .onConflict((conflict) => conflict.column('link_id').doNothing())
      .returning('link_id')
      .executeTakeFirst();
    if (!inserted) return 'already-revoked';
    await appendAudit(trx, {
      actor: revocation.actor,
      action: 'link.revoke',
      entityType: 'obligation',
      entityId: revocation.obligationId,
      before: { linkId: revocation.linkId, revoked: false },
      after: { linkId: revocation.linkId, revoked: true, unitCode: revocation.unitCode },
      reason: revocation.reason,
    });
    return 'revoked';
  });
}
