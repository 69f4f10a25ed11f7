import { formatCivilDate, type CivilDate, type InstantIso } from '../civil-time';
import type { ResolvedPlan } from './resolved-plan';

export type TimelineEventKind = 'mở mốc' | 'sự kiện' | 'nhắc hạn' | 'hạn' | 'leo thang' | 'kết thúc mốc';

/** One line of the printed timeline: what happens when, for which milestone, report and level. */
export interface TimelineRow {
  date: CivilDate;
  /** The instant, for rows that are sent or fall due at a time (reminders, deadlines, escalations). */
  at?: InstantIso;
  milestone: string;
  event: TimelineEventKind;
  detail: string;
}

const ORDER: Record<TimelineEventKind, number> = {
  'mở mốc': 0,
  'sự kiện': 1,
  'nhắc hạn': 2,
  hạn: 3,
  'leo thang': 4,
  'kết thúc mốc': 5,
};

/**
 * Every dated event of a resolved plan, in time order: what `dondoc plan validate` prints so an officer can check it
 * line by line against the paper plan.
 */
export function planTimeline(plan: ResolvedPlan): TimelineRow[] {
  const rows: TimelineRow[] = [];
  for (const milestone of plan.milestones) {
    const m = milestone.id;
    rows.push({
      date: milestone.opensOn,
      at: milestone.opensAt,
      milestone: m,
      event: 'mở mốc',
      detail: `${milestone.kind}: ${milestone.title} (${milestone.when})`,
    });
    if (milestone.eventOn)
      rows.push({ date: milestone.eventOn, milestone: m, event: 'sự kiện', detail: milestone.title });
    for (const report of milestone.reports) {
      for (const level of report.levels) {
        const who = report.levels.length > 1 ? `${report.title} — ${level.level}` : report.title;
        for (const reminder of level.reminders) {
          rows.push({
            date: reminder.at.slice(0, 10),
            at: reminder.at,
            milestone: m,
            event: 'nhắc hạn',
            detail: `${who} (${reminder.offset === 'sáng ngày hạn' ? reminder.offset : `trước ${reminder.offset}`})`,
          });
        }
        const moved = level.moved ? `; ${level.moved.reason}` : '';
        const source = report.due ? ` ("${report.due}")` : ' (hết mốc)';
        rows.push({
          date: level.lastDay,
          at: level.dueAt,
          milestone: m,
          event: 'hạn',
          detail: `${who}: hết ngày ${formatCivilDate(level.lastDay)}${source}${moved}`,
        });
        for (const step of level.escalations) {
          rows.push({
            date: step.at.slice(0, 10),
            at: step.at,
            milestone: m,
            event: 'leo thang',
            detail: `${who}: bậc ${step.step}, quá hạn ${step.after} → ${step.notify.join(', ')}`,
          });
        }
      }
    }
    rows.push({ date: milestone.closesOn, milestone: m, event: 'kết thúc mốc', detail: milestone.title });
  }
  return rows.sort(
    (a, b) => a.date.localeCompare(b.date) || ORDER[a.event] - ORDER[b.event] || a.milestone.localeCompare(b.milestone),
  );
}
