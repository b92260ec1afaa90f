import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, problem, startTestApp, type Session, type TestContext } from '../../test/harness';

describe('calendar API', () => {
  let ctx: TestContext;
  let admin: Session;
  beforeAll(async () => {
    ctx = await startTestApp();
    admin = await login(ctx.app, 'admin');
  });
  afterAll(async () => ctx.close());

  const due = (query: string) => ctx.app.inject({ method: 'GET', url: `/api/calendar/due-date?${query}` });

  it('computes a due date across Tết 2026 and explains the skipped days', async () => {
    const response = await due('from=2026-02-13T10:00:00%2B07:00&amount=1&unit=working-days');
    expect(response.statusCode).toBe(200);
    const body = response.json<{ dueAt: string; skipped: Array<{ date: string; reason: string }> }>();
    expect(body.dueAt).toBe('2026-02-23T10:00:00+07:00');
    expect(body.skipped).toHaveLength(9);
    expect(body.skipped[3]).toEqual({ date: '2026-02-17', reason: 'Tết Nguyên đán (mùng 1)' });
  });

  it('applies the 15:00 rule and other units', async () => {
    expect((await due('from=2026-03-10T15:30:00%2B07:00&amount=1&unit=working-days')).json().dueAt).toBe(
      '2026-03-11T17:00:00+07:00',
    );
    expect((await due('from=2026-03-10T10:00:00%2B07:00&amount=4&unit=working-hours')).json().dueAt).toBe(
      '2026-03-10T16:00:00+07:00',
    );
    expect((await due('from=2026-03-12T10:00:00%2B07:00&amount=2&unit=calendar-days')).json().dueAt).toBe(
      '2026-03-16T17:00:00+07:00',
    );
  });

  it('rejects bad input with field errors', async () => {
    const response = await due('from=hôm-nay&amount=-1&unit=weeks');
    expect(response.statusCode).toBe(400);
    const fields = problem(response)
      .errors!.map((error) => error.field)
      .sort();
    expect(fields).toEqual(['/amount', '/from', '/unit']);
  });

  it('lists a year of days off with sources, and computed defaults for an unentered year', async () => {
    const year2026 = (await ctx.app.inject({ method: 'GET', url: '/api/calendar/holidays?year=2026' })).json<{
      status: string;
      days: Array<{ date: string; kind: string; source: string }>;
    }>();
    expect(year2026.status).toBe('official');
    expect(year2026.days.find((d) => d.date === '2026-01-10')?.kind).toBe('swapped-workday');
    expect(year2026.days.every((d) => d.source.length > 0)).toBe(true);
    const year2031 = (await ctx.app.inject({ method: 'GET', url: '/api/calendar/holidays?year=2031' })).json<{
      status: string;
      days: Array<{ date: string; name: string }>;
    }>();
    expect(year2031.status).toBe('default');
    expect(year2031.days.find((d) => d.name === 'Tết Nguyên đán (mùng 1)')?.date).toBe('2031-01-23');
  });

  it('lets the system admin enter an official schedule that changes due dates at once', async () => {
    const before = (await due('from=2031-04-28T10:00:00%2B07:00&amount=1&unit=working-days')).json().dueAt;
    const put = await as(
      ctx.app,
      admin,
    )({
      method: 'PUT',
      url: '/api/admin/calendar/years/2031',
      payload: {
        status: 'provisional',
        source: 'Thông báo thử nghiệm số 1/TB-BNV',
        days: [
          { date: '2031-04-29', kind: 'swapped-off', name: 'Nghỉ hoán đổi (làm bù thứ Bảy 10/5/2031)' },
          { date: '2031-05-10', kind: 'swapped-workday', name: 'Làm bù cho thứ Ba 29/4/2031' },
        ],
        reason: 'Nhập lịch nghỉ',
      },
    });
    expect(put.statusCode).toBe(200);
    const after = (await due('from=2031-04-28T10:00:00%2B07:00&amount=1&unit=working-days')).json<{
      dueAt: string;
      skipped: Array<{ reason: string }>;
    }>();
    expect(before).toBe('2031-04-29T10:00:00+07:00');
    // Monday 28/4 + 1 day: 29/4 swapped off, 30/4 and 1/5 holidays → Friday 2/5.
    expect(after.dueAt).toBe('2031-05-02T10:00:00+07:00');
    expect(after.skipped[0]!.reason).toBe('Nghỉ hoán đổi (làm bù thứ Bảy 10/5/2031)');

    const wrongYear = await as(
      ctx.app,
      admin,
    )({
      method: 'PUT',
      url: '/api/admin/calendar/years/2031',
      payload: {
        status: 'official',
        source: 'x',
        days: [{ date: '2030-01-01', kind: 'holiday', name: 'Sai năm' }],
      },
    });
    expect(wrongYear.statusCode).toBe(422);
    expect(problem(wrongYear).errors![0]!.code).toBe('wrong_year');
  });

  it('keeps office hours configurable by the system admin only', async () => {
    const officer = await login(ctx.app, 'tiepnhan');
    const body = {
      sessions: [
        { start: '07:30', end: '11:30' },
        { start: '13:00', end: '17:00' },
      ],
      cutoff: '15:00',
      reason: 'Giờ làm việc mùa hè',
    };
    expect(
      (await as(ctx.app, officer)({ method: 'PUT', url: '/api/admin/calendar/office-hours', payload: body }))
        .statusCode,
    ).toBe(403);
    const overlapping = await as(
      ctx.app,
      admin,
    )({
      method: 'PUT',
      url: '/api/admin/calendar/office-hours',
      payload: {
        ...body,
        sessions: [
          { start: '13:00', end: '17:00' },
          { start: '07:30', end: '11:30' },
        ],
      },
    });
    expect(overlapping.statusCode).toBe(422);
    expect(
      (await as(ctx.app, admin)({ method: 'PUT', url: '/api/admin/calendar/office-hours', payload: body }))
        .statusCode,
    ).toBe(200);
    expect((await due('from=2026-03-10T07:00:00%2B07:00&amount=0.5&unit=working-days')).json().dueAt).toBe(
      '2026-03-10T11:30:00+07:00',
    );
  });
});
