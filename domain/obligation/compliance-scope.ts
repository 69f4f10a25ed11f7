/** What a compliance request names, against what the plan has. */
export interface ScopeRequest {
  milestoneId?: string | undefined;
  reportId?: string | undefined;
  level?: number | undefined;
}

export interface ScopePlan {
  code: string;
  levels: readonly string[];
  milestones: ReadonlyArray<{ id: string; reports: ReadonlyArray<{ id: string }> }>;
}

/** A compliance request that names something the plan does not have, with its stable code and the field. */
export interface ScopeProblem {
  code: 'COMPLIANCE_MILESTONE_UNKNOWN' | 'COMPLIANCE_REPORT_UNKNOWN' | 'COMPLIANCE_LEVEL_UNKNOWN';
  field: 'milestone' | 'report' | 'level';
  message: string;
}

/**
 * Why a compliance request cannot be answered for this plan — a milestone, report or reporting level it does not
 * have — in Vietnamese, listing what the plan does have; undefined when it can. (A unit outside the tree is not a
 * problem: its subtree is simply empty.)
 */
export function complianceScopeProblem(plan: ScopePlan, request: ScopeRequest): ScopeProblem | undefined {
  const milestone = plan.milestones.find((m) => m.id === request.milestoneId);
  if (request.milestoneId !== undefined && !milestone) {
    return {
      code: 'COMPLIANCE_MILESTONE_UNKNOWN',
      field: 'milestone',
      message:
        `COMPLIANCE_MILESTONE_UNKNOWN: kế hoạch ${plan.code} không có mốc "${request.milestoneId}"` +
        ` (các mốc: ${plan.milestones.map((m) => m.id).join(', ') || 'chưa có'})`,
    };
  }
  const reports = milestone ? milestone.reports : plan.milestones.flatMap((m) => m.reports);
  if (request.reportId !== undefined && !reports.some((r) => r.id === request.reportId)) {
    return {
      code: 'COMPLIANCE_REPORT_UNKNOWN',
      field: 'report',
      message:
        `COMPLIANCE_REPORT_UNKNOWN: kế hoạch ${plan.code} không có báo cáo "${request.reportId}"` +
        `${milestone ? ` trong mốc "${milestone.id}"` : ''} (các báo cáo: ${[...new Set(reports.map((r) => r.id))].join(', ')})`,
    };
  }
  const { level } = request;
  if (level !== undefined && (!Number.isInteger(level) || level < 0 || level >= plan.levels.length)) {
    return {
      code: 'COMPLIANCE_LEVEL_UNKNOWN',
      field: 'level',
      message:
        `COMPLIANCE_LEVEL_UNKNOWN: kế hoạch ${plan.code} có ${plan.levels.length} cấp báo cáo: ` +
        plan.levels.map((label, index) => `${index + 1} = ${label}`).join(', '),
    };
  }
  return undefined;
}
