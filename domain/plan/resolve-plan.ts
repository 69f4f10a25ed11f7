import { addWorkingDays } from '../calendar/deadline-arithmetic';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { formatCivilDate, vietnamInstant, type CivilDate } from '../civil-time';
import { scheduleDeadline, shiftDate, type NoticePolicy } from './deadline-schedule';
import { DEFAULT_CASCADE_GAP, DEFAULT_ESCALATION, DEFAULT_REMINDERS } from './default-policy';
import { OffsetPhraseError, readOffset } from './offset-phrases';
import { fieldPath, PlanErrorCode, PlanFileError, type PlanProblem } from './plan-errors';
import type { PlanFile, PlanFileMilestone, PlanFileReport } from './plan-schema';
import type { ResolvedLevelDeadline, ResolvedMilestone, ResolvedPlan, ResolvedReport } from './resolved-plan';
import {
  DEFAULT_DEADLINE_READING,
  PhraseError,
  readTimePhrase,
  type PhraseContext,
  type TimePhrase,
} from './time-phrases';

export interface ResolveOptions {
  calendar: WorkingCalendar;
  file: string;
  lineOf?: (path: ReadonlyArray<PropertyKey>) => number | undefined;
}

type Path = PropertyKey[];
type SingleTimePhrase = Exclude<TimePhrase, { kind: 'yearly' }>;

/**
 * Turns a checked plan file into exact dates: every milestone's window, every level's deadline (moved off days off
 * by Bộ luật Dân sự 2015 Điều 148), every reminder and escalation instant. Pure and deterministic. Throws
 * `PlanFileError` listing every phrase it could not read and every rule a date breaks (a deadline before its
 * milestone opens; a level whose deadline leaves less than one working day before the level above, Nghị định
 * 09/2019/NĐ-CP), with file, line and field.
 */
