import { getPlanVersion } from '../../../db/plan.repository';
import { findObligation } from '../../../db/obligation-view.repository';
import type { Obligation } from '../../../db/tables/obligation.table';
import { formatVietnamInstant, parseInstant, vietnamInstant, type InstantIso } from '../../../domain/civil-time';
import type { ResolvedMilestone, ResolvedReport } from '../../../domain/plan/resolved-plan';
import type { ResolvedPlan } from '../../../domain/plan/resolved-plan';
import { notFound } from '../api-error';
import type { ApiContext } from '../api-options';
import type { ScopeTarget } from '../auth/leader-scope';
import { instantOf } from '../instant';

const DAY_MS = 24 * 3600 * 1000;

/** An obligation with the plan version it runs on: its milestone, its report form, when it closes. */
export interface ObligationContext {
  obligation: Obligation;
  plan: ResolvedPlan;
  milestone: ResolvedMilestone | undefined;
  report: ResolvedReport | undefined;
  /** When the obligation closes: 24:00 of the day of its last escalation step, moved by any extension. */
  closeAt: InstantIso;
  /** What a leader's scope is checked against: the unit on the day the milestone opened, the plan's owner. */
  scope: ScopeTarget;
}

/**
 * Loads an obligation and its plan version; 404 OBLIGATION_NOT_FOUND when there is none. The close is computed as
 * the workflow does (report-obligation.ts `closeAt`), shifted by the extension the row records.
 */
export async function loadObligation(api: ApiContext, id: string): Promise<ObligationContext> {
  const obligation = await findObligation(api.db, id);
  if (!obligation) throw notFound('OBLIGATION_NOT_FOUND', `không có nghĩa vụ báo cáo "${id}"`, 'id');
  const plan = (await getPlanVersion(api.db, obligation.plan_code, obligation.plan_version)).resolved;
  const milestone = plan.milestones.find((m) => m.id === obligation.milestone_id);
  const report = milestone?.reports.find((r) => r.id === obligation.report_id);
  const schedule = report?.levels[obligation.level];
  const originalDue = parseInstant(instantOf(obligation.original_due_at));
  const shift = parseInstant(instantOf(obligation.due_at)) - originalDue;
  const last = schedule?.escalations.at(-1)?.at ?? schedule?.dueAt ?? instantOf(obligation.original_due_at);
  const closeAt = vietnamInstant(formatVietnamInstant(parseInstant(last) + shift + DAY_MS).slice(0, 10));
  return {
    obligation,
    plan,
    milestone,
    report,
    closeAt,
    scope: {
      unitCode: obligation.assigned_unit_code ?? obligation.unit_code,
      date: milestone?.opensOn ?? formatVietnamInstant(originalDue).slice(0, 10),
      planOwner: plan.owner.unit,
    },
  };
}

/** Whether the obligation is over (closed with an outcome): no Update can change it any more. */
export function isFinal(obligation: Obligation): boolean {
  return ['on-time', 'late', 'missing', 'exempt', 'cancelled'].includes(obligation.status);
}
