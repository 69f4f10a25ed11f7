import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { UnitContacts } from '../activities/plan-cycle/get-unit-contacts';
import { planCycleWorkflowId, unitMilestoneWorkflowId } from '../domain/ids';
import { sumRollups, type ObligationOutcome, type Rollup } from '../domain/obligation/rollup';
import type { AcceptedSubmission, SubmissionInput } from '../domain/obligation/submission';
import type { NoticePolicy } from '../domain/plan/deadline-schedule';
import type { PlanFile } from '../domain/plan/plan-schema';
import type { ResolvedLevelDeadline, ResolvedMilestone } from '../domain/plan/resolved-plan';
import { isLastScopeLevel } from '../domain/plan/scope-levels';
import {
  ReportObligation,
  type CancellationInput,
  type ExemptionInput,
  type ExtensionInput,
  type ObligationStatus,
  type SuccessorAssignmentInput,
} from './report-obligation';
// (A cycle of imports with plan-cycle.ts, resolved at run time: the signal is only used inside the workflow.)
import { milestoneFinishedSignal } from './plan-cycle';

export interface UnitMilestoneInput {
  version: 1;
  planCode: string;
  planVersion: number;
  plan: { code: string; title: string; issuer: string };
  owner: { unit: string; name: string };
  scope: PlanFile['scope'];
  policy: NoticePolicy;
  milestone: ResolvedMilestone;
  /** The reporting unit; absent for the plan owner's node, the root of the milestone's tree. */
  unit?: { id: string; code: string; name: string };
  /** The unit's reporter and head as its parent read them; inputs written before carry none (read by activity). */
  contacts?: UnitContacts;
  /** The unit's reporting level (0 reports to the owner); −1 for the owner. */
  depth: number;
  parentUnitCode: string | null;
  parentContacts: UnitContacts;
  ownerContacts: UnitContacts;
}

export interface UnitMilestoneResult {
  unitCode: string;
  outcomes: Record<string, ObligationOutcome>;
  rollup: Rollup;
}

export interface UnitMilestoneStatus {
  unitCode: string;
  obligations: ObligationStatus[];
  children: { total: number; finished: number };
  rollup: Rollup;
}

/** Submits a unit's report. The validator rejects, with a Vietnamese message and no change, a submission for another
 * unit or report, an invalid form, nominations over quota, a resubmission after the deadline, or after the close. */
export const submitReportUpdate = defineUpdate<AcceptedSubmission, [SubmissionInput]>('submitReport');
/** Extends (gia hạn) one report's deadline; the reminders and escalations move with it. */
export const extendDeadlineUpdate = defineUpdate<ResolvedLevelDeadline, [ExtensionInput]>('extendDeadline');
/**
 * Gives a report whose unit the reform split between several successors to the one a person chose (one of the
 * candidates the transfer found), with actor and reason; the chosen unit's people get the notices from then on.
 */
export const assignSuccessorUpdate = defineUpdate<{ unitCode: string }, [SuccessorAssignmentInput]>('assignSuccessor');
/** Exempts (miễn) the unit from one report, with actor and reason. */
export const exemptReportUpdate = defineUpdate<void, [ExemptionInput]>('exemptReport');
/**
 * Stops this unit's part of the milestone and, passed down, its whole subtree: open reports end as `cancelled`, units
 * that still owed one are told why; reports already sent keep their outcome. Sent by the plan cycle when the plan is
 * cancelled.
 */
export const cancelMilestoneSignal = defineSignal<[CancellationInput]>('cancelMilestone');
/**
 * An amended plan's version of this (already opened) milestone, passed down the subtree: each open report takes its
 * level's new deadline when it is later (never an earlier one). Sent by the plan cycle on an amendment.
 */
export const amendMilestoneSignal =
  defineSignal<[{ planVersion: number; milestone: ResolvedMilestone }]>('amendMilestone');
/** The unit's obligations, its children's progress and the roll-up so far. Never mutates. */
export const unitMilestoneStatusQuery = defineQuery<UnitMilestoneStatus>('unitMilestoneStatus');

/** How many children a node starts together (well under the server's limit of 2,000 pending child starts). */
const CHILDREN_STARTED_TOGETHER = 100;

