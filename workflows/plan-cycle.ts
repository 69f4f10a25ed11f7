import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { formatVietnamInstant, parseInstant } from '../domain/civil-time';
import { unitMilestoneWorkflowId } from '../domain/ids';
import type { ResolvedMilestone, ResolvedPlan } from '../domain/plan/resolved-plan';
import {
  amendMilestoneSignal,
  cancelMilestoneSignal,
  unitMilestoneWorkflow,
  type UnitMilestoneInput,
} from './unit-milestone';

export interface PlanCycleInput {
  version: 1;
  planVersion: number;
  plan: ResolvedPlan;
  /** Ids of the milestones already opened (carried across continue-as-new). */
  opened: string[];
  /** Ids of the opened milestones whose trees have finished (carried across continue-as-new). */
  finished?: string[];
}

export interface PlanCycleStatus {
  planCode: string;
  planVersion: number;
  opened: string[];
  finished: string[];
  next?: { id: string; opensAt: string };
  cancelled?: { actor: string; reason: string };
}

/**
 * Brings a loaded amendment (a new plan version) to the running cycle: milestones not yet opened follow the new
 * version (moved dates, added or removed milestones); milestones already opened get their new deadlines passed down
 * their trees (a later deadline moves the open reports' timers; an earlier one is never imposed on a unit that was
 * already given one). The cycle continues as new on the new version.
 */
export const amendPlanSignal = defineSignal<[{ planVersion: number; plan: ResolvedPlan }]>('amendPlan');
/** Cancels the cycle: pending milestones never open and running ones are cancelled, with actor and reason. */
export const cancelPlanSignal = defineSignal<[{ actor: string; reason: string }]>('cancelPlan');
/** Sent by a milestone's root when its whole tree has finished (its roll-up is in the database). */
export const milestoneFinishedSignal = defineSignal<[{ milestoneId: string }]>('milestoneFinished');
/** Where the cycle stands. Never mutates. */
export const planCycleStatusQuery = defineQuery<PlanCycleStatus>('planCycleStatus');

const { getUnitContacts, recordTimelineEvent, recordAudit, startWorkflow } = proxyActivities<
  ReturnType<typeof createActivities>
>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One plan's life, id `plan/{code}`: sleeps until each milestone opens (in opening order), then starts the
 * milestone's tree — a UnitMilestone workflow for the plan owner, which starts one per reporting unit — and records
 * the opening. It continues as new after each opening so its history stays a few dozen events over five years; the
 * milestone trees are abandoned to live on their own (their ids are deterministic, so they can still be found,
 * amended and cancelled). A milestone whose opening already passed opens at once. Once every milestone has opened,
 * the cycle stays until the last tree has finished, so a cancellation or an amendment still reaches the trees.
 */
