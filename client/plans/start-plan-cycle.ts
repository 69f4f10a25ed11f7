import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { getPlanVersion, setPlanStatus } from '../../db/plan.repository';
import type { Database } from '../../db/schema';
import { planCycleWorkflowId } from '../../domain/ids';
import { planCycleWorkflow } from '../../workflows/plan-cycle';
import { ensureDigestSchedule } from './digest-schedule';

export type StartPlanOutcome = { outcome: 'started' | 'already-running'; workflowId: string; version: number };

/**
 * Starts a loaded plan's cycle (its current version) on Temporal, id `plan/{code}`. Idempotent: a cycle already
 * running is left as it is and reported as such. Marks the plan running, with an audit entry, and makes sure the
 * leaders' daily digest schedule exists.
 */
export async function startPlanCycle(
  db: Kysely<Database>,
  temporal: Client,
  options: { code: string; taskQueue: string; actor: string },
): Promise<StartPlanOutcome> {
  const version = await getPlanVersion(db, options.code);
  const workflowId = planCycleWorkflowId(options.code);
  try {
    await temporal.workflow.start(planCycleWorkflow, {
      workflowId,
      taskQueue: options.taskQueue,
      args: [
        {
          version: 1,
          planVersion: version.version,
          plan: version.resolved,
          opened: [],
        },
      ],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    await ensureDigestSchedule(temporal, options.code, options.taskQueue);
    return { outcome: 'already-running', workflowId, version: version.version };
  }
  await ensureDigestSchedule(temporal, options.code, options.taskQueue);
  await setPlanStatus(db, options.code, 'running', { actor: options.actor });
  return { outcome: 'started', workflowId, version: version.version };
}
