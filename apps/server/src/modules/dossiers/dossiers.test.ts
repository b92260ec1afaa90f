import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, problem, startTestApp, type Session, type TestContext } from '../../test/harness';

const PERMIT = '1.013236'; // Cấp giấy phép xây dựng — provincial, handled by Sở Xây dựng
const form = {
  applicant: {
    fullName: 'Võ Thị Ngọc Ánh',
    birthDate: '1990-05-01',
    identityNumber: '072190001234',
    address: 'Phường Tân Ninh, Tây Ninh',
    phone: '0912345678',
  },
  details: {
    worksName: 'Nhà ở riêng lẻ <script>alert(1)</script>',
    worksAddress: 'Khu phố 1, phường Tân Ninh',
    floors: 3,
  },
};

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
    const retry = await submit(citizen, body, 'nop-ho-so-0001');
    expect(retry.json().code).toBe(dossier.code);
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
    const response = await submit(reception, {
      procedureCode: PERMIT,
      channel: 'counter',
      formData: form,
      applicant: { fullName: 'Trần Thị Mai', phone: '0909123456', address: 'Xã Tân Biên' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      channel: 'counter',
      applicant: { fullName: 'Trần Thị Mai' },
      allowedActions: expect.arrayContaining(['accept']),
    });
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
    const refused = await submit(citizen, { procedureCode: PERMIT, channel: 'online', formData: form });
    expect(refused.statusCode).toBe(503);
    expect(problem(refused).code).toBe('daily_sequence_exhausted');
    expect(await count()).toBe(before);
  });

  it('keeps the dossier history append-only', async () => {
    await expect(ctx.handle.db.deleteFrom('dossier_actions').execute()).rejects.toThrow(/append-only/);
  });
});

