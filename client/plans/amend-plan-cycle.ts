import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { amendPlan, getPlan, type PlanDefinitionInput, type SavePlanResult } from '../../db/plan.repository';
import type { Database } from '../../db/schema';
import { planCycleWorkflowId } from '../../domain/ids';
import { amendPlanSignal } from '../../workflows/plan-cycle';

/**
 * Records an amendment of a loaded plan as its next version (audited) and, when its cycle is running, brings it to
 * the cycle with `amendPlanSignal` (milestones not yet opened follow the new version). An identical text is
 * 'unchanged' and signals nothing. Throws `PlanNotFoundError` for a plan never loaded.
 */
export async function amendPlanCycle(
  db: Kysely<Database>,
  temporal: Client,
  input: PlanDefinitionInput,
  reason: string,
): Promise<SavePlanResult & { signalled: boolean }> {
  const result = await amendPlan(db, input, reason);
  if (result.outcome === 'unchanged') return { ...result, signalled: false };
  const plan = await getPlan(db, input.resolved.code);
  if (plan.status !== 'running') return { ...result, signalled: false };
  await temporal.workflow
    .getHandle(planCycleWorkflowId(input.resolved.code))
    .signal(amendPlanSignal, { planVersion: result.version, plan: input.resolved });
  return { ...result, signalled: true };
}
