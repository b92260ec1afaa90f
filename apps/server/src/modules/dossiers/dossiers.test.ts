import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, problem, startTestApp, type Session, type TestContext } from '../../test/harness';
import { form, PERMIT } from './test-dossiers';

describe('dossiers: submission, intake and access', () => {
  let ctx: TestContext;
  let citizen: Session;
  let reception: Session;
  beforeAll(async () => {
    ctx = await startTestApp();
    citizen = await login(ctx.app, 'congdan');
    reception = await login(ctx.app, 'tiepnhan');
  });
  afterAll(async () => ctx.close());

  const submit = (session: Session, body: object, key?: string) =>
    as(
      ctx.app,
      session,
    )({
      method: 'POST',
      url: '/api/dossiers',
      payload: body,
      headers: key ? { 'idempotency-key': key } : {},
    });

  it('takes an online submission once, even when retried, with a legal dossier code', async () => {
    const body = { procedureCode: PERMIT, channel: 'online', formData: form };
    const first = await submit(citizen, body, 'nop-ho-so-0001');
    expect(first.statusCode).toBe(201);
    const dossier = first.json();
    expect(dossier.code).toMatch(/^000\.02\.01\.H53-\d{6}-0001$/);
    expect(dossier).toMatchObject({
      status: 'submitted',
      statusName: 'Chờ tiếp nhận',
      handlingUnit: { agencyCode: '000.00.16.H53' },
    });
    // The answer is built from what the insert returned: the same as reading the dossier back,
    // for the applicant and for an officer entering at the counter.
    const read = await as(ctx.app, citizen)({ method: 'GET', url: `/api/dossiers/${dossier.code}` });
    expect(dossier).toEqual(read.json());
    const retry = await submit(citizen, body, 'nop-ho-so-0001');
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(read.json());
    const mine = await as(ctx.app, citizen)({ method: 'GET', url: '/api/dossiers/mine' });
    expect(mine.json().total).toBe(1);
  });

  it('validates the form against the procedure schema, in Vietnamese, and writes nothing', async () => {
    const before = await ctx.handle.db
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await submit(citizen, {
      procedureCode: PERMIT,
      channel: 'online',
      formData: { applicant: form.applicant, details: { floors: 0 } },
    });
    expect(response.statusCode).toBe(422);
    const fields = problem(response).errors!.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['/formData/details/worksName', '/formData/details/floors']),
    );
    const after = await ctx.handle.db
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('runs intake: supplement request, citizen supplement, acceptance with a computed appointment', async () => {
    const created = (
      await submit(citizen, { procedureCode: PERMIT, channel: 'online', formData: form })
    ).json();
    const act = (session: Session, body: object) =>
      as(ctx.app, session)({ method: 'POST', url: `/api/dossiers/${created.code}/actions`, payload: body });

    expect((await act(citizen, { type: 'accept' })).statusCode).toBe(403);
    const emptyList = await act(reception, { type: 'request-supplement' });
    expect(problem(emptyList).code).toBe('action_not_allowed');
    const supplement = await act(reception, {
      type: 'request-supplement',
      items: ['Bản vẽ thiết kế', 'Giấy tờ về quyền sử dụng đất'],
    });
    // The officer may record a supplement brought to the counter; the citizen may also upload it.
    expect(supplement.json()).toMatchObject({
      status: 'intake_supplement',
      allowedActions: ['supplement'],
    });
    const citizenView = await as(ctx.app, citizen)({ method: 'GET', url: `/api/dossiers/${created.code}` });
    expect(citizenView.json().allowedActions).toEqual(['supplement', 'withdraw']);
    expect((await act(citizen, { type: 'supplement' })).json().status).toBe('submitted');
    const accepted = await act(reception, { type: 'accept' });
    expect(accepted.statusCode).toBe(200);
    const body = accepted.json();
    expect(body.status).toBe('processing');
    expect(body.dueAt).toMatch(/\+07:00$/);
    expect(body.originalDueAt).toBe(body.dueAt);
    expect(body.history.map((h: { type: string }) => h.type)).toEqual([
      'submitted',
      'intake_supplement_requested',
      'supplemented',
      'accepted',
    ]);
    expect(body.history[3].actor).toBe('Nguyễn Thị Thu Hà');

    const again = await act(reception, { type: 'accept' });
    expect(again.statusCode).toBe(409);
    expect(problem(again).detail).toContain('Chỉ tiếp nhận được hồ sơ đang chờ tiếp nhận');

    const lookup = await ctx.app.inject({ method: 'GET', url: `/api/public/dossiers/${created.code}` });
    expect(lookup.json()).toMatchObject({
      code: created.code,
      status: 'processing',
      statusName: 'Đang giải quyết',
    });
    expect(lookup.body).not.toContain('Võ Thị');
    expect(lookup.body).not.toContain('072190001234');
  });

  it('shows a dossier only to its applicant and the officers of its units', async () => {
    const created = (
      await submit(citizen, { procedureCode: PERMIT, channel: 'online', formData: form })
    ).json();
    const view = async (username: string) =>
      (
        await as(
          ctx.app,
          await login(ctx.app, username),
        )({ method: 'GET', url: `/api/dossiers/${created.code}` })
      ).statusCode;
    expect(await view('congdan2')).toBe(404);
    expect(await view('chuyenvien')).toBe(404); // Sở Tư pháp: not its dossier
    expect(await view('chuyenvien.xd')).toBe(200); // Sở Xây dựng handles it
    expect(await view('tiepnhan')).toBe(200);
    expect(await view('admin')).toBe(200);
  });

  it('lets a receiving officer enter a counter dossier for a walk-in applicant', async () => {
    const walkIn = {
      procedureCode: PERMIT,
      channel: 'counter',
      formData: form,
      applicant: { fullName: 'Trần Thị Mai', phone: '0909123456', address: 'Xã Tân Biên' },
    };
    const response = await submit(reception, walkIn, 'quay-0001');
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      channel: 'counter',
      applicant: { fullName: 'Trần Thị Mai' },
      allowedActions: expect.arrayContaining(['accept']),
    });
    const read = await as(
      ctx.app,
      reception,
    )({ method: 'GET', url: `/api/dossiers/${response.json().code}` });
    expect(response.json()).toEqual(read.json());
    // Officers have no account quota: a retry is found by the insert's unique key, and the number
    // it briefly took is given back (the next dossier takes the next number).
    const retry = await submit(reception, walkIn, 'quay-0001');
    expect(retry.json()).toEqual(read.json());
    const next = await submit(reception, walkIn);
    const number = (code: string) => Number(code.slice(-4));
    expect(number(next.json().code)).toBe(number(response.json().code) + 1);
    const citizenCounter = await submit(citizen, {
      procedureCode: PERMIT,
      channel: 'counter',
      formData: form,
    });
    expect(citizenCounter.statusCode).toBe(403);
  });

  it('gives gap-free, unique codes under concurrent submissions', async () => {
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        submit(
          citizen,
          { procedureCode: PERMIT, channel: 'online', formData: form },
          `dong-thoi-${i}-abcdef`,
        ),
      ),
    );
    expect(responses.every((r) => r.statusCode === 201)).toBe(true);
    const rows = await ctx.handle.db
      .selectFrom('dossiers')
      .select('code')
      .where('code', 'is not', null)
      .execute();
    const numbers = rows.map((r) => Number(r.code!.slice(-4))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
  });

  it('answers 503 and writes nothing once an agency has given 9,999 codes in a day', async () => {
    const first = (
      await submit(citizen, { procedureCode: PERMIT, channel: 'online', formData: form })
    ).json();
    const [agency, day] = [first.code.slice(0, 13), first.code.slice(14, 20)];
    const isoDay = `20${day.slice(0, 2)}-${day.slice(2, 4)}-${day.slice(4, 6)}`;
    const count = async () =>
      Number(
        (
          await ctx.handle.db
            .selectFrom('dossiers')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await ctx.handle.db
      .updateTable('dossier_code_counters')
      .set({ last_number: 9999 })
      .where('agency_code', '=', agency)
      .where('day', '=', isoDay)
      .execute();
    // At the counter (online submissions stop earlier, at the numbers kept for the counter).
    const refused = await submit(reception, {
      procedureCode: PERMIT,
      channel: 'counter',
      formData: form,
      applicant: { fullName: 'Trần Thị Mai', phone: '0909123456', address: 'Xã Tân Biên' },
    });
    expect(refused.statusCode).toBe(503);
    expect(problem(refused).code).toBe('daily_sequence_exhausted');
    expect(await count()).toBe(before);
  });

  it('keeps the dossier history append-only', async () => {
    await expect(ctx.handle.db.deleteFrom('dossier_actions').execute()).rejects.toThrow(/append-only/);
  });
});