describe('dossiers: processing across agencies to the returned result', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(async () => ctx.close());

  it('goes from acceptance through a task at another agency and approval to the returned result', async () => {
    const citizen = await login(ctx.app, 'congdan');
    const reception = await login(ctx.app, 'tiepnhan');
    const specialist = await login(ctx.app, 'chuyenvien.xd');
    const leader = await login(ctx.app, 'lanhdao.xd');
    const justice = await login(ctx.app, 'chuyenvien');
    const created = (
      await as(
        ctx.app,
        citizen,
      )({
        method: 'POST',
        url: '/api/dossiers',
        payload: { procedureCode: PERMIT, channel: 'online', formData: form },
      })
    ).json();
    const act = (session: Session, body: object) =>
      as(ctx.app, session)({ method: 'POST', url: `/api/dossiers/${created.code}/actions`, payload: body });
    const view = (session: Session) =>
      as(ctx.app, session)({ method: 'GET', url: `/api/dossiers/${created.code}` });

    expect((await act(reception, { type: 'accept' })).statusCode).toBe(200);
    const specialistUser = (await as(ctx.app, specialist)({ method: 'GET', url: '/api/auth/me' })).json();
    expect((await act(leader, { type: 'assign', assigneeId: 999_999 })).statusCode).toBe(422);
    expect((await act(leader, { type: 'assign', assigneeId: specialistUser.id })).json().status).toBe(
      'processing',
    );

    // Sở Tư pháp cannot see the dossier until a task is routed to it.
    expect((await view(justice)).statusCode).toBe(404);
    const justiceUnit = (await ctx.app.inject({ method: 'GET', url: '/api/units?q=000.00.14.H53' })).json()
      .items[0].id;
    const dueAt = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const forwarded = await act(specialist, {
      type: 'forward',
      unitId: justiceUnit,
      dueAt,
      task: 'Xác minh tình trạng pháp lý của thửa đất',
    });
    expect(forwarded.statusCode).toBe(200);
    expect((await view(justice)).json().allowedActions).toEqual(['complete-task']);
    // Approval waits for the other agency.
    const early = await act(specialist, { type: 'send-for-approval' });
    expect(problem(early).code).toBe('action_not_allowed');
    expect(
      (await act(justice, { type: 'complete-task', reason: 'Thửa đất không có tranh chấp' })).statusCode,
    ).toBe(200);
    // The task is done: Sở Tư pháp no longer sees the dossier.
    expect((await view(justice)).statusCode).toBe(404);

    expect((await act(specialist, { type: 'send-for-approval' })).json().status).toBe('pending_approval');
    expect((await act(specialist, { type: 'approve' })).statusCode).toBe(403);
    expect((await act(leader, { type: 'approve' })).json()).toMatchObject({ status: 'result_ready' });
    const returned = await act(reception, { type: 'return-result' });
    expect(returned.json()).toMatchObject({ status: 'returned', allowedActions: [] });
    expect(returned.json().history.map((h: { type: string }) => h.type)).toEqual([
      'submitted',
      'accepted',
      'assigned',
      'forwarded',
      'task_completed',
      'sent_for_approval',
      'approved',
      'result_returned',
    ]);
    expect((await act(citizen, { type: 'withdraw', reason: 'Không cần nữa' })).statusCode).toBe(409);

    // The applicant evaluates the service once (TT 01/2018); resolved well before the appointment.
    const rate = (session: Session, rating: object) => act(session, { type: 'rate', rating });
    const answers = {
      contacts: 2,
      bodies: 1,
      attitude: 2,
      satisfaction: 'rat-hai-long',
      comment: 'Nhanh, đúng hẹn',
    };
    const citizenView = await as(
      ctx.app,
      citizen,
    )({ method: 'GET', url: `/api/dossiers/${created.code}/allowed-actions` });
    expect(citizenView.json().actions.map((a: { type: string }) => a.type)).toEqual(['rate']);
    expect((await rate(reception, answers)).statusCode).toBe(403);
    const rated = await rate(citizen, answers);
    expect(rated.statusCode).toBe(200);
    expect(rated.json().rating).toMatchObject({
      timeScore: 2,
      contactsScore: 2,
      bodiesScore: 1,
      attitudeScore: 2,
      total: 7,
    });
    expect(rated.json().allowedActions).toEqual([]);
    expect(problem(await rate(citizen, answers)).detail).toContain('đã được đánh giá');
    const history = await as(
      ctx.app,
      citizen,
    )({ method: 'GET', url: `/api/dossiers/${created.code}/history` });
    expect(history.json().items.at(-1)).toMatchObject({
      type: 'rated',
      label: 'Người nộp đánh giá mức độ hài lòng',
      actor: expect.any(String),
    });
    expect((await rate(citizen, { ...answers, contacts: 3 })).statusCode).toBe(400);
  });

  it('restarts the clock after a supplement during appraisal, and allows one timely apology', async () => {
    const citizen = await login(ctx.app, 'congdan');
    const reception = await login(ctx.app, 'tiepnhan');
    const specialist = await login(ctx.app, 'chuyenvien.xd');
    const leader = await login(ctx.app, 'lanhdao.xd');
    const created = (
      await as(
        ctx.app,
        citizen,
      )({
        method: 'POST',
        url: '/api/dossiers',
        payload: { procedureCode: PERMIT, channel: 'online', formData: form },
      })
    ).json();
    const act = (session: Session, body: object) =>
      as(ctx.app, session)({ method: 'POST', url: `/api/dossiers/${created.code}/actions`, payload: body });
    const accepted = (await act(reception, { type: 'accept' })).json();
    expect(
      (
        await act(specialist, {
          type: 'request-supplement',
          items: ['Bản vẽ mặt bằng có chữ ký của kiến trúc sư'],
        })
      ).json().status,
    ).toBe('supplement_requested');
    const resumed = (await act(citizen, { type: 'supplement' })).json();
    expect(resumed.status).toBe('processing');
    expect(resumed.dueAt >= accepted.dueAt).toBe(true);

    const newDueAt = new Date(Date.parse(resumed.dueAt) + 10 * 86_400_000).toISOString();
    const apology = await act(leader, {
      type: 'apologize',
      reason: 'Cần lấy ý kiến cơ quan liên quan',
      newDueAt,
    });
    expect(apology.statusCode).toBe(200);
    expect(apology.json().originalDueAt).toBe(resumed.dueAt);
    const second = await act(leader, {
      type: 'apologize',
      reason: 'Lần hai',
      newDueAt: new Date(Date.parse(newDueAt) + 86_400_000).toISOString(),
    });
    expect(problem(second).detail).toContain('một lần');

    // Mẫu 04: the apology slip carries the reason and the new appointment.
    const pdfResponse = await as(
      ctx.app,
      citizen,
    )({ method: 'GET', url: `/api/dossiers/${created.code}/slips/apology.pdf` });
    expect(pdfResponse.statusCode).toBe(200);
    const pdf = await getDocument({ data: new Uint8Array(pdfResponse.rawPayload), isEvalSupported: false })
      .promise;
    const text = (await (await pdf.getPage(1)).getTextContent()).items
      .map((item) => ('str' in item ? item.str : ''))
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(text).toContain('Cần lấy ý kiến cơ quan liên quan');
    expect(text).toContain('Huỳnh Minh Tâm');
  });
});
