import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { ResolvedPlan } from '../../domain/plan/resolved-plan';
import { countMilestoneUnits, countOpenedUnits, milestonesOpeningAt } from './milestone-opening';
import { terminalBar } from './terminal-bar';
import { waitForOpening, type OpeningWait, type OpeningWaitEnd } from './wait-for-opening';

/** What `plan start` tells of the milestones that opened with the cycle. */
export interface OpeningSummary {
  /** Ids of the milestones opening at once. */
  milestones: string[];
  expectedUnits: number;
  openedUnits: number;
  end: OpeningWaitEnd;
  seconds: number;
}

const count = (n: number) => n.toLocaleString('vi-VN');

/** `mốc "Tổng kết năm"`, or `3 mốc`. */
export function milestonesLabel(plan: ResolvedPlan, ids: string[]): string {
  const only = ids.length === 1 ? plan.milestones.find((milestone) => milestone.id === ids[0]) : undefined;
  return only ? `mốc "${only.title}"` : `${ids.length} mốc`;
}

/**
 * After a cycle starts: when milestones open at once (their opening time is past), waits until every unit of their
 * trees has its obligation, with a bar on stderr when a person watches a terminal. The signal (Ctrl-C) ends the
 * wait, not the cycle. Resolves with how far the opening went, or undefined when no milestone opens now. Stalls (no new unit for
 * `stallMs`) end the wait too; the caller says what that means.
 */
export async function watchOpening(
  db: Kysely<Database>,
  plan: ResolvedPlan,
  options: Pick<OpeningWait, 'signal' | 'pollMs' | 'stallMs'> & { now?: number } = {},
): Promise<OpeningSummary | undefined> {
  const opening = milestonesOpeningAt(plan, options.now ?? Date.now());
  if (opening.length === 0) return undefined;
  const started = Date.now();
  const milestones = opening.map((milestone) => milestone.id);
  let expectedUnits = 0;
  for (const milestone of opening) expectedUnits += await countMilestoneUnits(db, plan, milestone);

  const bar = terminalBar(
    `Mở ${milestonesLabel(plan, milestones)} |{bar}| {value}/{total} đơn vị | {duration_formatted}`,
  );
  if (bar) {
    process.stderr.write(
      `Đang giao báo cáo cho ${count(expectedUnits)} đơn vị. Ctrl-C để thôi chờ: chu trình vẫn chạy và mở tiếp.\n`,
    );
    bar.start(expectedUnits, 0);
  }
  try {
    const { end, opened } = await waitForOpening({
      expected: expectedUnits,
      countOpened: () => countOpenedUnits(db, plan.code, milestones),
      onProgress: (value) => bar?.update(value),
      signal: options.signal,
      pollMs: options.pollMs,
      stallMs: options.stallMs,
    });
    return { milestones, expectedUnits, openedUnits: opened, end, seconds: Math.round((Date.now() - started) / 1000) };
  } finally {
    bar?.stop();
  }
}

/** The line a person reads once the wait is over (the stalled case is an error, said by the caller). */
export function describeOpening(plan: ResolvedPlan, summary: OpeningSummary): string {
  const label = milestonesLabel(plan, summary.milestones);
  const units = `${count(summary.openedUnits)}/${count(summary.expectedUnits)} đơn vị`;
  if (summary.end === 'interrupted') {
    return `Đã thôi chờ: ${label} đã giao báo cáo cho ${units}; chu trình vẫn chạy và mở tiếp các đơn vị còn lại.`;
  }
  return `Đã mở ${label}: ${units} đã được giao báo cáo (${count(summary.seconds)} giây).`;
}
