import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { ComplianceOutline } from '../../db/compliance.repository';
import type { Database } from '../../db/schema';
import type { CivilDate } from '../../domain/civil-time';
import { ApiError } from '../http/api-error';
import { assertInScope } from '../http/auth/leader-scope';
import type { StaffPrincipal } from '../http/auth/principal';

/**
 * The signed-in admin or leader of a dashboard request, or undefined after answering it: a visitor who is not signed
 * in (or whose session expired) is sent to `/dang-nhap?next=<this page>`.
 */
export function staffOrRedirect(request: FastifyRequest, reply: FastifyReply): StaffPrincipal | undefined {
  const principal = request.principal;
  if (principal && principal.role !== 'reporter') return principal;
  void reply.redirect(`/dang-nhap?next=${encodeURIComponent(request.url)}`, 303);
  return undefined;
}

/**
 * The highest unit a person may open on a plan's dashboard: undefined (the whole plan) for an admin or a leader of
 * the plan's owner, their own unit for another leader.
 */
export function dashboardRoot(principal: StaffPrincipal, outline: ComplianceOutline): string | undefined {
  return principal.role === 'admin' || principal.unitCode === outline.owner.unit ? undefined : principal.unitCode;
}

/**
 * The subtree a dashboard shows: an admin, or a leader of the plan's owner, sees the whole plan (or the `under` they
 * chose); another leader sees their own unit's subtree, and an `under` outside it is refused (ApiError 403
 * OUT_OF_SCOPE, the API's rule in client/http/auth/leader-scope.ts).
 */
export async function dashboardSubtree(
  db: Kysely<Database>,
  principal: StaffPrincipal,
  outline: ComplianceOutline,
  under: string | undefined,
  date: CivilDate,
): Promise<string | undefined> {
  const root = dashboardRoot(principal, outline);
  if (root === undefined) return under || undefined;
  const subtree = under || root;
  await assertInScope(db, principal, { unitCode: subtree, date, planOwner: outline.owner.unit });
  return subtree;
}

/** Whether an error is the API's refusal of a unit outside the leader's subtree. */
export function isOutOfScope(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 403;
}
