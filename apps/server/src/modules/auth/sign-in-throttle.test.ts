/**
 * Sign-in throttling through the API (issue #11): five wrong passwords used to lock any known
 * account, `admin` included, for 15 minutes. Now the guessing address waits, the account is
 * never locked, and the owner hears of the failures after signing in.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { problem, startTestApp, TEST_PASSWORD, type TestContext } from '../../test/harness';

describe('sign-in throttle', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp({
      loginMaxFailures: 5,
      loginAccountMaxFailures: 12,
      loginMaxDelayMinutes: 15,
      loginRatePerMinute: 10_000,
    });
  });
  afterAll(async () => ctx.close());

  const signIn = (username: string, password: string, remoteAddress: string) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress,
      payload: { username, password },
    });

  it('an attacker elsewhere cannot lock admin out: the owner signs in from their usual address', async () => {
    const OFFICE = '203.0.113.10';
    expect((await signIn('admin', TEST_PASSWORD, OFFICE)).statusCode).toBe(200);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 30; attempt += 1)
      statuses.push((await signIn('admin', `doan-${attempt}`, '198.51.100.66')).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(6);
    expect(statuses.at(-1)).toBe(429);
    // The right password from the attacker's address is refused too while it waits.
    expect((await signIn('admin', TEST_PASSWORD, '198.51.100.66')).statusCode).toBe(429);

    const owner = await signIn('admin', TEST_PASSWORD, OFFICE);
    expect(owner.statusCode).toBe(200);
    const failed = owner.json().failedSignIns;
    expect(failed.count).toBe(statuses.filter((s) => s === 401).length);
    // …and GET /api/auth/me says it for the whole session.
    const cookie = `tn_session=${owner.cookies.find((c) => c.name === 'tn_session')!.value}`;
    const me = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.json().failedSignIns).toEqual(failed);
    // Told once: the next sign-in has nothing new to report.
    expect((await signIn('admin', TEST_PASSWORD, OFFICE)).json().failedSignIns).toEqual({
      count: 0,
      lastAt: null,
    });
  });

  it('slows, does not lock: after the wait the address may try again', async () => {
    const HOME = '192.0.2.21';
    for (let attempt = 0; attempt < 5; attempt += 1)
      expect((await signIn('chuyenvien', 'sai', HOME)).statusCode).toBe(401);
    const waiting = await signIn('chuyenvien', TEST_PASSWORD, HOME);
    expect(waiting.statusCode).toBe(429);
    expect(waiting.headers['retry-after']).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await signIn('chuyenvien', TEST_PASSWORD, HOME)).statusCode).toBe(200);
  });

  it('a burst of parallel guesses gets no more password checks than the threshold', async () => {
    // The burst arrives at one instant: the clock stands still while it is served, so that a
    // loaded machine (password checks taking over the first 1 s wait) cannot let a sixth one in.
    vi.useFakeTimers({ toFake: ['Date'] });
    const responses = await Promise.all(
      Array.from({ length: 25 }, (_, i) => signIn('lanhdao', `song-song-${i}`, '198.51.100.90')),
    ).finally(() => vi.useRealTimers());
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  });

  it('twenty sign-ins at once with the right password are not taken for a burst of guesses', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => signIn('chuyenvien.xd', TEST_PASSWORD, '203.0.113.55')),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array.from({ length: 20 }, () => 200));
  });

  it('guessing from many addresses slows new addresses only; the owner’s usual one is not slowed', async () => {
    const USUAL = '203.0.113.30';
    expect((await signIn('lanhdao.xd', TEST_PASSWORD, USUAL)).statusCode).toBe(200);
    // Twelve addresses, each under its own threshold: the account's threshold is reached.
    for (let i = 0; i < 12; i += 1)
      expect((await signIn('lanhdao.xd', 'sai', `198.51.100.${100 + i}`)).statusCode).toBe(401);
    const stranger = await signIn('lanhdao.xd', TEST_PASSWORD, '198.51.100.200');
    expect(stranger.statusCode).toBe(429);
    expect(problem(stranger).detail).toContain('chưa từng đăng nhập');
    expect((await signIn('lanhdao.xd', TEST_PASSWORD, USUAL)).statusCode).toBe(200);
  });

  it('throttles an unknown user name exactly like a real one (no enumeration by the throttle)', async () => {
    const answers = async (username: string) => {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 7; attempt += 1)
        statuses.push((await signIn(username, 'sai', '198.51.100.150')).statusCode);
      return statuses;
    };
    expect(await answers('khong-ton-tai')).toEqual(await answers('chuyenvien.xd'));
  });
});
