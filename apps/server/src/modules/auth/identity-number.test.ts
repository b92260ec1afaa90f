import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, problem, startTestApp, type Session, type TestContext } from '../../test/harness';

const first = {
  fullName: 'Phan Thị Thu Hà',
  username: 'thuha',
  password: 'matkhau2026',
  email: 'thuha@example.vn',
  phone: '0912000111',
  identityNumber: '072195004455',
};

describe('one person, one citizen account', () => {
  let ctx: TestContext;
  let admin: Session;
  beforeAll(async () => {
    ctx = await startTestApp();
    admin = await login(ctx.app, 'admin');
  });
  afterAll(async () => ctx.close());

  const register = (payload: object) =>
    ctx.app.inject({ method: 'POST', url: '/api/auth/register', payload });
  const users = async () =>
    Number(
      (
        await ctx.handle.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses a second registration with the same identity number, without saying whose account has it', async () => {
    expect((await register(first)).statusCode).toBe(201);
    const before = await users();
    const second = await register({
      ...first,
      fullName: 'Nguyễn Văn Bình',
      username: 'vanbinh',
      email: 'vanbinh@example.vn',
      phone: '0912000222',
    });
    expect(second.statusCode).toBe(409);
    const body = problem(second);
    expect(body.code).toBe('identity_number_taken');
    expect(body.detail).toContain('mỗi người chỉ có một tài khoản');
    for (const secret of ['thuha', 'Phan Thị Thu Hà', 'thuha@example.vn', '0912000111'])
      expect(second.body).not.toContain(secret);
    expect(second.cookies).toEqual([]);
    expect(await users()).toBe(before);
  });

  it('checks the identity number last, so a probe must get every other field right first', async () => {
    const weak = await register({ ...first, username: 'khac1', email: 'khac1@example.vn', password: 'abc' });
    expect([weak.statusCode, problem(weak).code]).toEqual([422, 'validation_failed']);
    const takenName = await register({ ...first, email: 'khac2@example.vn' });
    expect(problem(takenName).code).toBe('username_taken');
  });

  it('lets only one of two simultaneous registrations with one number through', async () => {
    const attempts = await Promise.all(
      [1, 2, 3].map((i) =>
        register({
          ...first,
          username: `cungso${i}`,
          email: `cungso${i}@example.vn`,
          identityNumber: '072195007788',
        }),
      ),
    );
    expect(attempts.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
  });

  it('holds when an administrator creates or edits a citizen, naming the holder to the administrator', async () => {
    const created = await as(
      ctx.app,
      admin,
    )({
      method: 'POST',
      url: '/api/admin/users',
      payload: {
        username: 'tao.boi.qtv',
        fullName: 'Lê Văn Cường',
        kind: 'citizen',
        identityNumber: first.identityNumber,
        password: 'MatKhau2026x',
      },
    });
    expect(created.statusCode).toBe(409);
    expect(problem(created)).toMatchObject({ code: 'identity_number_taken' });
    expect(problem(created).detail).toContain('"thuha"');

    const other = await as(
      ctx.app,
      admin,
    )({
      method: 'POST',
      url: '/api/admin/users',
      payload: { username: 'cuong.le', fullName: 'Lê Văn Cường', kind: 'citizen', password: 'MatKhau2026x' },
    });
    expect(other.statusCode).toBe(201);
    const id = other.json<{ id: number }>().id;
    const edit = (identityNumber: string | null) =>
      as(
        ctx.app,
        admin,
      )({
        method: 'PATCH',
        url: `/api/admin/users/${id}`,
        payload: { identityNumber, reason: 'Bổ sung căn cước' },
      });
    const taken = await edit(first.identityNumber);
    expect([taken.statusCode, problem(taken).code]).toEqual([409, 'identity_number_taken']);
    const ok = await edit('072195009999');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().identityNumberMasked).toBe('••••••••9999');
    // The audit keeps the last four digits only.
    const audit = await ctx.handle.db
      .selectFrom('audit_events')
      .select(['before', 'after'])
      .where('action', '=', 'user.update')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit)).not.toContain('072195009999');
    expect(audit.after).toMatchObject({ identityNumber: '••••••••9999' });

    const officer = await ctx.handle.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'tiepnhan')
      .executeTakeFirstOrThrow();
    const onOfficer = await as(
      ctx.app,
      admin,
    )({
      method: 'PATCH',
      url: `/api/admin/users/${officer.id}`,
      payload: { identityNumber: '072195001212', reason: 'Thử' },
    });
    expect(onOfficer.statusCode).toBe(422);
  });
});
