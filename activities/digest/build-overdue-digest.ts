import { sql, type Kysely } from 'kysely';
import { findUnitAt } from '../../db/unit.repository';
import { listUnitContacts } from '../../db/unit-contact.repository';
import type { Database } from '../../db/schema';
import { parseInstant, vietnamCivilDate, type InstantIso } from '../../domain/civil-time';

export interface OverdueRow {
  unitCode: string;
  unitName: string;
  milestoneId: string;
  reportId: string;
  daysLate: number;
  escalationStep: number;
}

export interface OverdueDigest {
  plan: { code: string; title: string; issuer: string };
  owner: { unitCode: string; unitName: string; head?: { name: string; email?: string; phone?: string } };
  rows: OverdueRow[];
}

/**
 * The leaders' daily digest of a plan: every report past its deadline and still unsubmitted (from the read model,
 * never from the workflows), most days late first, and who receives it (the plan owner's head). Read-only.
 */
export function buildOverdueDigestActivity(db: Kysely<Database>) {
  return async function buildOverdueDigest(input: { planCode: string; now: InstantIso }): Promise<OverdueDigest> {
    const version = await db
      .selectFrom('plans as p')
      .innerJoin('plan_versions as v', (join) =>
        join.onRef('v.plan_code', '=', 'p.code').onRef('v.version', '=', 'p.current_version'),
      )
      .select(['p.code', 'p.title', 'p.issuer', 'v.resolved'])
      .where('p.code', '=', input.planCode)
      .executeTakeFirstOrThrow();
    const nowMs = parseInstant(input.now);
    const overdue = await db
      .selectFrom('obligations')
      .select([
        'unit_code',
        'unit_name',
        'assigned_unit_code',
        'milestone_id',
        'report_id',
        'due_at',
        'escalation_step',
      ])
      .where('plan_code', '=', input.planCode)
      .where('status', 'in', ['open', 'overdue'])
      .where('due_at', '<', sql<Date>`${input.now}::timestamptz`)
      .orderBy('due_at')
      .orderBy('unit_code')
      .execute();
    const ownerCode = version.resolved.owner.unit;
    const owner = await findUnitAt(db, ownerCode, vietnamCivilDate(nowMs));
    const head = owner ? (await listUnitContacts(db, owner.id)).find((contact) => contact.role === 'head') : undefined;
    return {
      plan: { code: version.code, title: version.title, issuer: version.issuer },
      owner: {
        unitCode: ownerCode,
        unitName: owner?.name ?? version.resolved.owner.name,
        ...(head?.name || head?.email || head?.phone
          ? {
              head: {
                name: head.name ?? '',
                ...(head.email ? { email: head.email } : {}),
                ...(head.phone ? { phone: head.phone } : {}),
              },
            }
          : {}),
      },
      rows: overdue.map((row) => ({
        unitCode: row.assigned_unit_code ?? row.unit_code,
        unitName: row.unit_name,
        milestoneId: row.milestone_id,
        reportId: row.report_id,
        daysLate: Math.max(1, Math.ceil((nowMs - row.due_at.getTime()) / 86_400_000)),
        escalationStep: row.escalation_step,
      })),
    };
  };
}
