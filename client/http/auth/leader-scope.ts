import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { listAncestorsAt, listSubtreeAt } from '../../../db/unit-tree.repository';
import { findUnitAt } from '../../../db/unit.repository';
import type { CivilDate } from '../../../domain/civil-time';
import { ApiError } from '../api-error';
import type { Principal } from './principal';

/** What a leader's scope is checked against: a unit on a date, and the plan it is seen through, if any. */
export interface ScopeTarget {
  unitCode: string;
  date: CivilDate;
  /** The plan owner's unit code: its leaders see the plan's whole tree. */
  planOwner?: string;
}

/**
 * Whether a leader scoped to `leaderUnit` may see `target`: the unit itself, one of its descendants in the unit tree
 * on that date (one recursive query up from the target), or anything of a plan the leader's unit owns.
 */
export async function leaderCovers(db: Kysely<Database>, leaderUnit: string, target: ScopeTarget): Promise<boolean> {
  if (target.unitCode === leaderUnit || target.planOwner === leaderUnit) return true;
  const unit = await findUnitAt(db, target.unitCode, target.date);
  if (!unit) return false;
  return (await listAncestorsAt(db, unit.id, target.date)).some((ancestor) => ancestor.code === leaderUnit);
}

/**
 * Throws 403 OUT_OF_SCOPE when the principal is a leader who does not cover `target`; admins pass, and so does a
 * reporter whose link names this very unit (other reporters are refused).
 */
export async function assertInScope(db: Kysely<Database>, principal: Principal, target: ScopeTarget): Promise<void> {
  if (principal.role === 'admin') return;
  const allowed =
    principal.role === 'leader'
      ? await leaderCovers(db, principal.unitCode, target)
      : principal.link.unitCode === target.unitCode;
  if (!allowed) {
    throw new ApiError(
      403,
      'OUT_OF_SCOPE',
      principal.role === 'leader'
        ? `đơn vị ${target.unitCode} không thuộc phạm vi theo dõi của tài khoản (đơn vị ${principal.unitCode})`
        : `liên kết này chỉ dùng cho đơn vị ${principal.link.unitCode}`,
    );
  }
}

/**
 * The unit codes a leader sees on a date: the subtree of their unit (one recursive query); `undefined` for
 * everything (an admin, or a leader of the plan's owner).
 */
export async function visibleUnitCodes(
  db: Kysely<Database>,
  principal: Principal,
  date: CivilDate,
  planOwner?: string,
): Promise<Set<string> | undefined> {
  if (principal.role === 'admin') return undefined;
  if (principal.role === 'reporter') return new Set([principal.link.unitCode]);
  if (planOwner === principal.unitCode) return undefined;
  const root = await findUnitAt(db, principal.unitCode, date);
  if (!root) return new Set([principal.unitCode]);
  return new Set((await listSubtreeAt(db, root.id, date)).map((unit) => unit.code));
}
