import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { formatVietnamInstant, parseInstant, type InstantIso } from '../../domain/civil-time';

/** What a reporter's link grants: one unit, one obligation, until `expiresAt`, revocable by `linkId`. */
export interface ReporterLinkPayload {
  obligationId: string;
  unitCode: string;
  expiresAt: InstantIso;
  linkId: string;
}

/** Why a token opens nothing: not a token at all, not signed by us (tampered), or past its expiry. */
export type ReporterLinkRejection = 'malformed' | 'signature' | 'expired';

export type VerifiedReporterLink =
  | { ok: true; payload: ReporterLinkPayload }
  | { ok: false; reason: ReporterLinkRejection };

const DAY_MS = 24 * 3600 * 1000;

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(body, 'utf8').digest();
}

/**
 * Signs a reporter's link: `base64url(JSON payload) + '.' + base64url(HMAC-SHA256(secret, that first part))`.
 * A new random `linkId` unless one is given (a resend that must keep its link). The token goes in the URL of the
 * submission page; nothing about it is stored until it is revoked.
 */
export function signReporterLink(
  link: Omit<ReporterLinkPayload, 'linkId'> & { linkId?: string },
  secret: string,
): { token: string; payload: ReporterLinkPayload } {
  const payload: ReporterLinkPayload = {
    obligationId: link.obligationId,
    unitCode: link.unitCode,
    expiresAt: link.expiresAt,
    linkId: link.linkId ?? randomUUID(),
  };
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return { token: `${body}.${mac(secret, body).toString('base64url')}`, payload };
}

/**
 * Checks a token's signature (in constant time) and expiry against `nowMs`. Never throws: a token that is not two
 * base64url parts or whose payload is not the expected JSON is 'malformed', one whose MAC does not match is
 * 'signature', one past its `expiresAt` is 'expired'. Revocation is the caller's lookup (it needs the database).
 */
export function verifyReporterLink(token: string, secret: string, nowMs: number): VerifiedReporterLink {
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[\w-]+$/.test(parts[0]!) || !/^[\w-]+$/.test(parts[1]!)) {
    return { ok: false, reason: 'malformed' };
  }
  const [body, signature] = parts as [string, string];
  const expected = mac(secret, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  const payload = parsePayload(body);
  if (!payload) return { ok: false, reason: 'malformed' };
  if (nowMs >= parseInstant(payload.expiresAt)) return { ok: false, reason: 'expired' };
  return { ok: true, payload };
}

function parsePayload(body: string): ReporterLinkPayload | undefined {
  try {
    const value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const fields = ['obligationId', 'unitCode', 'expiresAt', 'linkId'] as const;
    if (!fields.every((field) => typeof value[field] === 'string' && value[field] !== '')) return undefined;
    parseInstant(value.expiresAt as string); // throws on an instant without its offset
    return Object.fromEntries(fields.map((field) => [field, value[field]])) as unknown as ReporterLinkPayload;
  } catch {
    return undefined;
  }
}

/** The default expiry of a link: `days` (LINK_DAYS_AFTER_CLOSE, 30) after its obligation closes. */
export function reporterLinkExpiry(closeAt: InstantIso, days: number): InstantIso {
  return formatVietnamInstant(parseInstant(closeAt) + days * DAY_MS);
}
