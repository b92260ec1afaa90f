/**
 * The applicant reads the texts addressed to them (refusal and rejection reasons, supplement
 * requests, apologies) and the notes an officer chose to show; the officers' other notes — the
 * assignment note, another agency's opinion, the task sent to it — reach only the officers,
 * through every read the applicant has: the dossier, its history, its events, the process control
 * (JSON and PDF), and the public lookup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, startTestApp, type Session, type TestContext } from '../../test/harness';
import { submitPermit } from '../../test/dossier-fixtures';
import { readPdf } from '../../test/pdf-text';
import { workingDaysFromNow } from '../../test/working-days';

const ASSIGNMENT_NOTE = 'Ưu tiên xử lý, hồ sơ của người quen lãnh đạo';
const TASK = 'Kiểm tra nội bộ hồ sơ đất đai của người nộp';
const OPINION = 'Sở Tư pháp: nhân thân có tiền án, cân nhắc';
const SHARED = 'Hồ sơ đã đủ điều kiện, đang trình lãnh đạo ký';
const SUPPLEMENT_ITEM = 'Bản vẽ mặt bằng công trình';
const REJECTION = 'Công trình nằm trong hành lang bảo vệ đê điều';
const INTERNAL = [ASSIGNMENT_NOTE, TASK, OPINION];

interface HistoryItem {
  type: string;
  reason: string | null;
  noteForApplicant: boolean;
  dueAt?: string;
}

describe('officers’ notes are internal unless shown to the applicant', () => {
  let ctx: TestContext;
  let citizen: Session;
  let leader: Session;
  let code: string;
  beforeAll(async () => {
    ctx = await startTestApp();
    const [reception, specialist, justice] = await Promise.all([
      login(ctx.app, 'tiepnhan'),
      login(ctx.app, 'chuyenvien.xd'),
      login(ctx.app, 'chuyenvien'),
    ]);
    citizen = await login(ctx.app, 'congdan');
    leader = await login(ctx.app, 'lanhdao.xd');
    code = await submitPermit(ctx.app, citizen);
    const act = async (session: Session, body: object) => {
      const response = await as(
        ctx.app,
        session,
      )({ method: 'POST', url: `/api/dossiers/${code}/actions`, payload: body });
      if (response.statusCode !== 200) throw new Error(`${JSON.stringify(body)}: ${response.body}`);
    };
    await act(reception, { type: 'accept' });
    const me = await as(ctx.app, specialist)({ method: 'GET', url: '/api/auth/me' });
    await act(leader, { type: 'assign', assigneeId: me.json().id, reason: ASSIGNMENT_NOTE });
    const units = await ctx.app.inject({ method: 'GET', url: '/api/units?q=000.00.14.H53' });
    await act(specialist, {
      type: 'forward',
      unitId: units.json().items[0].id,
      dueAt: await workingDaysFromNow(ctx.app, 3),
      task: TASK,
    });
    await act(justice, { type: 'complete-task', reason: OPINION });
    await act(specialist, { type: 'request-supplement', items: [SUPPLEMENT_ITEM] });
    await act(citizen, { type: 'supplement' });
    await act(specialist, { type: 'send-for-approval', reason: SHARED, shareNote: true });
    await act(leader, { type: 'reject', reason: REJECTION });
  });
  afterAll(async () => ctx.close());

  const get = (session: Session | null, path: string) =>
    as(ctx.app, session)({ method: 'GET', url: `/api/dossiers/${code}${path}` });

  it('the applicant’s dossier keeps every event but only the texts meant for them', async () => {
    const response = await get(citizen, '');
    expect(response.statusCode).toBe(200);
    const history = response.json<{ history: HistoryItem[] }>().history;
    expect(history.map((item) => item.type)).toEqual([
      'submitted',
      'accepted',
      'assigned',
      'forwarded',
      'task_completed',
      'supplement_requested',
      'supplemented',
      'sent_for_approval',
      'rejected',
    ]);
    const reason = (type: string) => history.find((item) => item.type === type)?.reason;
    expect(reason('assigned')).toBeNull();
    expect(reason('task_completed')).toBeNull();
    expect(reason('supplement_requested')).toBe(SUPPLEMENT_ITEM);
    expect(reason('sent_for_approval')).toBe(SHARED);
    expect(reason('rejected')).toBe(REJECTION);
    // The task's deadline is not the applicant's appointment.
    expect(history.find((item) => item.type === 'forwarded')?.dueAt).toBeUndefined();
    for (const text of INTERNAL) expect(response.body).not.toContain(text);
  });

  it('no other read of the applicant carries an internal note', async () => {
    for (const path of ['/history', '/events', '/process-control']) {
      const response = await get(citizen, path);
      expect(response.statusCode, path).toBe(200);
      for (const text of INTERNAL) expect(response.body, path).not.toContain(text);
    }
    expect((await get(citizen, '/history')).body).toContain(REJECTION);
    const control = await get(citizen, '/slips/control.pdf');
    expect(control.statusCode).toBe(200);
    const pdf = (await readPdf(control.rawPayload)).text;
    for (const text of INTERNAL) expect(pdf).not.toContain(text);
    const lookup = await ctx.app.inject({ method: 'GET', url: `/api/public/dossiers/${code}` });
    expect(lookup.statusCode).toBe(200);
    for (const text of [...INTERNAL, SHARED, REJECTION]) expect(lookup.body).not.toContain(text);
  });

  it('the officers read everything, and see which notes the applicant reads', async () => {
    const response = await get(leader, '');
    const history = response.json<{ history: HistoryItem[] }>().history;
    const entry = (type: string) => history.find((item) => item.type === type)!;
    expect(entry('assigned')).toMatchObject({ reason: ASSIGNMENT_NOTE, noteForApplicant: false });
    expect(entry('task_completed')).toMatchObject({ reason: OPINION, noteForApplicant: false });
    expect(entry('sent_for_approval')).toMatchObject({ reason: SHARED, noteForApplicant: true });
    expect(entry('rejected')).toMatchObject({ reason: REJECTION, noteForApplicant: true });
    expect(entry('forwarded').dueAt).toBeDefined();
    for (const path of ['/events', '/process-control'])
      for (const text of [TASK, OPINION]) expect((await get(leader, path)).body, path).toContain(text);
  });
});
