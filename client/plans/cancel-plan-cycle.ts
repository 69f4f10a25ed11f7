import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { getPlan, setPlanStatus } from '../../db/plan.repository';
import type { Database } from '../../db/schema';
import { planCycleWorkflowId } from '../../domain/ids';
import { cancelPlanSignal } from '../../workflows/plan-cycle';
import { deleteDigestSchedule } from './digest-schedule';

/**
 * Cancels a running plan's cycle: `cancelPlanSignal` (pending milestones never open, running ones stop), the
 * leaders' digest schedule deleted, the plan marked cancelled with actor and reason in the audit log. A plan
 * already cancelled is 'already-cancelled' and nothing is sent; one that never ran is 'not-running'.
 */
export async function cancelPlanCycle(
  db: Kysely<Database>,
  temporal: Client,
  options: { code: string; actor: string; reason: string },
): Promise<'cancelled' | 'already-cancelled' | 'not-running'> {
  const plan = await getPlan(db, options.code);
  if (plan.status === 'cancelled') return 'already-cancelled';
  if (plan.status !== 'running') return 'not-running';
  await temporal.workflow
    .getHandle(planCycleWorkflowId(options.code))
    .signal(cancelPlanSignal, { actor: options.actor, reason: options.reason });
  await deleteDigestSchedule(temporal, options.code);
  await setPlanStatus(db, options.code, 'cancelled', { actor: options.actor, reason: options.reason });
  return 'cancelled';
}