export function resolvePlan(plan: PlanFile, options: ResolveOptions): ResolvedPlan {
  const problems: PlanProblem[] = [];
  const problem = (code: PlanProblem['code'], path: Path, message: string) =>
    problems.push({ code, field: fieldPath(path), line: options.lineOf?.(path), message });
  /** Runs a reading; a phrase error becomes a located problem and the result undefined. */
  const attempt = <T>(path: Path, read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (error instanceof PhraseError) problem(error.code, path, `mốc thời gian "${error.phrase}" ${error.reason}`);
      else if (error instanceof OffsetPhraseError)
        problem(PlanErrorCode.offsetUnreadable, path, error.message.replace(/^\S+: /, ''));
      else throw error;
      return undefined;
    }
  };

  const [from, to] = plan.period.split(/\s*[-–]\s*/).map(Number) as [number, number];
  const deadlineReading = plan.deadline_reading ?? DEFAULT_DEADLINE_READING;
  const context: PhraseContext = { deadlineReading, years: { from, to } };
  const offsets = (texts: string[], path: Path) =>
    texts.map((text, i) => attempt([...path, i], () => ({ ...readOffset(text), text })));
  const reminders = plan.reminders ?? DEFAULT_REMINDERS;
  const before = offsets(reminders.before, ['reminders', 'before']);
  const escalation = (plan.escalation ?? DEFAULT_ESCALATION).map((step, i) => ({
    after: attempt(['escalation', i, 'after'], () => ({ ...readOffset(step.after), text: step.after })),
    notify: step.notify,
  }));
  const cal = options.calendar;
  const policy: NoticePolicy = {
    reminderPolicy: { before: before.filter((o) => o !== undefined), channels: reminders.channels },
    escalationPolicy: escalation.flatMap((step) => (step.after ? [{ after: step.after, notify: step.notify }] : [])),
  };

  const planStart = plan.issued
    ? attempt(['issued'], () => windowOf(readTimePhrase(plan.issued!, context)))?.start
    : undefined;
  const milestones = plan.milestones.flatMap((milestone, index) =>
    occurrences(milestone, index).map(({ id, phrase }) => resolveMilestone(milestone, index, id, phrase)),
  );

  function occurrences(milestone: PlanFileMilestone, index: number): Array<{ id: string; phrase: SingleTimePhrase }> {
    const years = milestone.years ? milestone.years.split(/\s*[-–]\s*/).map(Number) : [from, to];
    const phrase = attempt(['milestones', index, 'when'], () =>
      readTimePhrase(milestone.when, { ...context, years: { from: years[0]!, to: years[1]! } }),
    );
    if (!phrase) return [];
    if (phrase.kind !== 'yearly') return [{ id: milestone.id, phrase }];
    return phrase.each.map((each) => ({ id: `${milestone.id}-${windowOf(each).end.slice(0, 4)}`, phrase: each }));
  }

  function windowOf(phrase: TimePhrase): { start: CivilDate; end: CivilDate } {
    if (phrase.kind === 'window') return phrase;
    if (phrase.kind === 'day') return { start: phrase.date, end: phrase.date };
    if (phrase.kind === 'deadline') return { start: planStart ?? `${from}-01-01`, end: phrase.lastDay };
    return { start: windowOf(phrase.each[0]!).start, end: windowOf(phrase.each.at(-1)!).end };
  }

  function resolveMilestone(
    milestone: PlanFileMilestone,
    index: number,
    id: string,
    phrase: SingleTimePhrase,
  ): ResolvedMilestone {
    const path = ['milestones', index];
    const window = windowOf(phrase);
    const year = Number(window.end.slice(0, 4));
    let eventOn: CivilDate | undefined;
    if (milestone.on) {
      const on = attempt([...path, 'on'], () => readTimePhrase(milestone.on!, { ...context, year }));
      if (on && on.kind !== 'day')
        problem(PlanErrorCode.fieldInvalid, [...path, 'on'], `"${milestone.on}" phải là một ngày, ví dụ "dịp 11/6"`);
      else if (on && (on.date < window.start || on.date > window.end)) {
        problem(
          PlanErrorCode.fieldInvalid,
          [...path, 'on'],
          `ngày ${formatCivilDate(on.date)} nằm ngoài mốc "${milestone.when}"`,
        );
      } else eventOn = on?.date;
    }
    const reports = milestone.reports.map((report, r) => resolveReport(report, [...path, 'reports', r], window, year));
    // A deadline moved past the window's end by Điều 148 keeps the milestone open until it.
    const lastDeadline = reports
      .flatMap((report) => report.levels.map((level) => level.lastDay))
      .sort()
      .at(-1);
    return {
      id,
      kind: milestone.kind,
      title: milestone.title,
      ...(milestone.lead ? { lead: milestone.lead } : {}),
      when: milestone.when,
      opensOn: window.start,
      closesOn: lastDeadline && lastDeadline > window.end ? lastDeadline : window.end,
      opensAt: vietnamInstant(window.start),
      ...(eventOn ? { eventOn } : {}),
      reports,
    };
  }

  function resolveReport(
    report: PlanFileReport,
    path: Path,
    window: { start: CivilDate; end: CivilDate },
    year: number,
  ): ResolvedReport {
    const lastDayOf = (text: string | undefined, at: Path): CivilDate | undefined => {
      if (!text) return window.end;
      const phrase = attempt(at, () => readTimePhrase(text, { ...context, year }));
      return phrase ? windowOf(phrase).end : undefined;
    };
    const named: Array<CivilDate | undefined> = [lastDayOf(report.due, [...path, 'due'])];
    const levelNames = plan.scope.levels;
    if (report.levels && report.levels.length !== levelNames.length - 1) {
      problem(
        PlanErrorCode.fieldInvalid,
        [...path, 'levels'],
        `cần ${levelNames.length - 1} hạn cho các cấp dưới (${levelNames.slice(1).join(', ') || 'không có'}), có ${report.levels.length}`,
      );
    }
    const gap = report.levels
      ? undefined
      : attempt([...path, 'cascade', 'gap'], () => readOffset(report.cascade?.gap ?? DEFAULT_CASCADE_GAP));

    const levels: ResolvedLevelDeadline[] = [];
    levelNames.forEach((level, k) => {
      const levelPath =
        k === 0 ? [...path, 'due'] : report.levels ? [...path, 'levels', k - 1, 'due'] : [...path, 'cascade'];
      const nominal =
        k === 0
          ? named[0]
          : report.levels
            ? lastDayOf(report.levels[k - 1]?.due, levelPath)
            : levels[k - 1] && gap
              ? shiftDate(cal, levels[k - 1]!.lastDay, gap, -1)
              : undefined;
      if (!nominal) return;
      const deadline = scheduleDeadline(cal, nominal, window.start, policy);
      if (deadline.lastDay < window.start) {
        problem(
          PlanErrorCode.deadlineBeforeOpen,
          levelPath,
          `hạn ${level} ${formatCivilDate(deadline.lastDay)} trước ngày mốc mở (${formatCivilDate(window.start)})`,
        );
      }
      const above = levels[k - 1];
      if (above && addWorkingDays(cal, deadline.lastDay, 1) > above.lastDay) {
        problem(
          PlanErrorCode.cascadeTooTight,
          levelPath,
          `hạn ${level} ${formatCivilDate(deadline.lastDay)} phải trước hạn ${above.level} ${formatCivilDate(above.lastDay)} ít nhất ` +
            '01 ngày làm việc (Nghị định 09/2019/NĐ-CP: mỗi cấp có thời gian tổng hợp)',
        );
      }
      levels.push({ level, ...deadline });
    });
    return {
      id: report.id,
      title: report.title,
      text: report.text,
      fields: report.fields,
      ...(report.nominations ? { nominations: report.nominations } : {}),
      ...(report.due ? { due: report.due } : {}),
      levels,
    };
  }

  if (problems.length > 0) throw new PlanFileError(options.file, problems);
  return {
    version: 1,
    code: plan.code,
    title: plan.title,
    issuer: plan.issuer,
    ...(plan.signer ? { signer: plan.signer } : {}),
    ...(plan.issued ? { issued: plan.issued } : {}),
    period: { from, to },
    ...(plan.basis ? { basis: plan.basis } : {}),
    deadlineReading,
    owner: plan.owner,
    scope: plan.scope,
    ...policy,
    amendable: plan.amendable,
    milestones,
  };
}
