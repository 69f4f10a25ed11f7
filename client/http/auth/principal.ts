import type { ReporterLinkPayload } from '../../../activities/links/reporter-link';

/** Who is asking: Sở Nội vụ staff (everything), a leader (read-only, one subtree), a unit through its link. */
export type Principal =
  | { role: 'admin'; username: string; via: 'session' | 'proxy' }
  | { role: 'leader'; username: string; unitCode: string; via: 'session' | 'proxy' }
  | { role: 'reporter'; link: ReporterLinkPayload };

export type StaffPrincipal = Exclude<Principal, { role: 'reporter' }>;

/** The name written to the audit log for a principal: the account, or `reporter:<unit>:<linkId>` for a link. */
export function actorOf(principal: Principal): string {
  return principal.role === 'reporter'
    ? `reporter:${principal.link.unitCode}:${principal.link.linkId}`
    : principal.via === 'proxy'
      ? `sso:${principal.username}`
      : principal.username;
}

/**
 * Whether a principal may see the personal data of a unit's nominated individuals (birth date, position): admins,
 * and the reporter of that very unit (Nghị định 13/2023: only roles that need it). Leaders see names and achievements.
 */
export function seesPersonalData(principal: Principal, unitCode: string): boolean {
  return principal.role === 'admin' || (principal.role === 'reporter' && principal.link.unitCode === unitCode);
}
