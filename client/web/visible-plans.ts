import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { CivilDate } from '../../domain/civil-time';
import { visibleUnitCodes } from '../http/auth/leader-scope';
import type { StaffPrincipal } from '../http/auth/principal';

/** A plan in the dashboard's list, with how many reports the viewer sees in it. */
export interface VisiblePlan {
  code: string;
  title: string;
  issuer: string;
  status: string;
  ownerUnit: string;
}

/**
 * The plans a person may follow (a read the repositories lack; one query): every plan for an admin; for a leader,
 * the plans their unit owns and those where a unit of their subtree (on `date`) owes a report. Newest first.
 */
export async function listVisiblePlans(
  db: Kysely<Database>,
  principal: StaffPrincipal,
  date: CivilDate,
): Promise<VisiblePlan[]> {
  const codes = principal.role === 'leader' ? await visibleUnitCodes(db, principal, date) : undefined;
  const rows = await db
    .selectFrom('plans as p')
    .innerJoin('plan_versions as v', (join) =>
      join.onRef('v.plan_code', '=', 'p.code').onRef('v.version', '=', 'p.current_version'),
    )
    .select(['p.code', 'p.title', 'p.issuer', 'p.status', sql<string>`v.resolved->'owner'->>'unit'`.as('ownerUnit')])
    .$if(principal.role === 'leader', (q) =>
      q.where((eb) =>
        eb.or([
          eb(sql<string>`v.resolved->'owner'->>'unit'`, '=', principal.role === 'leader' ? principal.unitCode : ''),
          eb.exists(
            eb
              .selectFrom('obligations as o')
              .select(sql`1`.as('one'))
              .whereRef('o.plan_code', '=', 'p.code')
              .where('o.unit_code', 'in', [...(codes ?? new Set(['']))]),
          ),
        ]),
      ),
    )
    .orderBy('p.created_at', 'desc')
    .orderBy('p.code')
    .execute();
  return rows;
}
