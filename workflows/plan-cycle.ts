import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { formatVietnamInstant, parseInstant } from '../domain/civil-time';
import { unitMilestoneWorkflowId } from '../domain/ids';
import type { ResolvedPlan } from '../domain/plan/resolved-plan';
import { unitMilestoneWorkflow } from './unit-milestone';

export interface PlanCycleInput {
  version: 1;
  planVersion: number;
  plan: ResolvedPlan;
  /** Ids of the milestones already opened (carried across continue-as-new). */
  opened: string[];
  /** Base of the signed links in reminders (the HTTP API's public address), when there is one. */
  submissionLinkBase?: string;
}

export interface PlanCycleStatus {
  planCode: string;
  planVersion: number;
  opened: string[];
  next?: { id: string; opensAt: string };
  cancelled?: { actor: string; reason: string };
}

/**
 * Brings a loaded amendment (a new plan version) to the running cycle: milestones not yet opened follow the new
 * version (moved dates, added or removed milestones); milestones already opened keep running as they are (their
 * units' deadlines move by extension). The cycle continues as new on the new version.
 */
export const amendPlanSignal = defineSignal<[{ planVersion: number; plan: ResolvedPlan }]>('amendPlan');
/** Cancels the cycle: pending milestones never open and running ones are cancelled, with actor and reason. */
export const cancelPlanSignal = defineSignal<[{ actor: string; reason: string }]>('cancelPlan');
/** Where the cycle stands. Never mutates. */
export const planCycleStatusQuery = defineQuery<PlanCycleStatus>('planCycleStatus');

const { getUnitContacts, recordTimelineEvent, recordAudit } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One plan's life, id `plan/{code}`: sleeps until each milestone opens (in opening order), then starts the
 * milestone's tree — a UnitMilestone workflow for the plan owner, which starts one per reporting unit — and records
 * the opening. It continues as new after each opening so its history stays a few dozen events over five years; the
 * milestone trees are abandoned to live on their own (their ids are deterministic, so they can still be found and
 * cancelled). A milestone whose opening already passed opens at once.
 */
export async function planCycleWorkflow(input: PlanCycleInput): Promise<PlanCycleStatus> {
  const { plan } = input;
  const pending = [...plan.milestones]
    .sort((a, b) => parseInstant(a.opensAt) - parseInstant(b.opensAt) || a.id.localeCompare(b.id))
    .filter((milestone) => !input.opened.includes(milestone.id));
  let cancelled: { actor: string; reason: string } | undefined;
  let amendment: { planVersion: number; plan: ResolvedPlan } | undefined;
  const status = (): PlanCycleStatus => ({
    planCode: plan.code,
    planVersion: input.planVersion,
    opened: input.opened,
    ...(pending[0] ? { next: { id: pending[0].id, opensAt: pending[0].opensAt } } : {}),
    ...(cancelled ? { cancelled } : {}),
  });
  setHandler(planCycleStatusQuery, status);
  setHandler(cancelPlanSignal, (request) => {
    cancelled ??= request;
  });
  setHandler(amendPlanSignal, (request) => {
    if (request.planVersion > (amendment?.planVersion ?? input.planVersion)) amendment = request;
  });

  const next = pending[0];
  if (next) {
    const interrupted = await condition(
      () => cancelled !== undefined || amendment !== undefined,
      Math.max(1, parseInstant(next.opensAt) - Date.now()),
    );
    if (amendment && !cancelled) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof planCycleWorkflow>({
        ...input,
        planVersion: amendment.planVersion,
        plan: amendment.plan,
      });
    }
    if (!interrupted) {
      const ownerContacts = await getUnitContacts({ unitCode: plan.owner.unit, date: next.opensOn });
      await startChild(unitMilestoneWorkflow, {
        workflowId: unitMilestoneWorkflowId(plan.code, next.id, plan.owner.unit),
        parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [
          {
            version: 1,
            planCode: plan.code,
            planVersion: input.planVersion,
            plan: { code: plan.code, title: plan.title, issuer: plan.issuer },
            owner: plan.owner,
            scope: plan.scope,
            policy: { reminderPolicy: plan.reminderPolicy, escalationPolicy: plan.escalationPolicy },
            milestone: next,
            depth: -1,
            parentUnitCode: null,
            parentContacts: {},
            ownerContacts,
            ...(input.submissionLinkBase ? { submissionLinkBase: input.submissionLinkBase } : {}),
          },
        ],
      });
      await recordTimelineEvent({
        idempotencyKey: `${workflowInfo().workflowId}/${next.id}/opened`,
        planCode: plan.code,
        milestoneCode: next.id,
        kind: 'milestone-opened',
        dueAt: next.opensAt,
        occurredAt: formatVietnamInstant(Date.now()),
      });
      await condition(allHandlersFinished);
      // An amendment that arrived while this milestone opened applies from the next one on.
      const latest = amendment ? { planVersion: amendment.planVersion, plan: amendment.plan } : {};
      return continueAsNew<typeof planCycleWorkflow>({ ...input, ...latest, opened: [...input.opened, next.id] });
    }
  }
  if (cancelled) {
    // Running milestone trees are cancelled from their root; each unit's workflow records the cancellation.
    for (const id of input.opened) {
      await getExternalWorkflowHandle(unitMilestoneWorkflowId(plan.code, id, plan.owner.unit))
        .cancel()
        .catch(() => undefined);
    }
    await recordAudit({
      key: `${workflowInfo().workflowId}/cancel`,
      actor: cancelled.actor,
      action: 'plan.cancel',
      entityType: 'plan',
      entityId: plan.code,
      reason: cancelled.reason,
    });
  }
  await condition(allHandlersFinished);
  return status();
}
