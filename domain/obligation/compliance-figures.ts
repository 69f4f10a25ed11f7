/** How many reports stand where, for one reporting level or for all of them. */
export interface ComplianceCounts {
  total: number;
  onTime: number;
  late: number;
  missing: number;
  overdue: number;
  open: number;
  exempt: number;
  cancelled: number;
  /** Reports whose deadline was extended, whatever their status. */
  extended: number;
}

/** Percentages with one decimal, or null when there is nothing to divide by. */
export type Percent = number | null;

/**
 * The counts with what a leader reads beside them. `expected` are the reports actually owed (total less exempt and
 * cancelled); every percentage is of `expected`, except exempt and cancelled, which are of `total` — an exempted
 * unit neither helps nor hurts the rate of reports on time.
 */
export interface ComplianceFigures extends ComplianceCounts {
  expected: number;
  /** On time plus late. */
  submitted: number;
  percent: {
    onTime: Percent;
    late: Percent;
    submitted: Percent;
    missing: Percent;
    overdue: Percent;
    open: Percent;
    extended: Percent;
    exempt: Percent;
    cancelled: Percent;
  };
}

export function emptyCounts(): ComplianceCounts {
  return { total: 0, onTime: 0, late: 0, missing: 0, overdue: 0, open: 0, exempt: 0, cancelled: 0, extended: 0 };
}

/** The sum of several levels' counts. */
export function sumCounts(counts: readonly ComplianceCounts[]): ComplianceCounts {
  const total = emptyCounts();
  for (const count of counts) {
    for (const key of Object.keys(total) as Array<keyof ComplianceCounts>) total[key] += count[key];
  }
  return total;
}

function percentOf(part: number, whole: number): Percent {
  return whole === 0 ? null : Math.round((part * 1000) / whole) / 10;
}

/** Counts with their derived figures and percentages (see `ComplianceFigures` for the bases). */
export function complianceFigures(counts: ComplianceCounts): ComplianceFigures {
  const expected = counts.total - counts.exempt - counts.cancelled;
  const submitted = counts.onTime + counts.late;
  return {
    ...counts,
    expected,
    submitted,
    percent: {
      onTime: percentOf(counts.onTime, expected),
      late: percentOf(counts.late, expected),
      submitted: percentOf(submitted, expected),
      missing: percentOf(counts.missing, expected),
      overdue: percentOf(counts.overdue, expected),
      open: percentOf(counts.open, expected),
      extended: percentOf(counts.extended, expected),
      exempt: percentOf(counts.exempt, counts.total),
      cancelled: percentOf(counts.cancelled, counts.total),
    },
  };
}

/** A percentage as Vietnamese write it: `66,7%`, or `—` when there is none. */
export function formatPercent(percent: Percent): string {
  return percent === null ? '—' : `${String(percent).replace('.', ',')}%`;
}

/**
 * The name of a reporting level as a heading: the plan's own label with a capital first letter ("cấp huyện" →
 * "Cấp huyện"), or "Cấp N" (N from 1 at the top) for a level the plan does not name.
 */
export function levelLabel(levels: readonly string[], level: number): string {
  const label = levels[level]?.trim();
  if (!label) return `Cấp ${level + 1}`;
  return label.charAt(0).toLocaleUpperCase('vi') + label.slice(1);
}