export async function planCycleWorkflow(input: PlanCycleInput): Promise<PlanCycleStatus> {
  const { plan } = input;
  const pending = [...plan.milestones]
    .sort((a, b) => parseInstant(a.opensAt) - parseInstant(b.opensAt) || a.id.localeCompare(b.id))
    .filter((milestone) => !input.opened.includes(milestone.id));
  const finished = [...(input.finished ?? [])];
  let cancelled: { actor: string; reason: string } | undefined;
  let amendment: { planVersion: number; plan: ResolvedPlan } | undefined;
  const status = (): PlanCycleStatus => ({
    planCode: plan.code,
    planVersion: input.planVersion,
    opened: input.opened,
    finished,
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
  setHandler(milestoneFinishedSignal, ({ milestoneId }) => {
    if (!finished.includes(milestoneId)) finished.push(milestoneId);
  });
  const interrupted = () => cancelled !== undefined || amendment !== undefined;
  const continued = (changes: Partial<PlanCycleInput>) =>
    continueAsNew<typeof planCycleWorkflow>({ ...input, finished, ...changes });

  const next = pending[0];
  let waited = false;
  if (next) {
    if (!(await condition(interrupted, Math.max(1, parseInstant(next.opensAt) - Date.now())))) {
      await openMilestone(input, next);
      await condition(allHandlersFinished);
      // An amendment that arrived while this milestone opened reaches it (and those before it) like any other.
      const opened = [...input.opened, next.id];
      if (amendment) await amendOpenedMilestones(plan, opened, amendment);
      return continued({ opened, ...(amendment ? { planVersion: amendment.planVersion, plan: amendment.plan } : {}) });
    }
    waited = true;
  } else if (patched('wait-for-milestone-trees')) {
    await condition(() => interrupted() || input.opened.every((id) => finished.includes(id)));
    waited = true;
  }
  if (waited && amendment && !cancelled) {
    await amendOpenedMilestones(plan, input.opened, amendment);
    await condition(allHandlersFinished);
    return continued({ planVersion: amendment.planVersion, plan: amendment.plan });
  }
  if (cancelled) {
    // Running milestone trees are stopped from their root, which passes the cancellation down: each unit's report
    // ends as `cancelled` and the units that still owed one are told why. (Cycles cancelled before this version
    // cancelled the roots through Temporal, without telling anyone.)
    const bySignal = patched('cancel-trees-by-signal');
    for (const id of input.opened.filter((opened) => !finished.includes(opened))) {
      const root = getExternalWorkflowHandle(unitMilestoneWorkflowId(plan.code, id, plan.owner.unit));
      await (bySignal ? root.signal(cancelMilestoneSignal, cancelled) : root.cancel()).catch(() => undefined);
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

/**
 * Starts a milestone's tree from the plan owner's node, to live on its own, and records the opening. The tree is
 * started by an activity, with no parent: a child of this run would stay tied to a run that continues as new at
 * once (cycles opened before this version started it as an abandoned child).
 */
async function openMilestone(input: PlanCycleInput, milestone: ResolvedMilestone): Promise<void> {
  const { plan } = input;
  const ownerContacts = await getUnitContacts({ unitCode: plan.owner.unit, date: milestone.opensOn });
  const workflowId = unitMilestoneWorkflowId(plan.code, milestone.id, plan.owner.unit);
  const root: UnitMilestoneInput = {
    version: 1,
    planCode: plan.code,
    planVersion: input.planVersion,
    plan: { code: plan.code, title: plan.title, issuer: plan.issuer },
    owner: plan.owner,
    scope: plan.scope,
    policy: { reminderPolicy: plan.reminderPolicy, escalationPolicy: plan.escalationPolicy },
    milestone,
    depth: -1,
    parentUnitCode: null,
    parentContacts: {},
    ownerContacts,
  };
  if (patched('start-trees-by-activity')) {
    await startWorkflow({ workflowType: unitMilestoneWorkflow.name, workflowId, args: [root] });
  } else {
    await startChild(unitMilestoneWorkflow, { workflowId, parentClosePolicy: ParentClosePolicy.ABANDON, args: [root] });
  }
  await recordTimelineEvent({
    idempotencyKey: `${workflowInfo().workflowId}/${milestone.id}/opened`,
    planCode: plan.code,
    milestoneCode: milestone.id,
    kind: 'milestone-opened',
    dueAt: milestone.opensAt,
    occurredAt: formatVietnamInstant(Date.now()),
  });
}

/** The report deadlines of a milestone, for telling whether an amendment moved any. */
function deadlinesOf(milestone: ResolvedMilestone | undefined): string {
  return JSON.stringify(milestone?.reports.map((report) => [report.id, report.levels.map((level) => level.lastDay)]));
}

/**
 * Sends an amendment's version of each already opened milestone whose deadlines it changed to that milestone's
 * tree (a tree that already finished ignores it). Cycles amended before this version left opened milestones alone.
 */
async function amendOpenedMilestones(
  plan: ResolvedPlan,
  opened: string[],
  amendment: { planVersion: number; plan: ResolvedPlan },
): Promise<void> {
  if (!patched('amend-opened-milestones')) return;
  for (const id of opened) {
    const before = plan.milestones.find((m) => m.id === id);
    const after = amendment.plan.milestones.find((m) => m.id === id);
    if (!after || deadlinesOf(before) === deadlinesOf(after)) continue;
    await getExternalWorkflowHandle(unitMilestoneWorkflowId(plan.code, id, plan.owner.unit))
      .signal(amendMilestoneSignal, { planVersion: amendment.planVersion, milestone: after })
      .catch(() => undefined);
  }
}
