import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, problem, startTestApp, TEST_PASSWORD, type TestContext } from '../../test/harness';

describe('authentication', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp({ loginMaxFailures: 3, loginMaxDelayMinutes: 15, loginRatePerMinute: 12 });
  });
  afterAll(async () => ctx.close());

  it('signs in with an HttpOnly SameSite session cookie and returns a CSRF token', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'TiepNhan', password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'tn_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const body = response.json();
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(body.user.roles[0]).toMatchObject({
      role: 'receiving_officer',
      unit: { agencyCode: '000.02.01.H53' },
    });
  });

  it('refuses a wrong password with a Vietnamese message and no hint which part was wrong', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'congdan', password: 'sai-mat-khau' },
    });
    expect(response.statusCode).toBe(401);
    expect(problem(response).detail).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    // Headed as what happened, not with the 401's generic "Chưa đăng nhập" (not signed in).
    expect(response.json().title).toBe('Sai tên đăng nhập hoặc mật khẩu');
    const english = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '192.0.2.60', // its own sign-in rate budget
      headers: { 'accept-language': 'en' },
      payload: { username: 'congdan', password: 'sai-mat-khau' },
    });
    expect(english.json()).toMatchObject({
      title: 'Wrong username or password',
      detail: 'Wrong username or password.',
    });
    const unknown = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'khong-ton-tai', password: 'x' },
    });
    expect(problem(unknown).detail).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
  });

  it('stops repeated failures from one address, even with the right password, without locking the account', async () => {
    // Brute force is stopped: after the threshold this address must wait, whatever it sends.
    const from = (remoteAddress: string, password: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress,
        payload: { username: 'congdan2', password },
      });
    for (let attempt = 0; attempt < 3; attempt += 1)
      expect((await from('198.51.100.7', 'wrong')).statusCode).toBe(401);
    const fourth = await from('198.51.100.7', TEST_PASSWORD);
    expect(fourth.statusCode).toBe(429);
    expect(problem(fourth).code).toBe('sign_in_throttled');
    expect(problem(fourth).detail).toContain('Tài khoản không bị khóa');
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // No lock handed out: the owner elsewhere signs in, and hears of the failures.
    const owner = await from('192.0.2.44', TEST_PASSWORD);
    expect(owner.statusCode).toBe(200);
    expect(owner.json().failedSignIns).toMatchObject({ count: 3, lastAt: expect.any(String) });
  });

  it('requires the CSRF header on cookie-authenticated writes', async () => {
    const session = await login(ctx.app, 'chuyenvien');
    const without = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { cookie: session.cookie },
      payload: { name: 'x' },
    });
    expect(without.statusCode).toBe(403);
    expect(problem(without).code).toBe('csrf_token_invalid');
    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { cookie: session.cookie, 'x-csrf-token': 'nope' },
      payload: { name: 'x' },
    });
    expect(wrong.statusCode).toBe(403);
    const right = await as(
      ctx.app,
      session,
    )({ method: 'POST', url: '/api/auth/tokens', payload: { name: 'Kết nối thử' } });
    expect(right.statusCode).toBe(201);
  });

  it('issues, lists, uses and revokes bearer tokens, storing only a hash', async () => {
    const session = await login(ctx.app, 'lanhdao');
    const created = await as(
      ctx.app,
      session,
    )({ method: 'POST', url: '/api/auth/tokens', payload: { name: 'Kết nối LGSP', expiresInDays: 30 } });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json<{ token: string; id: number }>();
    expect(token).toMatch(/^tnk_/);
    const stored = await ctx.handle.db
      .selectFrom('api_tokens')
      .select(['token_hash', 'token_prefix'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    expect(token.startsWith(stored.token_prefix)).toBe(true);

    const me = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.json().username).toBe('lanhdao');
    // Bearer writes need no CSRF token.
    const another = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'phụ' },
    });
    expect(another.statusCode).toBe(201);

    const list = await as(ctx.app, session)({ method: 'GET', url: '/api/auth/tokens' });
    expect(list.json<unknown[]>().length).toBe(2);
    expect(JSON.stringify(list.json())).not.toContain(token);

    expect((await as(ctx.app, session)({ method: 'DELETE', url: `/api/auth/tokens/${id}` })).statusCode).toBe(
      204,
    );
    const after = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.statusCode).toBe(401);
    expect(problem(after).code).toBe('invalid_token');
  });

  it('ends the session at logout and renews it at login', async () => {
    const first = await login(ctx.app, 'chuyenvien.xd');
    const second = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: first.cookie },
      payload: { username: 'chuyenvien.xd', password: TEST_PASSWORD },
    });
    expect(second.cookies[0]!.value).not.toBe(first.cookie.split('=')[1]);
    // The old session was ended by the new sign-in: nobody is signed in with it (204).
    expect((await as(ctx.app, first)({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(204);
    const session = {
      cookie: `tn_session=${second.cookies[0]!.value}`,
      csrfToken: second.json().csrfToken,
      userId: 0,
    };
    expect((await as(ctx.app, session)({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    const after = await as(ctx.app, session)({ method: 'GET', url: '/api/auth/me' });
    expect([after.statusCode, after.body]).toEqual([204, '']);
  });

  it('stores scrypt hashes, never passwords', async () => {
    const row = await ctx.handle.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(row.password_hash).not.toContain(TEST_PASSWORD);
  });

  it('answers 401 without credentials and 403 without the permission', async () => {
    expect(problem(await ctx.app.inject({ method: 'GET', url: '/api/admin/users' })).code).toBe(
      'unauthenticated',
    );
    const citizen = await login(ctx.app, 'congdan');
    const response = await as(ctx.app, citizen)({ method: 'GET', url: '/api/admin/users' });
    expect(response.statusCode).toBe(403);
    expect(problem(response).code).toBe('forbidden');
  });

  it('rate-limits sign-in attempts per client address (last test: it exhausts the budget)', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 14; attempt += 1) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `ai-do-${attempt}`, password: 'x' },
      });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) expect(problem(response).code).toBe('rate_limited');
    }
    expect(statuses).toContain(429);
  });
});
