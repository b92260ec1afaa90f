import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, problem, startTestApp, type Session, type TestContext } from '../../test/harness';
import { multipart, PDF } from '../../test/dossier-fixtures';
import { workingDaysAfter, workingDaysFromNow } from '../../test/working-days';
import { form, PERMIT } from './test-dossiers';

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
    const dueAt = await workingDaysFromNow(ctx.app, 5);
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
    // Returned online (the dossier's channel): the electronic result must be attached first.
    const withoutFile = await act(reception, { type: 'return-result' });
    expect(problem(withoutFile)).toMatchObject({ status: 409, code: 'result_file_missing' });
    const file = multipart('Giấy phép xây dựng.pdf', PDF);
    const attached = await as(
      ctx.app,
      reception,
    )({
      method: 'POST',
      url: `/api/dossiers/${created.code}/attachments?purpose=result`,
      payload: file.payload,
      headers: file.headers,
    });
    expect(attached.statusCode).toBe(201);
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
      'attachment_added',
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

    const newDueAt = await workingDaysAfter(ctx.app, resumed.dueAt, 10);
    // A new appointment on a Sunday is refused.
    const sunday = new Date(
      Date.parse(newDueAt) +
        ((7 - new Date(Date.parse(newDueAt) + 7 * 3_600_000).getUTCDay()) % 7 || 7) * 86_400_000,
    );
    const onSunday = await act(leader, {
      type: 'apologize',
      reason: 'Chờ ý kiến',
      newDueAt: sunday.toISOString(),
    });
    expect(problem(onSunday).errors?.[0]).toMatchObject({ field: '/newDueAt', code: 'non_working_day' });
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
      newDueAt: await workingDaysAfter(ctx.app, newDueAt, 1),
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
