import type { NominationForm } from '../plan/plan-schema';

/** How a unit's report ended up. */
export const ObligationOutcome = {
  onTime: 'on-time',
  late: 'late',
  missing: 'missing',
  exempt: 'exempt',
  cancelled: 'cancelled',
} as const;
export type ObligationOutcome = (typeof ObligationOutcome)[keyof typeof ObligationOutcome];

/**
 * A subtree's results for one milestone: how many reports were on time, late, missing or exempt (and how many of
 * them had an extension), and the nominations by field and form. Each parent adds its own report to its children's
 * roll-ups and passes the sum up: roll-up is children returning results to their parent.
 */
export interface Rollup {
  units: number;
  onTime: number;
  late: number;
  missing: number;
  exempt: number;
  cancelled: number;
  extended: number;
  /** `${field}|${form}` → count; field "" when the plan lists no fields. */
  nominations: Record<string, number>;
}

export function emptyRollup(): Rollup {
  return { units: 0, onTime: 0, late: 0, missing: 0, exempt: 0, cancelled: 0, extended: 0, nominations: {} };
}

const COUNTER: Record<ObligationOutcome, keyof Omit<Rollup, 'units' | 'extended' | 'nominations'>> = {
  'on-time': 'onTime',
  late: 'late',
  missing: 'missing',
  exempt: 'exempt',
  cancelled: 'cancelled',
};

/** One unit's own report, as a roll-up of one. */
export function ownRollup(
  outcome: ObligationOutcome,
  extended: boolean,
  nominations: ReadonlyArray<{ field?: string; form: NominationForm }>,
): Rollup {
  const rollup = emptyRollup();
  rollup.units = 1;
  rollup[COUNTER[outcome]] = 1;
  rollup.extended = extended ? 1 : 0;
  for (const nomination of nominations) {
    const key = `${nomination.field ?? ''}|${nomination.form}`;
    rollup.nominations[key] = (rollup.nominations[key] ?? 0) + 1;
  }
  return rollup;
}

/** The sum of roll-ups. */
export function sumRollups(rollups: readonly Rollup[]): Rollup {
  const total = emptyRollup();
  for (const rollup of rollups) {
    total.units += rollup.units;
    total.onTime += rollup.onTime;
    total.late += rollup.late;
    total.missing += rollup.missing;
    total.exempt += rollup.exempt;
    total.cancelled += rollup.cancelled;
    total.extended += rollup.extended;
    for (const [key, count] of Object.entries(rollup.nominations))
      total.nominations[key] = (total.nominations[key] ?? 0) + count;
  }
  return total;
}
