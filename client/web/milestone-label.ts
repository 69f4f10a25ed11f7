import type { ComplianceOutline } from '../../db/compliance.repository';

type OutlineMilestone = ComplianceOutline['milestones'][number];

/** A milestone in a column header or a chart: its kind and the year it closes ("Sơ kết 2023"). */
export function milestoneLabel(milestone: OutlineMilestone | undefined, id: string): string {
  if (!milestone) return id;
  return `${milestone.kind.charAt(0).toLocaleUpperCase('vi')}${milestone.kind.slice(1)} ${milestone.closesOn.slice(0, 4)}`;
}
