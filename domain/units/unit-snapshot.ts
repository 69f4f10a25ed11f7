import type { CivilDate } from '../civil-time';
import type { UnitRecord, UnitVersionRecord } from './unit-records';
import { isValidAt } from './validity';

/**
 * Every unit and version in memory, indexed for the rules: by id, by code, and each unit's versions in date order.
 * An import loads the stored units into one, applies its changes and validates the result before writing anything,
 * so every rule sees the whole tree as it will be, across all dates.
 */
export interface UnitSnapshot {
  readonly units: ReadonlyMap<string, UnitRecord>;
  /** Each unit's versions, sorted by `validFrom`. */
  readonly versions: ReadonlyMap<string, readonly UnitVersionRecord[]>;
  /** Every unit that ever had the code, sorted by `validFrom`. */
  readonly byCode: ReadonlyMap<string, readonly UnitRecord[]>;
}

export function buildUnitSnapshot(units: Iterable<UnitRecord>, versions: Iterable<UnitVersionRecord>): UnitSnapshot {
  const byId = new Map<string, UnitRecord>();
  const byCode = new Map<string, UnitRecord[]>();
  for (const unit of units) {
    byId.set(unit.id, unit);
    const same = byCode.get(unit.code);
    if (same) same.push(unit);
    else byCode.set(unit.code, [unit]);
  }
  const versionsByUnit = new Map<string, UnitVersionRecord[]>();
  for (const version of versions) {
    const list = versionsByUnit.get(version.unitId);
    if (list) list.push(version);
    else versionsByUnit.set(version.unitId, [version]);
  }
  const byValidFrom = (a: { validFrom: string }, b: { validFrom: string }) =>
    a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0;
  for (const list of byCode.values()) if (list.length > 1) list.sort(byValidFrom);
  for (const list of versionsByUnit.values()) if (list.length > 1) list.sort(byValidFrom);
  return { units: byId, versions: versionsByUnit, byCode };
}

/** The unit that has the code on the date, if any (at most one: overlapping validity is rejected on import). */
export function unitWithCodeAt(snapshot: UnitSnapshot, code: string, date: CivilDate): UnitRecord | undefined {
  return snapshot.byCode.get(code)?.find((unit) => isValidAt(unit, date));
}

export function versionAt(snapshot: UnitSnapshot, unitId: string, date: CivilDate): UnitVersionRecord | undefined {
  return snapshot.versions.get(unitId)?.find((version) => isValidAt(version, date));
}

/** The unit's latest version: its current name and type, for messages. */
export function latestVersion(snapshot: UnitSnapshot, unitId: string): UnitVersionRecord | undefined {
  return snapshot.versions.get(unitId)?.at(-1);
}

/** `00004 "Phường Trúc Bạch"`, for messages. */
export function describeUnit(snapshot: UnitSnapshot, unitId: string): string {
  const unit = snapshot.units.get(unitId);
  const name = latestVersion(snapshot, unitId)?.name;
  return `${unit?.code ?? unitId}${name ? ` "${name}"` : ''}`;
}