const { listReportingUnits, getUnitContacts, recordRollup } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Rejects an Update with its Vietnamese message (the code first): the caller receives it as the failure's cause, the
 * workflow's state is unchanged, and nothing is written to its history.
 */
function reject(problem: string | undefined): void {
  if (!problem) return;
  throw ApplicationFailure.create({ type: problem.split(':', 1)[0], message: problem, nonRetryable: true });
}

/**
 * One unit's part in one milestone, id `plan/{code}/{milestone}/{unit}` (the owner's node: `…/{owner}`). Starts a
 * child for each unit that reports to it in the tree in force when the milestone opens, runs its own report
 * obligations (reminders, deadline, escalation; submissions by Update), and when its children and its own reports
 * are done returns the roll-up of its subtree to its parent, writing it to the database as results arrive.
 */
export async function unitMilestoneWorkflow(input: UnitMilestoneInput): Promise<UnitMilestoneResult> {
  const unitCode = input.unit?.code ?? input.owner.unit;
  const contacts: UnitContacts = input.unit
    ? (input.contacts ?? (await getUnitContacts({ unitId: input.unit.id })))
    : input.ownerContacts;
  const obligations = input.unit
    ? input.milestone.reports.flatMap((report) => {
        const schedule = report.levels[input.depth];
        if (!schedule) return [];
        return [
          new ReportObligation({
            planCode: input.planCode,
            planVersion: input.planVersion,
            plan: input.plan,
            owner: input.owner,
            milestone: input.milestone,
            report,
            level: input.depth,
            schedule,
            policy: input.policy,
            unit: input.unit!,
            parentUnitCode: input.parentUnitCode,
            contacts,
            parentContacts: input.parentContacts,
            ownerContacts: input.ownerContacts,
          }),
        ];
      })
    : [];
  const byReport = (reportId: string) => {
    const obligation = obligations.find((o) => o.reportId === reportId);
    if (!obligation) reject(`SUBMISSION_WRONG_REPORT: đơn vị ${unitCode} không có báo cáo "${reportId}" trong mốc này`);
    return obligation!;
  };
  const childResults: UnitMilestoneResult[] = [];
  let ownRollups: Rollup[] = [];

  setHandler(submitReportUpdate, (submission) => byReport(submission.reportId).submit(submission), {
    validator: (submission: SubmissionInput) => reject(byReport(submission.reportId).submissionProblem(submission)),
  });
  setHandler(extendDeadlineUpdate, (extension) => byReport(extension.reportId).extend(extension), {
    validator: (extension: ExtensionInput) => reject(byReport(extension.reportId).extensionProblem(extension)),
  });
  setHandler(assignSuccessorUpdate, (assignment) => byReport(assignment.reportId).assign(assignment), {
    validator: (assignment: SuccessorAssignmentInput) =>
      reject(byReport(assignment.reportId).assignmentProblem(assignment)),
  });
  setHandler(exemptReportUpdate, (exemption) => byReport(exemption.reportId).exempt(exemption), {
    validator: (exemption: ExemptionInput) => reject(byReport(exemption.reportId).exemptionProblem(exemption)),
  });
  // Cancellation and amendments reach every node of the tree: each applies them to its own reports and forwards
  // them to the children started so far (a child started later gets them at its start, below).
  const children: Array<ChildWorkflowHandle<typeof unitMilestoneWorkflow>> = [];
  let cancellation: CancellationInput | undefined;
  let amendment: { planVersion: number; milestone: ResolvedMilestone } | undefined;
  const forward = <T extends unknown[]>(
    to: Array<ChildWorkflowHandle<typeof unitMilestoneWorkflow>>,
    signal: ReturnType<typeof defineSignal<T>>,
    ...args: T
  ) => Promise.all(to.map((child) => child.signal(signal, ...args).catch(() => undefined)));
  setHandler(cancelMilestoneSignal, async (request) => {
    if (cancellation) return;
    cancellation = request;
    for (const obligation of obligations) obligation.cancel(request);
    await forward(children, cancelMilestoneSignal, request);
  });
  setHandler(amendMilestoneSignal, async (request) => {
    if (request.planVersion <= (amendment?.planVersion ?? input.planVersion)) return;
    amendment = request;
    for (const obligation of obligations) {
      const schedule = request.milestone.reports.find((r) => r.id === obligation.reportId)?.levels[input.depth];
      if (schedule) await obligation.amend(schedule, request.planVersion);
    }
    await forward(children, amendMilestoneSignal, request);
  });
  setHandler(unitMilestoneStatusQuery, () => ({
    unitCode,
    obligations: obligations.map((o) => o.status()),
    children: { total: children.length, finished: childResults.length },
    rollup: sumRollups([...ownRollups, ...childResults.map((r) => r.rollup)]),
  }));

  let rollupWrites = 0;
  const project = (closed: boolean) =>
    recordRollup({
      planCode: input.planCode,
      milestoneId: input.milestone.id,
      unitCode,
      parentUnitCode: input.parentUnitCode,
      level: input.depth,
      rollup: sumRollups([...ownRollups, ...childResults.map((r) => r.rollup)]),
      closed,
      sequence: ++rollupWrites,
    });

  // Since `open-in-fewer-tasks`: a unit of the scope's last level asks no activity for the units below it (there are
  // none in scope), and its first roll-up is written together with its obligations' first writes: an activity and
  // two workflow tasks fewer per commune (a quarter of the events a unit records when its milestone opens).
  const fewerTasks = patched('open-in-fewer-tasks');
  const reporters =
    input.milestone.reports.length === 0 || (fewerTasks && isLastScopeLevel(input.scope, input.depth))
      ? []
      : await listReportingUnits({
          scope: input.scope,
          parentUnitId: input.unit?.id,
          depth: input.depth,
          date: input.milestone.opensOn,
          ownerCode: input.owner.unit,
        });
  const startReporter = ({ contacts: reporterContacts, ...reporter }: (typeof reporters)[number]) =>
    startChild(unitMilestoneWorkflow, {
      workflowId: unitMilestoneWorkflowId(input.planCode, input.milestone.id, reporter.code),
      args: [
        {
          ...input,
          ...(amendment ? { planVersion: amendment.planVersion, milestone: amendment.milestone } : {}),
          unit: reporter,
          contacts: reporterContacts,
          depth: input.depth + 1,
          parentUnitCode: unitCode,
          parentContacts: contacts,
        },
      ],
    });
  // The children are started in batches, each batch's starts sent together in one workflow task; milestones opened
  // before this version started them one at a time, a task per child (the national tree's root spent minutes on it).
  const together = patched('start-children-together');
  const batchSize = together ? CHILDREN_STARTED_TOGETHER : 1;
  for (let i = 0; i < reporters.length && !cancellation; i += batchSize) {
    const startedWith = amendment;
    const batch = await Promise.all(reporters.slice(i, i + batchSize).map(startReporter));
    children.push(...batch);
    if (!together) continue;
    // What arrived while the batch was starting reached only the children started before it.
    if (cancellation) await forward(batch, cancelMilestoneSignal, cancellation);
    if (amendment && amendment !== startedWith) await forward(batch, amendMilestoneSignal, amendment);
  }
  const firstWrite = project(false);
  // Before `open-in-fewer-tasks` the obligations began once the roll-up was written.
  if (!fewerTasks) await firstWrite;
  const ownResults = obligations.map((obligation) => obligation.run());
  await firstWrite;
  await Promise.all(
    children.map(async (child) => {
      childResults.push(await child.result());
      await project(false);
    }),
  );
  const own = await Promise.all(ownResults);
  ownRollups = own.map((result) => result.rollup);
  await condition(allHandlersFinished);
  await project(true);
  if (!input.unit && patched('report-to-plan-cycle')) {
    // The root tells the plan cycle the milestone is done (a cycle that already ended ignores it).
    await getExternalWorkflowHandle(planCycleWorkflowId(input.planCode))
      .signal(milestoneFinishedSignal, { milestoneId: input.milestone.id })
      .catch(() => undefined);
  }
  return {
    unitCode,
    outcomes: Object.fromEntries(own.map((result, i) => [obligations[i]!.reportId, result.outcome])),
    rollup: sumRollups([...ownRollups, ...childResults.map((r) => r.rollup)]),
  };
}
