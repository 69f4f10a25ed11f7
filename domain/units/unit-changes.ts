import type { CivilDate } from '../civil-time';
import type { SourceLocation } from './unit-issue';
import type { UnitContactRecord, UnitRecord, UnitSuccessionRecord, UnitVersionRecord } from './unit-records';
import { buildUnitSnapshot, type UnitSnapshot } from './unit-snapshot';

/**
 * What one import changes, computed in memory before anything is written: new units and versions, ends moved
 * (a reform ending the old units), versions replaced (a CSV that renames or moves a unit), succession links and
 * contacts. `sources` says where each new or changed unit and version came from, for error messages.
 */
export interface UnitChanges {
  createdUnits: UnitRecord[];
  createdVersions: UnitVersionRecord[];
  /** Existing units whose end moves (null: open again). */
  unitEnds: Map<string, CivilDate | null>;
  /** Existing versions whose end moves. */
  versionEnds: Map<string, CivilDate | null>;
  deletedVersionIds: Set<string>;
  successions: UnitSuccessionRecord[];
  /** Set per unit and role; an existing contact of the same unit and role is replaced. */
  contacts: UnitContactRecord[];
  sources: Map<string, SourceLocation>;
}

export function emptyUnitChanges(): UnitChanges {
  return {
    createdUnits: [],
    createdVersions: [],
    unitEnds: new Map(),
    versionEnds: new Map(),
    deletedVersionIds: new Set(),
    successions: [],
    contacts: [],
    sources: new Map(),
  };
}

/**
 * Records that an existing unit ends on `date` (exclusive): its versions that start on or after the date are
 * deleted and the one in force is cut there.
 */
export function endUnit(snapshot: UnitSnapshot, changes: UnitChanges, unitId: string, date: CivilDate): void {
  const unit = snapshot.units.get(unitId);
  if (!unit || (unit.validTo !== null && unit.validTo <= date)) return;
  changes.unitEnds.set(unitId, date);
  for (const version of snapshot.versions.get(unitId) ?? []) {
    if (version.validFrom >= date) changes.deletedVersionIds.add(version.id);
    else if (version.validTo === null || version.validTo > date) changes.versionEnds.set(version.id, date);
  }
}

/** The snapshot as it will be once the changes are written. */
export function applyUnitChanges(snapshot: UnitSnapshot, changes: UnitChanges): UnitSnapshot {
  const units = [...snapshot.units.values(), ...changes.createdUnits].map((unit) =>
    changes.unitEnds.has(unit.id) ? { ...unit, validTo: changes.unitEnds.get(unit.id)! } : unit,
  );
  const versions = [...snapshot.versions.values()]
    .flat()
    .filter((version) => !changes.deletedVersionIds.has(version.id))
    .map((version) =>
      changes.versionEnds.has(version.id) ? { ...version, validTo: changes.versionEnds.get(version.id)! } : version,
    );
  return buildUnitSnapshot(units, [...versions, ...changes.createdVersions]);
}

export interface UnitChangeSummary {
  createdUnits: number;
  createdVersions: number;
  endedUnits: number;
  successions: number;
  contacts: number;
}

/** Counts for the import's summary. */
export function summariseUnitChanges(changes: UnitChanges): UnitChangeSummary {
  return {
    createdUnits: changes.createdUnits.length,
    createdVersions: changes.createdVersions.length,
    endedUnits: [...changes.unitEnds.values()].filter((end) => end !== null).length,
    successions: changes.successions.length,
    contacts: changes.contacts.length,
  };
}
