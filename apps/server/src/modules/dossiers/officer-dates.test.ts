/**
 * What the officer sees before confirming, and the dates and files the server insists on: the
 * appointment shown before accepting is the one the receipt gets; deadlines set by hand fall on
 * working days; a result is returned online only with its electronic file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, problem, startTestApp, type Session, type TestContext } from '../../test/harness';
import { multipart, PDF, submitPermit } from '../../test/dossier-fixtures';
import { workingDaysFromNow } from '../../test/working-days';
import { addDays, vietnamDate, weekday } from '../../lib/time';

interface Offered {
  type: string;
  appointment?: {
    computedAt: string;
    dueAt: string | null;
    duration: { amount: number; unit: string } | null;
  };
}

describe('dates and files the officers’ actions depend on', () => {
  let ctx: TestContext;
  let citizen: Session;
  let reception: Session;
  let specialist: Session;
  let leader: Session;
  beforeAll(async () => {
    ctx = await startTestApp();
    citizen = await login(ctx.app, 'congdan');
    reception = await login(ctx.app, 'tiepnhan');
    specialist = await login(ctx.app, 'chuyenvien.xd');
    leader = await login(ctx.app, 'lanhdao.xd');
  });
  afterAll(async () => ctx.close());

  const act = (session: Session, code: string, body: object) =>
    as(ctx.app, session)({ method: 'POST', url: `/api/dossiers/${code}/actions`, payload: body });
  const offered = async (session: Session, code: string) =>
    (await as(ctx.app, session)({ method: 'GET', url: `/api/dossiers/${code}/allowed-actions` })).json<{
      actions: Offered[];
    }>().actions;

  it('shows, before accepting, the appointment that accepting gives', async () => {
    const code = await submitPermit(ctx.app, citizen);
    const accept = (await offered(reception, code)).find((action) => action.type === 'accept')!;
    expect(accept.appointment).toMatchObject({
      duration: { amount: expect.any(Number), unit: expect.any(String) },
    });
    expect(accept.appointment!.dueAt).toMatch(/\+07:00$/);
    const accepted = await act(reception, code, { type: 'accept' });
    expect(accepted.statusCode).toBe(200);
    // Within the same minute of office time, both come from the same computation.
    expect(accepted.json().dueAt).toBe(accept.appointment!.dueAt);
    // Nobody else is offered acceptance, nor its preview.
    const others = await offered(citizen, code);
    expect(others.some((action) => action.appointment !== undefined)).toBe(false);
  });

  it('answers the days off in a range, and refuses a range it cannot answer with a 400', async () => {
    const answer = await ctx.app.inject({
      method: 'GET',
      url: '/api/calendar/non-working-days?from=2026-09-01&to=2026-10-11',
    });
    expect(answer.statusCode).toBe(200);
    const days = answer.json<{ days: Array<{ date: string; reason: string }> }>().days;
    const reason = (date: string) => days.find((day) => day.date === date)?.reason;
    expect(reason('2026-09-02')).toMatch(/Quốc khánh/);
    expect(reason('2026-10-03')).toBe('Thứ Bảy');
    expect(reason('2026-10-04')).toBe('Chủ nhật');
    expect(reason('2026-10-05')).toBeUndefined(); // a Monday
    expect(days.every((day) => day.date >= '2026-09-01' && day.date <= '2026-10-11')).toBe(true);
    for (const query of [
      'from=0001-01-01&to=0001-01-31',
      'from=2026-09-06&to=2026-09-01',
      'from=2026-01-01&to=2029-01-01',
      'from=2026-02-30&to=2026-03-01',
      'from=2026-01-01',
    ]) {
      const refused = await ctx.app.inject({ method: 'GET', url: `/api/calendar/non-working-days?${query}` });
      expect({ query, status: refused.statusCode }).toEqual({ query, status: 400 });
      expect(problem(refused).detail_en).toBeTruthy();
    }
  });

  it('refuses an inter-agency task due on a day off, writing nothing', async () => {
    const code = await submitPermit(ctx.app, citizen);
    expect((await act(reception, code, { type: 'accept' })).statusCode).toBe(200);
    const units = await ctx.app.inject({ method: 'GET', url: '/api/units?q=000.00.14.H53' });
    const unitId = units.json().items[0].id as number;
    let sunday = addDays(vietnamDate(new Date()), 7);
    while (weekday(sunday) !== 0) sunday = addDays(sunday, 1);
    const before = (
      await as(ctx.app, specialist)({ method: 'GET', url: `/api/dossiers/${code}/events` })
    ).json().events.length;
    const refused = await act(specialist, code, {
      type: 'forward',
      unitId,
      task: 'Xác minh',
      dueAt: `${sunday}T17:00:00+07:00`,
    });
    expect(refused.statusCode).toBe(422);
    expect(problem(refused).errors).toEqual([
      expect.objectContaining({
        field: '/dueAt',
        code: 'non_working_day',
        message: expect.stringMatching(/Chủ nhật/),
      }),
    ]);
    const after = (
      await as(ctx.app, specialist)({ method: 'GET', url: `/api/dossiers/${code}/events` })
    ).json().events.length;
    expect(after).toBe(before);
    const accepted = await act(specialist, code, {
      type: 'forward',
      unitId,
      task: 'Xác minh',
      dueAt: await workingDaysFromNow(ctx.app, 3),
    });
    expect(accepted.statusCode).toBe(200);
  });

  it('returns a result online only once its electronic file is attached', async () => {
    const code = await submitPermit(ctx.app, citizen);
    await act(reception, code, { type: 'accept' });
    const me = (await as(ctx.app, specialist)({ method: 'GET', url: '/api/auth/me' })).json();
    await act(leader, code, { type: 'assign', assigneeId: me.id });
    await act(specialist, code, { type: 'send-for-approval' });
    expect((await act(leader, code, { type: 'approve' })).statusCode).toBe(200);
    for (const body of [{ type: 'return-result', method: 'online' }, { type: 'return-result' }]) {
      const refused = await act(reception, code, body);
      expect(problem(refused)).toMatchObject({ status: 409, code: 'result_file_missing' });
      expect(problem(refused).detail).toMatch(/tệp kết quả điện tử/);
    }
    // A working file is not the result.
    const upload = (purpose: string) => {
      const file = multipart('Giấy phép.pdf', Buffer.concat([PDF, Buffer.from(purpose)]));
      return as(
        ctx.app,
        reception,
      )({
        method: 'POST',
        url: `/api/dossiers/${code}/attachments${purpose ? `?purpose=${purpose}` : ''}`,
        payload: file.payload,
        headers: file.headers,
      });
    };
    expect((await upload('')).statusCode).toBe(201);
    expect(problem(await act(reception, code, { type: 'return-result', method: 'online' })).code).toBe(
      'result_file_missing',
    );
    expect((await upload('result')).statusCode).toBe(201);
    const returned = await act(reception, code, { type: 'return-result', method: 'online' });
    expect(returned.json()).toMatchObject({ status: 'returned' });
  });

  it('returns at the counter without an electronic file', async () => {
    const code = await submitPermit(ctx.app, citizen);
    await act(reception, code, { type: 'accept' });
    const me = (await as(ctx.app, specialist)({ method: 'GET', url: '/api/auth/me' })).json();
    await act(leader, code, { type: 'assign', assigneeId: me.id });
    await act(specialist, code, { type: 'send-for-approval' });
    await act(leader, code, { type: 'approve' });
    const returned = await act(reception, code, { type: 'return-result', method: 'counter' });
    expect(returned.json()).toMatchObject({ status: 'returned' });
  });
});
