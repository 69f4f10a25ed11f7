import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from '../api-error';
import type { StaffPrincipal } from './principal';

/** The headers an SSO proxy in front of Đôn đốc sets (docs/deployment.md, "Đăng nhập một lần"). */
export const PROXY_HEADERS = {
  secret: 'x-dondoc-proxy-secret',
  user: 'x-dondoc-user',
  role: 'x-dondoc-role',
  unit: 'x-dondoc-unit',
} as const;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

function sameSecret(given: string, expected: string): boolean {
  // Digests first: timingSafeEqual needs equal lengths, and the length of the secret must not leak either.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * The identity a trusted SSO proxy passed, or undefined when the request did not come through it. Identity headers
 * are believed only when TRUSTED_PROXY_SECRET is configured and `X-Dondoc-Proxy-Secret` equals it; otherwise they
 * are ignored (a client cannot make itself admin by sending `X-Dondoc-Role: admin`). A request that did come
 * through the proxy but names no user, or a role other than admin/leader, or a leader without a unit, is a 401.
 */
export function proxyPrincipal(headers: IncomingHttpHeaders, secret: string | undefined): StaffPrincipal | undefined {
  const given = header(headers, PROXY_HEADERS.secret);
  if (!secret || !given || !sameSecret(given, secret)) return undefined;
  const username = header(headers, PROXY_HEADERS.user);
  const role = header(headers, PROXY_HEADERS.role)?.toLowerCase();
  const unitCode = header(headers, PROXY_HEADERS.unit);
  if (!username) throw new ApiError(401, 'SSO_IDENTITY_MISSING', 'máy chủ đăng nhập một lần không gửi tên người dùng');
  if (role === 'admin') return { role, username, via: 'proxy' };
  if (role === 'leader' && unitCode) return { role, username, unitCode, via: 'proxy' };
  throw new ApiError(
    401,
    'SSO_ROLE_INVALID',
    role === 'leader'
      ? 'tài khoản lãnh đạo từ đăng nhập một lần thiếu mã đơn vị (X-Dondoc-Unit)'
      : `vai trò "${role ?? ''}" từ đăng nhập một lần không được nhận (admin hoặc leader)`,
    'X-Dondoc-Role',
  );
}
