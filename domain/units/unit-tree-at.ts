import type { CivilDate } from '../civil-time';
import type { UnitType } from './unit-type';
import type { UnitSnapshot } from './unit-snapshot';
import { isValidAt } from './validity';

export interface UnitNode {
  unitId: string;
  code: string;
  name: string;
  type: UnitType;
  children: UnitNode[];
}

/**
 * The tree in force on a date: every unit valid that day under its parent of that day, roots and children sorted by
 * code. The same view the database's recursive queries give, computed in memory (for rules and tests).
 */
export function unitTreeAt(snapshot: UnitSnapshot, date: CivilDate): UnitNode[] {
  const nodes = new Map<string, { node: UnitNode; parentUnitId: string | null }>();
  for (const unit of snapshot.units.values()) {
    if (!isValidAt(unit, date)) continue;
    const version = snapshot.versions.get(unit.id)?.find((candidate) => isValidAt(candidate, date));
    if (!version) continue;
    const node = { unitId: unit.id, code: unit.code, name: version.name, type: version.type, children: [] };
    nodes.set(unit.id, { node, parentUnitId: version.parentUnitId });
  }
  const roots: UnitNode[] = [];
  for (const { node, parentUnitId } of nodes.values()) {
    const parent = parentUnitId === null ? undefined : nodes.get(parentUnitId);
    (parent ? parent.node.children : roots).push(node);
  }
  const sort = (list: UnitNode[]) => {
    list.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    list.forEach((node) => sort(node.children));
  };
  sort(roots);
  return roots;
}

/** Every node of a tree, depth first, with its depth (0 for the roots). */
export function* walkUnitTree(roots: readonly UnitNode[], depth = 0): Generator<{ node: UnitNode; depth: number }> {
  for (const node of roots) {
    yield { node, depth };
    yield* walkUnitTree(node.children, depth + 1);
  }
}
