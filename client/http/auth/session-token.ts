import { createHash, randomBytes } from 'node:crypto';

/** The session cookie's name. */
export const SESSION_COOKIE = 'dondoc_session';

/** A new session token: 32 random bytes, base64url. Only its hash is stored. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The SHA-256 (hex) under which a token's session is stored. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
