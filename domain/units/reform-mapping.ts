import type { CivilDate } from '../civil-time';
import type { SuccessionKind } from './unit-records';

/**
 * A reform of the administrative map as the importer reads it (the 2025 one: `reform-2025-07-01-merges.json` and
 * `-splits.json`). `newUnits` are the new provinces, each with its new communes (`children`), and what each absorbed
 * (`merges`, new → old). `splits` is the same mapping seen from the old side (old → new), used as a cross-check.
 * Every entry keeps its JSON path for error messages.
 */
export interface ReformInput {
  mergesFile: string;
  splitsFile: string;
  /** The day the new map is in force; the old units end on it (their `validTo`). */
  effectiveOn: CivilDate;
  newUnits: ReformNewUnitInput[];
  splits: ReformSplitInput[];
}

export interface ReformNewUnitInput {
  code: string;
  name: string;
  path: string;
  merges: Array<{ oldCode: string; kind: SuccessionKind; path: string }>;
  children: ReformNewUnitInput[];
}

export interface ReformSplitInput {
  oldCode: string;
  path: string;
  newCodes: Array<{ code: string; path: string }>;
}
