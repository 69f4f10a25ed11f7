import type { CivilDate } from '../civil-time';
import type { UnitSnapshot } from './unit-snapshot';
import { isValidAt } from './validity';

/**
 * Parent cycles in the tree, each as the unit ids around it (`[a, b]` for a → b → a), checked at every date the
 * tree changes. Fast when there are none: units that no chain of parents can bring back to themselves are peeled
 * off first (every unit that nobody names as parent, then those whose children are all gone, …), and only what is
 * left — units on a cycle or above one, at some date — is examined date by date.
 */
export function findUnitCycles(snapshot: UnitSnapshot): string[][] {
  const suspects = unitsOnOrAboveCycles(snapshot);
  if (suspects.size === 0) return [];
  const dates = new Set<CivilDate>();
  for (const unitId of suspects)
    for (const version of snapshot.versions.get(unitId) ?? []) dates.add(version.validFrom);
  const cycles = new Map<string, string[]>();
  for (const date of [...dates].sort()) {
    for (const cycle of cyclesAt(snapshot, suspects, date)) {
      const key = [...cycle].sort().join(',');
      if (!cycles.has(key)) cycles.set(key, cycle);
    }
  }
  return [...cycles.values()];
}

function unitsOnOrAboveCycles(snapshot: UnitSnapshot): Set<string> {
  const childCount = new Map<string, number>();
  const parentsOf = new Map<string, Set<string>>();
  for (const [unitId, versions] of snapshot.versions) {
    const parents = new Set(versions.flatMap((version) => (version.parentUnitId ? [version.parentUnitId] : [])));
    parentsOf.set(unitId, parents);
    for (const parent of parents) childCount.set(parent, (childCount.get(parent) ?? 0) + 1);
  }
  const remaining = new Set(parentsOf.keys());
  const queue = [...remaining].filter((unitId) => !childCount.get(unitId));
  while (queue.length > 0) {
    const unitId = queue.pop()!;
    remaining.delete(unitId);
    for (const parent of parentsOf.get(unitId) ?? []) {
      const left = childCount.get(parent)! - 1;
      childCount.set(parent, left);
      if (left === 0 && remaining.has(parent)) queue.push(parent);
    }
  }
  return remaining;
}

function cyclesAt(snapshot: UnitSnapshot, suspects: ReadonlySet<string>, date: CivilDate): string[][] {
  const parentAt = new Map<string, string>();
  for (const unitId of suspects) {
    const parent = snapshot.versions.get(unitId)?.find((version) => isValidAt(version, date))?.parentUnitId;
    if (parent && suspects.has(parent)) parentAt.set(unitId, parent);
  }
  const done = new Set<string>();
  const cycles: string[][] = [];
  for (const start of parentAt.keys()) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let current: string | undefined = start;
    while (current !== undefined && !done.has(current) && !onPath.has(current)) {
      onPath.set(current, path.length);
      path.push(current);
      current = parentAt.get(current);
    }
    if (current !== undefined && onPath.has(current)) cycles.push(path.slice(onPath.get(current)));
    for (const unitId of path) done.add(unitId);
  }
  return cycles;
}
