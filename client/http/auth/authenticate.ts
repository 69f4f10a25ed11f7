import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { findSessionAccount } from '../../../db/session.repository';
import type { Account } from '../../../db/tables/account.table';
import type { Principal, StaffPrincipal } from './principal';
import { hashSessionToken, SESSION_COOKIE } from './session-token';
import { proxyPrincipal } from './trusted-proxy';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking; undefined for an anonymous request. Set by `authenticate`, or by a link route for a reporter. */
    principal?: Principal;
    /** Why a presented credential was not accepted (an expired session), for a clearer 401. */
    credentialProblem?: 'session-invalid';
  }
}

/** The principal of a local account. */
export function accountPrincipal(account: Account, via: 'session' | 'proxy' = 'session'): StaffPrincipal {
  return account.role === 'leader'
    ? { role: 'leader', username: account.username, unitCode: account.unit_code ?? '', via }
    : { role: 'admin', username: account.username, via };
}

/** The session token a request presents: `Authorization: Bearer …` (scripts) or the `dondoc_session` cookie. */
export function presentedSessionToken(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  const bearer = authorization && /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  return bearer || request.cookies?.[SESSION_COOKIE] || undefined;
}

/**
 * The `onRequest` hook that finds who is asking, in order: the trusted SSO proxy's headers (when configured and
 * proven by its secret), a bearer token, the session cookie. A request with none is anonymous — routes decide
 * whether that is enough. An expired or unknown session is anonymous too, with `credentialProblem` set.
 */
export function authenticate(options: { db: Kysely<Database>; trustedProxySecret: () => string | undefined }) {
  return async function authenticateRequest(request: FastifyRequest): Promise<void> {
    const proxied = proxyPrincipal(request.headers, options.trustedProxySecret());
    if (proxied) {
      request.principal = proxied;
      return;
    }
    const token = presentedSessionToken(request);
    if (!token) return;
    const account = await findSessionAccount(options.db, hashSessionToken(token));
    if (account) request.principal = accountPrincipal(account);
    else request.credentialProblem = 'session-invalid';
  };
}
