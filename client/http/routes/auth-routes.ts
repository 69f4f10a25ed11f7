import { findAccount } from '../../../db/account.repository';
import { createSession, deleteSession } from '../../../db/session.repository';
import { ApiError } from '../api-error';
import type { ApiContext, ApiScope } from '../api-options';
import { instantOf } from '../instant';
import { accountPrincipal, presentedSessionToken } from '../auth/authenticate';
import { LoginThrottle } from '../auth/login-throttle';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../auth/password-hash';
import { principalOf, staffOnly } from '../auth/require-role';
import { hashSessionToken, newSessionToken, SESSION_COOKIE } from '../auth/session-token';
import { errors } from '../schemas/common-schemas';

const userSchema = {
  type: 'object',
  required: ['username', 'role'],
  properties: {
    username: { type: 'string' },
    role: { type: 'string', enum: ['admin', 'leader'] },
    unitCode: { type: ['string', 'null'] },
    via: { type: 'string', enum: ['session', 'proxy'] },
  },
} as const;

/**
 * `POST /api/auth/login` (username + password → a session: the `dondoc_session` cookie, HttpOnly and SameSite=Lax,
 * and the same token in the body for scripts' `Authorization: Bearer`), `POST /api/auth/logout`, `GET /api/auth/me`.
 * A wrong username and a wrong password get the same answer in the same time; repeated failures make further
 * attempts wait (429).
 */
export function registerAuthRoutes(app: ApiScope, api: ApiContext): void {
  // Five wrong passwords for one account from one address, or a hundred from one address, within 15 minutes. Not per
  // account alone: a stranger could then lock a colleague out; not per address alone: behind a proxy all share one.
  const perAccount = new LoginThrottle(5);
  const perAddress = new LoginThrottle(100);
  app.post<{ Body: { username: string; password: string } }>(
    '/auth/login',
    {
      schema: {
        tags: ['Đăng nhập'],
        summary: 'Đăng nhập bằng tài khoản nội bộ (cán bộ Sở, lãnh đạo)',
        body: {
          type: 'object',
          required: ['username', 'password'],
          additionalProperties: false,
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 100 },
            password: { type: 'string', minLength: 1, maxLength: 1000 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['token', 'expiresAt', 'user'],
            properties: { token: { type: 'string' }, expiresAt: { type: 'string' }, user: userSchema },
          },
          ...errors(400, 401, 429),
        },
      },
    },
    async (request, reply) => {
      const username = request.body.username.trim().toLowerCase();
      const accountKey = `${username}|${request.ip}`;
      const waitMs = Math.max(perAccount.waitMs(accountKey, api.now()), perAddress.waitMs(request.ip, api.now()));
      if (waitMs > 0) {
        void reply.header('Retry-After', String(Math.ceil(waitMs / 1000)));
        throw new ApiError(
          429,
          'LOGIN_THROTTLED',
          `đăng nhập sai quá nhiều lần; hãy thử lại sau ${Math.ceil(waitMs / 60_000)} phút`,
        );
      }
      const account = await findAccount(api.db, username);
      const matches = await verifyPassword(request.body.password, account?.password_hash ?? DUMMY_PASSWORD_HASH);
      if (!account || !matches || account.disabled) {
        perAccount.fail(accountKey, api.now());
        perAddress.fail(request.ip, api.now());
        throw new ApiError(401, 'LOGIN_FAILED', 'sai tên đăng nhập hoặc mật khẩu');
      }
      perAccount.clear(accountKey);
      const token = newSessionToken();
      const expiresAt = new Date(api.now() + api.sessionHours * 3600_000);
      await createSession(api.db, { tokenHash: hashSessionToken(token), username: account.username, expiresAt });
      void reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        // Behind a proxy that terminates TLS the request arrives as http; the proxy says so in X-Forwarded-Proto.
        secure: request.protocol === 'https' || request.headers['x-forwarded-proto'] === 'https',
        expires: expiresAt,
      });
      const principal = accountPrincipal(account);
      return {
        token,
        expiresAt: instantOf(expiresAt),
        user: { ...principal, unitCode: principal.role === 'leader' ? principal.unitCode : null },
      };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['Đăng nhập'],
        summary: 'Đăng xuất: kết thúc phiên hiện tại',
        response: { 204: { type: 'null', description: 'Đã đăng xuất' } },
      },
    },
    async (request, reply) => {
      const token = presentedSessionToken(request);
      if (token) await deleteSession(api.db, hashSessionToken(token));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/auth/me',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['Đăng nhập'],
        summary: 'Người đang đăng nhập',
        response: { 200: userSchema, ...errors(401, 403) },
      },
    },
    (request) => {
      const principal = principalOf(request);
      return { ...principal, unitCode: principal.role === 'leader' ? principal.unitCode : null };
    },
  );
}
