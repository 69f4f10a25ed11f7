/**
 * Deterministic workflow ids from business keys (DESIGN.md, "Workflow ids are deterministic"). A submission, an
 * extension or a second start finds the same workflow by the same id, which is what makes starts idempotent.
 */
export function unitMilestoneWorkflowId(planCode: string, milestoneCode: string, unitCode: string): string {
  return `plan/${planCode}/${milestoneCode}/${unitCode}`;
}

export function planCycleWorkflowId(planCode: string): string {
  return `plan/${planCode}`;
}

export function milestoneAlarmWorkflowId(planCode: string, milestoneCode: string): string {
  return `alarm/${planCode}/${milestoneCode}`;
}
