import type { DashboardFilters, DashboardPages } from './dashboard-data';

/**
 * The query string of the dashboard's filters (empty ones left out) and of the pages when past the first (`page` of
 * the units, `overduePage` of the overdue list), with its "?" — or "" when none is set.
 */
export function filterQuery(filters: DashboardFilters, pages: Partial<DashboardPages> = {}): string {
  const params = new URLSearchParams();
  if (filters.level !== undefined) params.set('level', String(filters.level));
  if (filters.field) params.set('field', filters.field);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.under) params.set('under', filters.under);
  if (pages.units !== undefined && pages.units > 1) params.set('page', String(pages.units));
  if (pages.overdue !== undefined && pages.overdue > 1) params.set('overduePage', String(pages.overdue));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** `/theo-doi/<plan>/<milestone>`, each part URL-encoded (plan codes hold "/": `125%2FKH-UBND`). */
export function dashboardPath(planCode: string, milestoneId?: string): string {
  const plan = `/theo-doi/${encodeURIComponent(planCode)}`;
  return milestoneId === undefined ? plan : `${plan}/${encodeURIComponent(milestoneId)}`;
}

/** One unit's history for a milestone: `/theo-doi/<plan>/<milestone>/don-vi/<unit>`. */
export function unitHistoryPath(planCode: string, milestoneId: string, unitCode: string): string {
  return `${dashboardPath(planCode, milestoneId)}/don-vi/${encodeURIComponent(unitCode)}`;
}
