import type { UnitRecord } from './unit-records';
import { earlierEnd, type Validity } from './validity';

/**
 * Which unit a parent code means over a child's validity. Codes are reused, so a child in force from 2021 with
 * parent `01` is under the old Hà Nội until 01/07/2025 and under the new one after: one segment per parent unit,
 * in date order. Undefined when the code's units leave a gap in the child's validity.
 */
export function parentSegments(
  child: Validity,
  candidates: readonly UnitRecord[],
): Array<Validity & { parentUnitId: string }> | undefined {
  const segments: Array<Validity & { parentUnitId: string }> = [];
  let cursor: string | null = child.validFrom;
  for (const candidate of candidates) {
    if (cursor === null || (child.validTo !== null && cursor >= child.validTo)) break;
    if (candidate.validTo !== null && candidate.validTo <= cursor) continue;
    if (candidate.validFrom > cursor) return undefined;
    const end = earlierEnd(candidate.validTo, child.validTo);
    segments.push({ validFrom: cursor, validTo: end, parentUnitId: candidate.id });
    cursor = end;
  }
  const covered = cursor === null || (child.validTo !== null && cursor >= child.validTo);
  return covered ? segments : undefined;
}
