import { formatCivilDate } from '../civil-time';
import { findUnitCycles } from './find-unit-cycles';
import { UnitIssueCode, type SourceLocation, type UnitIssue } from './unit-issue';
import type { UnitRecord, UnitVersionRecord } from './unit-records';
import { describeUnit, type UnitSnapshot } from './unit-snapshot';
import { formatValidity, validitiesOverlap, validityCovers } from './validity';

/**
 * The tree's invariants, checked on the whole snapshot as an import would leave it:
 * - a unit ends after it starts (UNIT_VALIDITY_INVALID), and its versions follow each other without gap or overlap
 *   from its first day to its last;
 * - one code, one unit at any date (UNIT_VALIDITY_OVERLAP): codes are reused over time, never at the same time;
 * - a version's parent is valid for the whole of the version (UNIT_PARENT_NOT_VALID);
 * - no unit is its own ancestor at any date (UNIT_CYCLE).
 * Each issue carries the location of the record that an import brought in (`sources`), so it points into the file.
 */
export function validateUnitTree(snapshot: UnitSnapshot, sources: ReadonlyMap<string, SourceLocation>): UnitIssue[] {
  const issues: UnitIssue[] = [];
  const locate = (...ids: string[]) => ids.map((id) => sources.get(id)).find(Boolean);
  for (const unit of snapshot.units.values()) {
    if (unit.validTo !== null && unit.validTo <= unit.validFrom) {
      issues.push({
        code: UnitIssueCode.validityInvalid,
        message: `đơn vị ${describeUnit(snapshot, unit.id)} hết hiệu lực ngày ${formatCivilDate(unit.validTo)}, không sau ngày bắt đầu ${formatCivilDate(unit.validFrom)}`,
        location: locate(unit.id),
      });
      continue;
    }
    issues.push(...versionGaps(snapshot, unit, locate));
  }
  for (const units of snapshot.byCode.values()) issues.push(...codeOverlaps(snapshot, units, sources));
  for (const versions of snapshot.versions.values()) {
    for (const version of versions) {
      const parent = version.parentUnitId === null ? undefined : snapshot.units.get(version.parentUnitId);
      if (version.parentUnitId === null || (parent && validityCovers(parent, version))) continue;
      issues.push({
        code: UnitIssueCode.parentNotValid,
        message: parent
          ? `đơn vị cấp trên ${describeUnit(snapshot, parent.id)} chỉ có hiệu lực ${formatValidity(parent)}, không phủ thời gian ${formatValidity(version)} của đơn vị ${describeUnit(snapshot, version.unitId)}`
          : `đơn vị cấp trên của ${describeUnit(snapshot, version.unitId)} không tồn tại`,
        location: locate(version.id, version.unitId) && {
          ...locate(version.id, version.unitId)!,
          field: 'parent_code',
        },
      });
    }
  }
  for (const cycle of findUnitCycles(snapshot)) {
    const path = [...cycle, cycle[0]!].map((unitId) => describeUnit(snapshot, unitId)).join(' → ');
    issues.push({
      code: UnitIssueCode.cycle,
      message: `vòng lặp cấp trên: ${path}; một đơn vị không thể là cấp trên của chính nó`,
      location: locate(...cycle) && { ...locate(...cycle)!, field: 'parent_code' },
    });
  }
  return issues;
}

function versionGaps(
  snapshot: UnitSnapshot,
  unit: UnitRecord,
  locate: (...ids: string[]) => SourceLocation | undefined,
): UnitIssue[] {
  const versions: readonly UnitVersionRecord[] = snapshot.versions.get(unit.id) ?? [];
  let expectedFrom: string | null = unit.validFrom;
  for (const version of versions) {
    if (version.validFrom !== expectedFrom) break;
    expectedFrom = version.validTo;
  }
  if (versions.length > 0 && expectedFrom === unit.validTo) return [];
  const periods = versions.map((version) => formatValidity(version)).join('; ') || 'không có';
  return [
    {
      code: UnitIssueCode.validityInvalid,
      message: `các giai đoạn của đơn vị ${describeUnit(snapshot, unit.id)} (${periods}) không nối liền nhau và phủ đúng thời gian hiệu lực ${formatValidity(unit)}`,
      location: locate(unit.id),
    },
  ];
}

function codeOverlaps(
  snapshot: UnitSnapshot,
  units: readonly UnitRecord[],
  sources: ReadonlyMap<string, SourceLocation>,
): UnitIssue[] {
  const issues: UnitIssue[] = [];
  for (let i = 1; i < units.length; i++) {
    const later = units[i]!;
    const earlier = units.slice(0, i).find((unit) => validitiesOverlap(unit, later));
    if (!earlier) continue;
    // Point at the record the import brought in; when both came from the file, at the second and name the first.
    const [blamed, other] = sources.has(later.id) || !sources.has(earlier.id) ? [later, earlier] : [earlier, later];
    const otherWhere = sources.get(other.id);
    const otherSource = otherWhere?.line
      ? `dòng ${otherWhere.line}`
      : otherWhere?.path
        ? `trường ${otherWhere.path}`
        : `đã có trong cơ sở dữ liệu, nguồn ${other.source}`;
    issues.push({
      code: UnitIssueCode.validityOverlap,
      message: `mã ${later.code}: ${describeUnit(snapshot, blamed.id)} (${formatValidity(blamed)}) trùng thời gian hiệu lực với ${describeUnit(snapshot, other.id)} (${formatValidity(other)}, ${otherSource}); một mã chỉ thuộc một đơn vị tại mỗi thời điểm`,
      location: sources.get(blamed.id) && { ...sources.get(blamed.id)!, field: 'valid_from' },
    });
  }
  return issues;
}
