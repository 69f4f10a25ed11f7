import type { Kysely } from 'kysely';
import { createPlan } from '../../db/plan.repository';
import type { Database } from '../../db/schema';
import { buildWorkingCalendar } from '../../domain/calendar/working-calendar-builder';
import { formatVietnamInstant } from '../../domain/civil-time';
import { loadPlan } from '../../domain/plan/load-plan';
import { loadCalendarFiles } from '../../runtime/calendar-files';
import { benchPlanText, NATIONAL_OWNER, type Province, vietnamToday } from './national-plan';

/** The reminder every unit gets at the burst instant: "3 working days before", by email only. */
const REMINDER = { offset: '3 ngày làm việc', channels: '[email]' };

/**
 * Loads a plan over `provinces` (three levels, the owner above them) whose only reminder, for every level, falls
 * at `reminderAtMs` (whole seconds): the plan text is an ordinary one (email reminders 3 working days before a
 * deadline 30 days away), and its resolved reminders are then moved to the one instant, as if every unit's reminder
 * day and hour were the same. Nothing else of the plan changes: the workflows run it as they run any plan.
 */
export async function loadBurstPlan(
  db: Kysely<Database>,
  options: { code: string; provinces: readonly Province[]; reminderAtMs: number },
): Promise<{ reminderAt: string }> {
  const owner = { unit: NATIONAL_OWNER, name: 'Bộ Nội vụ' };
  const scope = `[${options.provinces.map((p) => `{ unit: '${p.level1_id}' }`).join(', ')}]`;
  const levels = ['cấp tỉnh', 'cấp huyện', 'cấp xã'];
  const text = benchPlanText({ code: options.code, owner, scope, levels, today: vietnamToday() }).replace(
    /^milestones:/m,
    `reminders: { before: [${REMINDER.offset}], channels: ${REMINDER.channels} }\nmilestones:`,
  );
  const loaded = loadPlan(text, 'bench/burst-plan.yaml', buildWorkingCalendar(await loadCalendarFiles()));
  const reminderAt = formatVietnamInstant(Math.ceil(options.reminderAtMs / 1000) * 1000);
  for (const milestone of loaded.resolved.milestones) {
    for (const report of milestone.reports) {
      for (const level of report.levels) level.reminders = [{ offset: REMINDER.offset, at: reminderAt }];
    }
  }
  await createPlan(db, {
    sourceFile: 'bench/burst-plan.yaml',
    sourceText: text,
    definition: loaded.plan,
    resolved: loaded.resolved,
    actor: 'bench',
  });
  return { reminderAt };
}
