import type { FastifyInstance, FastifyReply } from 'fastify';
import { html } from './html';
import type { ApiErrorBody } from './link-page-data';
import { page } from './layout';

/** Only a path of this site: `/theo-doi/…`, never `//elsewhere` or a full URL (no open redirect). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/theo-doi';
}

function loginForm(next: string, error?: string, username = '') {
  return html`<h1>Đăng nhập</h1>
    <p class="muted">
      Dành cho cán bộ Sở Nội vụ và lãnh đạo. Đơn vị nộp báo cáo không cần đăng nhập: hãy dùng liên kết trong thư nhắc.
    </p>
    <form method="post" action="/dang-nhap" class="card">
      ${error && html`<p class="notice error" role="alert" id="loi-dang-nhap">${error}</p>`}
      <input type="hidden" name="next" value="${next}" />
      <label for="ten-dang-nhap">Tên đăng nhập</label>
      <input
        type="text"
        id="ten-dang-nhap"
        name="username"
        autocomplete="username"
        required
        value="${username}"
        ${error && html`aria-describedby="loi-dang-nhap"`}
      />
      <label for="mat-khau">Mật khẩu</label>
      <input type="password" id="mat-khau" name="password" autocomplete="current-password" required />
      <div class="actions"><button type="submit">Đăng nhập</button></div>
    </form>`;
}

function forwardCookies(from: string | string[] | undefined, reply: FastifyReply): void {
  if (from) void reply.header('set-cookie', from);
}

/**
 * `GET /dang-nhap` (the form; `next` is where to go after), `POST /dang-nhap` (a plain form post: it goes through the
 * API's `POST /api/auth/login` with the visitor's address, so the API's throttling and session cookie apply as they
 * are, then redirects to `next`), `POST /dang-xuat` (the API's logout, back to the form).
 */
export function registerLoginRoutes(app: FastifyInstance): void {
  app.get<{ Querystring: { next?: string } }>('/dang-nhap', async (request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .send(page({ title: 'Đăng nhập', body: loginForm(safeNext(request.query.next)), narrow: true })),
  );

  app.post<{ Body: { username?: string; password?: string; next?: string } }>('/dang-nhap', async (request, reply) => {
    const next = safeNext(request.body?.next);
    const username = String(request.body?.username ?? '').trim();
    const answer = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: String(request.body?.password ?? '') },
      remoteAddress: request.ip,
    });
    if (answer.statusCode === 200) {
      forwardCookies(answer.headers['set-cookie'], reply);
      return reply.redirect(next, 303);
    }
    const problem = (JSON.parse(answer.body) as ApiErrorBody).error;
    const message =
      problem.code === 'VALIDATION_FAILED' || answer.statusCode === 400
        ? 'Hãy nhập tên đăng nhập và mật khẩu.'
        : `${problem.message.charAt(0).toLocaleUpperCase('vi')}${problem.message.slice(1)}.`;
    const retryAfter = answer.headers['retry-after'];
    if (retryAfter) void reply.header('Retry-After', retryAfter);
    return reply
      .code(answer.statusCode)
      .type('text/html; charset=utf-8')
      .send(page({ title: 'Đăng nhập', body: loginForm(next, message, username), narrow: true }));
  });

  app.post('/dang-xuat', async (request, reply) => {
    const answer = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: request.headers.cookie ? { cookie: request.headers.cookie } : {},
    });
    forwardCookies(answer.headers['set-cookie'], reply);
    return reply.redirect('/dang-nhap', 303);
  });
}
