import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, problem, startTestApp, type TestContext } from '../../test/harness';
import { normaliseRegistration, registrationProblems } from './register';

const valid = {
  fullName: 'Trần Thị Bích Ngọc',
  username: 'bichngoc',
  password: 'matkhau2026',
  email: 'BichNgoc@example.vn',
  phone: '0912 345 678',
  identityNumber: '072190009876',
};

describe('citizen registration (rules)', () => {
  it('accepts a valid registration once normalised', () => {
    const input = normaliseRegistration(valid);
    expect(input).toMatchObject({ email: 'bichngoc@example.vn', phone: '0912345678' });
    expect(registrationProblems(input)).toEqual([]);
  });

  it('explains each invalid field in Vietnamese', () => {
    const errors = registrationProblems(
      normaliseRegistration({
        fullName: ' ',
        username: 'Ab',
        password: 'abcdefgh',
        email: 'khong-phai-email',
        phone: '0212345678',
        identityNumber: '12345',
      }),
    );
    expect(errors.map((error) => error.field)).toEqual([
      '/fullName',
      '/username',
      '/password',
      '/email',
      '/phone',
      '/identityNumber',
    ]);
    expect(errors.find((error) => error.field === '/password')!.message).toBe(
      'Mật khẩu phải có cả chữ và số.',
    );
    expect(errors.find((error) => error.field === '/identityNumber')!.message).toContain('12 chữ số');
    expect(registrationProblems(normaliseRegistration({ ...valid, password: 'abc1234' }))[0]!.message).toBe(
      'Mật khẩu phải có ít nhất 8 ký tự.',
    );
    expect(registrationProblems(normaliseRegistration({ ...valid, phone: '+84987654321' }))).toEqual([]);
  });
});

describe('POST /api/auth/register', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp({ loginRatePerMinute: 8, registerRatePerHour: 8 });
  });
  afterAll(async () => ctx.close());

  const register = (payload: object) =>
    ctx.app.inject({ method: 'POST', url: '/api/auth/register', payload });

  it('creates a citizen, signs them in with a session cookie and a CSRF token, and audits it', async () => {
    const response = await register(valid);
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.user).toMatchObject({
      username: 'bichngoc',
      fullName: 'Trần Thị Bích Ngọc',
      email: 'bichngoc@example.vn',
      phone: '0912345678',
      kind: 'citizen',
      identityNumberMasked: '••••••••9876',
    });
    expect(body.user.roles.map((grant: { role: string }) => grant.role)).toEqual(['citizen']);
    const cookie = response.cookies.find((c) => c.name === 'tn_session')!;
    expect(cookie.httpOnly).toBe(true);
    const session = { cookie: `tn_session=${cookie.value}`, csrfToken: body.csrfToken, userId: body.user.id };
    const me = await as(ctx.app, session)({ method: 'GET', url: '/api/auth/me' });
    expect(me.json().username).toBe('bichngoc');
    // The new citizen can start an online dossier straight away.
    const drafts = await as(ctx.app, session)({ method: 'GET', url: '/api/drafts' });
    expect(drafts.statusCode).toBe(200);

    const row = await ctx.handle.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'bichngoc')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(valid.password);
    const audit = await ctx.handle.db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id'])
      .where('entity_type', '=', 'user')
      .where('entity_id', '=', String(body.user.id))
      .orderBy('id')
      .execute();
    expect(audit.map((event) => event.action)).toEqual(['user.register', 'auth.login']);
    expect(audit[0]!.actor_user_id).toBe(body.user.id);
  });

  it('answers 409 for a user name or an e-mail already used (whatever the case)', async () => {
    const sameName = await register({ ...valid, username: 'BichNgoc', email: 'khac@example.vn' });
    expect(sameName.statusCode).toBe(409);
    expect(problem(sameName)).toMatchObject({ code: 'username_taken' });
    expect(problem(sameName).detail).toContain('đã được sử dụng');
    const sameEmail = await register({ ...valid, username: 'bichngoc2', email: 'BICHNGOC@example.vn' });
    expect(sameEmail.statusCode).toBe(409);
    expect(problem(sameEmail).code).toBe('email_taken');
  });

  it('answers 422 with a Vietnamese message per invalid field, creating nothing', async () => {
    const response = await register({
      ...valid,
      username: 'nguoimoi',
      password: 'chiconchu',
      phone: '12345',
    });
    expect(response.statusCode).toBe(422);
    const body = problem(response);
    expect(body.errors!.map((error) => [error.field, error.message])).toEqual([
      ['/password', 'Mật khẩu phải có cả chữ và số.'],
      ['/phone', expect.stringContaining('Số điện thoại di động không hợp lệ')],
    ]);
    const missing = await register({ username: 'x' });
    expect(missing.statusCode).toBe(400);
    const created = await ctx.handle.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'nguoimoi')
      .executeTakeFirst();
    expect(created).toBeUndefined();
  });

  it('is limited per client address (REGISTER_RATE_PER_HOUR; last test: it exhausts the budget)', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt += 1)
      statuses.push((await register({ ...valid, username: `thu-${attempt}`, phone: 'x' })).statusCode);
    expect(statuses).toContain(429);
  });
});
