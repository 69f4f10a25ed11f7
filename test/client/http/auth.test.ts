import { randomUUID } from 'node:crypto';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-databases';
import { addAccount, buildTestApi, loginHeaders, PASSWORD, PROXY_SECRET } from './helpers/api-fixture';

describe('API sign-in: local accounts, sessions, the SSO proxy, errors', () => {
  let database: TestDatabase;
  let api: ReturnType<typeof buildTestApi>;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    api = buildTestApi(database.db);
  });
  afterAll(async () => {
    await api?.close();
    await database?.close();
  });

  it('logs in with a cookie (HttpOnly, SameSite=Lax) and a bearer token, and logs out', async () => {
    const username = `cb-${randomUUID().slice(0, 8)}`;
    await addAccount(database.db, username, 'admin');
    const login = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: username.toUpperCase(), password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/^dondoc_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const token = login.json<{ token: string }>().token;
    const stored = await database.db.selectFrom('sessions').select('token_hash').execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(token);

    const byCookie = await api.app.inject({ url: '/api/auth/me', cookies: { dondoc_session: token } });
    expect(byCookie.json()).toEqual({ username, role: 'admin', unitCode: null, via: 'session' });
    const byBearer = await api.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(byBearer.statusCode).toBe(200);

    const logout = await api.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies: { dondoc_session: token },
    });
    expect(logout.statusCode).toBe(204);
    const after = await api.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toEqual({
      error: { code: 'SESSION_EXPIRED', message: expect.stringMatching(/hết hạn/), field: null },
    });
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const username = `cb-${randomUUID().slice(0, 8)}`;
    await addAccount(database.db, username, 'leader', 'SNV');
    const wrong = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: 'sai-mat-khau-000' },
    });
    const unknown = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'khong-co-ai', password: PASSWORD },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json()).toEqual({
      error: { code: 'LOGIN_FAILED', message: 'sai tên đăng nhập hoặc mật khẩu', field: null },
    });
  });

  it('believes SSO headers only with the proxy secret', async () => {
    const proxied = await api.app.inject({
      url: '/api/auth/me',
      headers: {
        'x-dondoc-proxy-secret': PROXY_SECRET,
        'x-dondoc-user': 'nguyen.van.a',
        'x-dondoc-role': 'leader',
        'x-dondoc-unit': 'SNV',
      },
    });
    expect(proxied.json()).toEqual({ username: 'nguyen.van.a', role: 'leader', unitCode: 'SNV', via: 'proxy' });
    const forged = await api.app.inject({
      url: '/api/auth/me',
      headers: { 'x-dondoc-proxy-secret': 'doan-thu', 'x-dondoc-user': 'ke-gian', 'x-dondoc-role': 'admin' },
    });
    expect(forged.statusCode).toBe(401);
    const noRole = await api.app.inject({
      url: '/api/auth/me',
      headers: { 'x-dondoc-proxy-secret': PROXY_SECRET, 'x-dondoc-user': 'a', 'x-dondoc-role': 'superuser' },
    });
    expect(noRole.statusCode).toBe(401);
    expect(noRole.json<{ error: { code: string } }>().error.code).toBe('SSO_ROLE_INVALID');
  });

  it('answers bad input in Vietnamese with the field, never a 500', async () => {
    const missing = await api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: '"password" (nội dung) là bắt buộc nhưng chưa có',
        field: 'password',
      },
    });
    const extra = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a', password: 'b', admin: true },
    });
    expect(extra.json<{ error: { field: string } }>().error.field).toBe('admin');
    const broken = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json<{ error: { code: string } }>().error.code).toBe('BODY_INVALID');
    const nowhere = await api.app.inject({ url: '/api/khong-co' });
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.json<{ error: { code: string } }>().error.code).toBe('ROUTE_NOT_FOUND');
    const huge = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a', password: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(huge.statusCode).toBe(413);
    expect((await loginHeaders(api.app, await freshAdmin())).authorization).toMatch(/^Bearer /);
  });

  async function freshAdmin(): Promise<string> {
    const username = `cb-${randomUUID().slice(0, 8)}`;
    await addAccount(database.db, username, 'admin');
    return username;
  }

  it('makes a guesser wait after five wrong passwords for one account, and only that account', async () => {
    const username = `cb-${randomUUID().slice(0, 8)}`;
    await addAccount(database.db, username, 'admin');
    const attempt = (password: string, name = username) =>
      api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: name, password } });
    for (let i = 0; i < 5; i++) expect((await attempt(`sai-${i}-mat-khau`)).statusCode).toBe(401);
    const throttled = await attempt(PASSWORD);
    expect(throttled.statusCode).toBe(429);
    expect(throttled.headers['retry-after']).toMatch(/^\d+$/);
    expect(throttled.json()).toEqual({
      error: { code: 'LOGIN_THROTTLED', message: 'đăng nhập sai quá nhiều lần; hãy thử lại sau 15 phút', field: null },
    });
    expect((await attempt(PASSWORD, await freshAdmin())).statusCode).toBe(200);
  });
});
