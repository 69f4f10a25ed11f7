import type { FastifyRequest } from 'fastify';
import { ApiError } from '../api-error';
import type { Principal } from './principal';

const ROLE_NAMES: Record<Principal['role'], string> = {
  admin: 'cán bộ Sở Nội vụ',
  leader: 'lãnh đạo',
  reporter: 'đơn vị báo cáo',
};

/**
 * A `preHandler` that lets through only the given roles: an anonymous request gets 401 (log in first, or the
 * session expired), another role 403 naming who may do this.
 */
export function requireRole(...roles: Array<Principal['role']>) {
  return function checkRole(request: FastifyRequest): Promise<void> {
    const principal = request.principal;
    if (!principal) {
      return Promise.reject(
        request.credentialProblem === 'session-invalid'
          ? new ApiError(401, 'SESSION_EXPIRED', 'phiên đăng nhập đã hết hạn hoặc không hợp lệ; hãy đăng nhập lại')
          : new ApiError(401, 'AUTH_REQUIRED', 'cần đăng nhập để dùng chức năng này'),
      );
    }
    if (!roles.includes(principal.role)) {
      const who = roles.map((role) => ROLE_NAMES[role]).join(' hoặc ');
      return Promise.reject(new ApiError(403, 'FORBIDDEN', `chỉ ${who} được làm việc này`));
    }
    return Promise.resolve();
  };
}

/** The principal of a request that passed `requireRole`. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new ApiError(401, 'AUTH_REQUIRED', 'cần đăng nhập để dùng chức năng này');
  return request.principal;
}

export const adminOnly = requireRole('admin');
export const staffOnly = requireRole('admin', 'leader');
