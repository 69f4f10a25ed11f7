import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { listSuccessorsAt } from '../../db/unit-succession.repository';
import { listAncestorsAt } from '../../db/unit-tree.repository';
import type { CivilDate } from '../../domain/civil-time';
import type { ReportingUnit } from './list-reporting-units';

export type SuccessorChoice =
  | { outcome: 'successor'; unit: ReportingUnit; kind: 'full' | 'partial'; parentCode: string | null }
  | { outcome: 'none' }
  | { outcome: 'ambiguous'; candidates: Array<ReportingUnit & { parentCode: string | null }> };

/**
 * Who takes over a unit's open obligations when the unit ends (a merge or a split of the 2025 reform): its one
 * successor in force on `date` (full, or the only partial one); `ambiguous` when the unit was split between
 * several, which needs a person's choice; `none` when it has no successor. With the successor comes the code of the
 * unit above it that day, so the caller can tell whether it still stands under the same parent (after the reform
 * a dissolved district's communes stand directly under the province).
 */
export function findSuccessorActivity(db: Kysely<Database>) {
  return async function findSuccessor(input: { unitId: string; date: CivilDate }): Promise<SuccessorChoice> {
    const successors = await listSuccessorsAt(db, input.unitId, input.date);
    const full = successors.filter((s) => s.kind === 'full');
    const pick = full.length === 1 ? full[0] : successors.length === 1 ? successors[0] : undefined;
    const parentCode = async (unitId: string) => (await listAncestorsAt(db, unitId, input.date)).at(-1)?.code ?? null;
    if (pick) {
      return {
        outcome: 'successor',
        unit: { id: pick.id, code: pick.code, name: pick.name },
        kind: pick.kind,
        parentCode: await parentCode(pick.id),
      };
    }
    if (successors.length === 0) return { outcome: 'none' };
    const candidates = [];
    for (const s of successors) {
      candidates.push({ id: s.id, code: s.code, name: s.name, parentCode: await parentCode(s.id) });
    }
    return { outcome: 'ambiguous', candidates };
  };
}
